/**
 * Codecs for SET's ASN.1 structures, built from a few combinators over strict DER (der.ts).
 * Every decoder returns a typed Malformed that names the field path and the rule broken
 * ("PReq.OI.OIData.HOD: expected 32 octets, got 31"); none throws on any input.
 */
import { err, ok, type Result } from '../result.ts';
import {
  decodeDer,
  encodeElement,
  encodeUniversal,
  readChildren,
  TagClass,
  Universal,
  concatBytes,
  type DerElement,
} from './der.ts';

/** SET.md section 8's `malformed` outcome, with the field and the rule that failed. */
export interface Malformed {
  readonly outcome: 'malformed';
  readonly field: string;
  readonly rule: string;
}

export type Decoded<T> = Result<T, Malformed>;

export const malformed = (field: string, rule: string): { ok: false; error: Malformed } =>
  err({ outcome: 'malformed', field, rule });

export function describeMalformed(m: Malformed): string {
  return `malformed: ${m.field}: ${m.rule}`;
}

export interface Codec<T> {
  /** A short ASN.1-ish description, used in error messages and docs. */
  readonly description: string;
  encode(value: T): Uint8Array;
  decodeElement(element: DerElement, path: string): Decoded<T>;
}

export type CodecValue<C> = C extends Codec<infer T> ? T : never;

/** Encodes a value as one DER element. */
export const encode = <T>(codec: Codec<T>, value: T): Uint8Array => codec.encode(value);

/** Decodes bytes that must hold exactly one element of `codec`. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, path: string): Decoded<T> {
  const element = decodeDer(bytes);
  if (!element.ok) return malformed(path, element.error.rule);
  return codec.decodeElement(element.value, path);
}

function expectUniversal(element: DerElement, tagNumber: number, constructed: boolean, path: string, name: string): Malformed | null {
  if (element.tagClass !== TagClass.universal || element.tagNumber !== tagNumber || element.constructed !== constructed) {
    return { outcome: 'malformed', field: path, rule: `expected ${name}, got tag 0x${element.raw[0]!.toString(16).padStart(2, '0')}` };
  }
  return null;
}

// ---- primitives ----

export interface OctetsOptions {
  readonly length?: number;
  readonly min?: number;
  readonly max?: number;
}

export function octets(options: OctetsOptions = {}): Codec<Uint8Array> {
  const { length, min = 0, max = Number.MAX_SAFE_INTEGER } = options;
  const description = length !== undefined ? `OCTET STRING (SIZE(${length}))` : `OCTET STRING (SIZE(${min}..${max === Number.MAX_SAFE_INTEGER ? 'MAX' : max}))`;
  return {
    description,
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
export function integer(options: IntegerOptions = {}): Codec<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  return {
    description: `INTEGER (${min}..${max})`,
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

export function boolean(): Codec<boolean> {
  return {
    description: 'BOOLEAN',
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

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export interface Utf8Options {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

export function utf8(options: Utf8Options = {}): Codec<string> {
  const { min = 0, max = 1024, pattern } = options;
  return {
    description: `UTF8String (SIZE(${min}..${max}))${pattern ? ` matching ${pattern}` : ''}`,
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
      if (pattern && !pattern.test(text)) return malformed(path, `"${text}" does not match ${pattern}`);
      return ok(text);
    },
  };
}

/** A UTF8String restricted to a fixed set of names (outcomes, codes, statuses). */
export function oneOf<const V extends string>(values: readonly V[]): Codec<V> {
  const text = utf8({ max: 64 });
  const allowed = new Set<string>(values);
  return {
    description: `UTF8String (${values.join(' | ')})`,
    encode: (value) => text.encode(value),
    decodeElement(element, path) {
      const decoded = text.decodeElement(element, path);
      if (!decoded.ok) return decoded;
      if (!allowed.has(decoded.value)) return malformed(path, `"${decoded.value}" is not one of ${values.join(', ')}`);
      return ok(decoded.value as V);
    },
  };
}

// ---- structures ----

/** A field of a SEQUENCE: required, or OPTIONAL under a context tag [n] EXPLICIT. */
interface FieldSpec<T> {
  readonly codec: Codec<T>;
  readonly optionalTag?: number;
}

type AnyField = Codec<any> | FieldSpec<any>;
type FieldValue<F> = F extends Codec<infer T> ? T : F extends { codec: Codec<infer T>; optionalTag: number } ? T | undefined : never;
type RequiredKeys<S> = { [K in keyof S]: S[K] extends Codec<any> ? K : never }[keyof S];
type OptionalKeys<S> = { [K in keyof S]: S[K] extends Codec<any> ? never : K }[keyof S];
export type SequenceValue<S> = { [K in RequiredKeys<S>]: FieldValue<S[K]> } & { [K in OptionalKeys<S>]?: FieldValue<S[K]> };

/** Marks a field OPTIONAL, carried as [tag] EXPLICIT when present (DER omits absent fields). */
export function optional<T>(tag: number, codec: Codec<T>): FieldSpec<T> {
  return { codec, optionalTag: tag };
}

const isCodec = (field: AnyField): field is Codec<any> => 'encode' in field;

