/**
 * Leaf codecs over strict DER: OCTET STRING, INTEGER, BOOLEAN, UTF8String and a UTF8String
 * limited to a set of names. Each decoder accepts exactly the bytes its encoder writes, so
 * encode(decode(b)) = b whenever decode succeeds (SET.md section 2: one canonical encoding).
 */
import { err, ok } from '../result.ts';
import { encodeUniversal, Universal } from './der.ts';
import { expectUniversal, malformed, type ShapedCodec } from './codec.ts';

export interface OctetsOptions {
  readonly length?: number;
  readonly min?: number;
  readonly max?: number;
}

export function octets(options: OctetsOptions = {}): ShapedCodec<Uint8Array> {
  const { length, min = 0, max = Number.MAX_SAFE_INTEGER } = options;
  const description = length !== undefined ? `OCTET STRING (SIZE(${length}))` : `OCTET STRING (SIZE(${min}..${max === Number.MAX_SAFE_INTEGER ? 'MAX' : max}))`;
  return {
    description,
    shape: { type: 'octets', min: length ?? min, max: length ?? max },
    encode: (value) => encodeUniversal(Universal.octetString, value),
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.octetString, false, path, 'OCTET STRING');
      if (wrong) return err(wrong);
      const size = element.content.length;
      if (length !== undefined && size !== length) return malformed(path, `expected ${length} octets, got ${size}`);
      if (size < min || size > max) return malformed(path, `expected ${min}..${max} octets, got ${size}`);
      return ok(element.content.slice());
    },
  };
}

export interface IntegerOptions {
  readonly min?: number;
  readonly max?: number;
}

/** INTEGER limited to JavaScript safe integers (amounts are minor units, SET.md section 3). */
export function integer(options: IntegerOptions = {}): ShapedCodec<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  return {
    description: `INTEGER (${min}..${max})`,
    shape: { type: 'integer', min, max },
    encode: (value) => encodeUniversal(Universal.integer, integerContent(value)),
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.integer, false, path, 'INTEGER');
      if (wrong) return err(wrong);
      const c = element.content;
      if (c.length === 0) return malformed(path, 'INTEGER with no content octets');
      if (c.length > 1 && ((c[0] === 0x00 && (c[1]! & 0x80) === 0) || (c[0] === 0xff && (c[1]! & 0x80) !== 0))) {
        return malformed(path, 'INTEGER not in minimal form');
      }
      if (c.length > 7) return malformed(path, 'INTEGER beyond the safe integer range');
      let value = c[0]! & 0x80 ? -1n : 0n;
      for (const byte of c) value = (value << 8n) | BigInt(byte);
      if (value < BigInt(min) || value > BigInt(max)) return malformed(path, `INTEGER ${value} outside ${min}..${max}`);
      return ok(Number(value));
    },
  };
}

function integerContent(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`INTEGER: ${value} is not a safe integer`);
  let big = BigInt(value);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(big & 0xffn));
    big >>= 8n;
  } while (!(big === 0n && (bytes[0]! & 0x80) === 0) && !(big === -1n && (bytes[0]! & 0x80) !== 0));
  return Uint8Array.from(bytes);
}

export function boolean(): ShapedCodec<boolean> {
  return {
    description: 'BOOLEAN',
    shape: { type: 'boolean' },
    encode: (value) => encodeUniversal(Universal.boolean, Uint8Array.of(value ? 0xff : 0x00)),
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.boolean, false, path, 'BOOLEAN');
      if (wrong) return err(wrong);
      const c = element.content;
      if (c.length !== 1 || (c[0] !== 0x00 && c[0] !== 0xff)) return malformed(path, 'BOOLEAN must be one octet 00 or FF');
      return ok(c[0] === 0xff);
    },
  };
}

// ignoreBOM: a leading U+FEFF stays in the string, so it is re-encoded and the encoding
// stays canonical (the default decoder would drop it and lose three octets).
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

export interface Utf8Options {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

/** UTF8String whose size (`min`, `max`) counts octets. */
export function utf8(options: Utf8Options = {}): ShapedCodec<string> {
  const { min = 0, max = 1024, pattern } = options;
  return {
    description: `UTF8String (SIZE(${min}..${max}))${pattern ? ` matching ${pattern}` : ''}`,
    shape: pattern ? { type: 'utf8', min, max, pattern } : { type: 'utf8', min, max },
    encode: (value) => encodeUniversal(Universal.utf8String, utf8Encoder.encode(value)),
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.utf8String, false, path, 'UTF8String');
      if (wrong) return err(wrong);
      const size = element.content.length;
      if (size < min || size > max) return malformed(path, `expected ${min}..${max} octets of text, got ${size}`);
      let text: string;
      try {
        // The only throwing call here: TextDecoder's fatal mode is how invalid UTF-8 is reported.
        text = utf8Decoder.decode(element.content);
      } catch {
        return malformed(path, 'invalid UTF-8');
      }
      // The text is not echoed: a rejected field may hold card data, and reasons get logged.
      if (pattern && !pattern.test(text)) return malformed(path, `${size} octets of text that do not match ${pattern}`);
      return ok(text);
    },
  };
}

/** A UTF8String restricted to a fixed set of names (outcomes, codes, statuses). */
export function oneOf<const V extends string>(values: readonly V[]): ShapedCodec<V> {
  const text = utf8({ max: 64 });
  const allowed = new Set<string>(values);
  return {
    description: `UTF8String (${values.join(' | ')})`,
    shape: { type: 'oneOf', values },
    encode: (value) => text.encode(value),
    decodeElement(element, path) {
      const decoded = text.decodeElement(element, path);
      if (!decoded.ok) return decoded;
      if (!allowed.has(decoded.value)) return malformed(path, `not one of ${values.join(', ')}`);
      return ok(decoded.value as V);
    },
  };
}
