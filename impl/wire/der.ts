/**
 * Strict DER (X.690 section 10) for the SET wire format: the subset SET messages use,
 * read with every canonical-encoding rule enforced, so one message has exactly one encoding
 * and `H(t)` over an encoding is well defined (SET.md section 2).
 *
 * Reading never throws: each rule that fails is named in the returned DerFailure.
 * Rules enforced: low tag numbers only; definite lengths in minimal form; the element fits
 * in its input; (in decodeDer) no trailing bytes.
 */
import { err, ok, type Result } from '../result.ts';

export const TagClass = { universal: 0, application: 1, context: 2, private: 3 } as const;

/** Universal tag numbers used by the SET profile. */
export const Universal = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  enumerated: 0x0a,
  utf8String: 0x0c,
  sequence: 0x10,
} as const;

export interface DerElement {
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** The content octets (a view into the input). */
  readonly content: Uint8Array;
  /** The whole element, header and content (a view into the input). */
  readonly raw: Uint8Array;
}

/** Why a DER read failed; the schema layer adds the field path. */
export interface DerFailure {
  readonly rule: string;
}

const MAX_LENGTH_OCTETS = 4;

/** Reads one element at `offset`; returns it and the offset just after it. */
export function readElement(input: Uint8Array, offset: number): Result<{ element: DerElement; next: number }, DerFailure> {
  if (offset >= input.length) return err({ rule: 'truncated: expected a tag' });
  const first = input[offset]!;
  const tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) return err({ rule: 'high tag numbers are not used by SET' });
  let pos = offset + 1;
  if (pos >= input.length) return err({ rule: 'truncated: expected a length' });
  const lengthByte = input[pos++]!;
  let length: number;
  if (lengthByte < 0x80) {
    length = lengthByte;
  } else {
    const count = lengthByte & 0x7f;
    if (count === 0) return err({ rule: 'indefinite length is not DER' });
    if (count > MAX_LENGTH_OCTETS) return err({ rule: `length of ${count} octets is too long` });
    if (pos + count > input.length) return err({ rule: 'truncated: length octets' });
    if (input[pos] === 0) return err({ rule: 'length has a leading zero octet (not minimal)' });
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + input[pos++]!;
    if (length < 0x80) return err({ rule: 'long-form length below 128 (not minimal)' });
  }
  const end = pos + length;
  if (end > input.length) return err({ rule: `truncated: content needs ${length} octets, ${input.length - pos} remain` });
  return ok({
    element: {
      tagClass: first >> 6,
      constructed: (first & 0x20) !== 0,
      tagNumber,
      content: input.subarray(pos, end),
      raw: input.subarray(offset, end),
    },
    next: end,
  });
}

/** Reads exactly one element that spans the whole input. */
export function decodeDer(input: Uint8Array): Result<DerElement, DerFailure> {
  const read = readElement(input, 0);
  if (!read.ok) return read;
  if (read.value.next !== input.length) {
    return err({ rule: `${input.length - read.value.next} trailing octets after the element` });
  }
  return ok(read.value.element);
}

/** Reads the children of a constructed element, in order. */
export function readChildren(parent: DerElement): Result<DerElement[], DerFailure> {
  const children: DerElement[] = [];
  let pos = 0;
  while (pos < parent.content.length) {
    const read = readElement(parent.content, pos);
    if (!read.ok) return read;
    children.push(read.value.element);
    pos = read.value.next;
  }
  return ok(children);
}

// ---- writing ----

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

export function encodeElement(tagClass: number, constructed: boolean, tagNumber: number, content: Uint8Array): Uint8Array {
  const identifier = (tagClass << 6) | (constructed ? 0x20 : 0) | tagNumber;
  return concatBytes(Uint8Array.of(identifier), encodeLength(content.length), content);
}

export const encodeUniversal = (tagNumber: number, content: Uint8Array, constructed = false): Uint8Array =>
  encodeElement(TagClass.universal, constructed, tagNumber, content);

export const encodeSequence = (...children: readonly Uint8Array[]): Uint8Array =>
  encodeUniversal(Universal.sequence, concatBytes(...children), true);

export const encodeOctetString = (bytes: Uint8Array): Uint8Array => encodeUniversal(Universal.octetString, bytes);