/** SEQUENCE with named fields in declaration order; `name` labels errors. */
export function sequence<const S extends Record<string, AnyField>>(name: string, fields: S): Codec<SequenceValue<S>> {
  const entries = Object.entries(fields).map(([key, field]) => ({
    key,
    codec: isCodec(field) ? field : field.codec,
    optionalTag: isCodec(field) ? undefined : field.optionalTag,
  }));
  return {
    description: `${name} ::= SEQUENCE { ${entries.map((e) => `${e.key}${e.optionalTag !== undefined ? ` [${e.optionalTag}] OPTIONAL` : ''}`).join(', ')} }`,
    encode(value) {
      const record = value as Record<string, unknown>;
      const parts: Uint8Array[] = [];
      for (const entry of entries) {
        const fieldValue = record[entry.key];
        if (entry.optionalTag === undefined) {
          if (fieldValue === undefined) throw new TypeError(`${name}.${entry.key} is required`);
          parts.push(entry.codec.encode(fieldValue));
        } else if (fieldValue !== undefined) {
          parts.push(encodeElement(TagClass.context, true, entry.optionalTag, entry.codec.encode(fieldValue)));
        }
      }
      return encodeUniversal(Universal.sequence, concatBytes(...parts), true);
    },
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.sequence, true, path, `SEQUENCE (${name})`);
      if (wrong) return err(wrong);
      const children = readChildren(element);
      if (!children.ok) return malformed(path, children.error.rule);
      const out: Record<string, unknown> = {};
      let index = 0;
      for (const entry of entries) {
        const fieldPath = `${path}.${entry.key}`;
        const child = children.value[index];
        if (entry.optionalTag !== undefined) {
          if (child && child.tagClass === TagClass.context && child.tagNumber === entry.optionalTag) {
            if (!child.constructed) return malformed(fieldPath, `[${entry.optionalTag}] must be constructed (EXPLICIT)`);
            const inner = decodeDer(child.content);
            if (!inner.ok) return malformed(fieldPath, inner.error.rule);
            const decoded = entry.codec.decodeElement(inner.value, fieldPath);
            if (!decoded.ok) return decoded;
            out[entry.key] = decoded.value;
            index += 1;
          }
          continue;
        }
        if (!child) return malformed(fieldPath, 'missing');
        const decoded = entry.codec.decodeElement(child, fieldPath);
        if (!decoded.ok) return decoded;
        out[entry.key] = decoded.value;
        index += 1;
      }
      if (index !== children.value.length) return malformed(path, `${children.value.length - index} unexpected trailing field(s)`);
      return ok(out as SequenceValue<S>);
    },
  };
}

export interface SequenceOfOptions {
  readonly min?: number;
  readonly max?: number;
}

export function sequenceOf<T>(codec: Codec<T>, options: SequenceOfOptions = {}): Codec<T[]> {
  const { min = 0, max = 1000 } = options;
  return {
    description: `SEQUENCE (SIZE(${min}..${max})) OF ${codec.description}`,
    encode: (values) => encodeUniversal(Universal.sequence, concatBytes(...values.map((v) => codec.encode(v))), true),
    decodeElement(element, path) {
      const wrong = expectUniversal(element, Universal.sequence, true, path, 'SEQUENCE OF');
      if (wrong) return err(wrong);
      const children = readChildren(element);
      if (!children.ok) return malformed(path, children.error.rule);
      const count = children.value.length;
      if (count < min || count > max) return malformed(path, `expected ${min}..${max} items, got ${count}`);
      const out: T[] = [];
      for (const [i, child] of children.value.entries()) {
        const decoded = codec.decodeElement(child, `${path}[${i}]`);
        if (!decoded.ok) return decoded;
        out.push(decoded.value);
      }
      return ok(out);
    },
  };
}

type ChoiceAlternatives = Record<string, readonly [tag: number, codec: Codec<any>]>;
export type ChoiceValue<A extends ChoiceAlternatives> = {
  [K in keyof A]: { readonly kind: K; readonly value: CodecValue<A[K][1]> };
}[keyof A];

/** CHOICE whose alternatives are [tag] EXPLICIT; the value says which one it is. */
export function choice<const A extends ChoiceAlternatives>(name: string, alternatives: A): Codec<ChoiceValue<A>> {
  const byTag = new Map<number, { kind: string; codec: Codec<any> }>();
  for (const [kind, [tag, codec]] of Object.entries(alternatives)) byTag.set(tag, { kind, codec });
  return {
    description: `${name} ::= CHOICE { ${Object.entries(alternatives).map(([k, [t]]) => `${k} [${t}]`).join(', ')} }`,
    encode(value) {
      const alternative = alternatives[value.kind as string];
      if (!alternative) throw new TypeError(`${name}: unknown alternative ${String(value.kind)}`);
      return encodeElement(TagClass.context, true, alternative[0], alternative[1].encode(value.value));
    },
    decodeElement(element, path) {
      if (element.tagClass !== TagClass.context || !element.constructed) {
        return malformed(path, `expected a [n] EXPLICIT alternative of ${name}`);
      }
      const alternative = byTag.get(element.tagNumber);
      if (!alternative) return malformed(path, `[${element.tagNumber}] is not an alternative of ${name}`);
      const inner = decodeDer(element.content);
      if (!inner.ok) return malformed(`${path}.${alternative.kind}`, inner.error.rule);
      const decoded = alternative.codec.decodeElement(inner.value, `${path}.${alternative.kind}`);
      if (!decoded.ok) return decoded;
      return ok({ kind: alternative.kind, value: decoded.value } as ChoiceValue<A>);
    },
  };
}
