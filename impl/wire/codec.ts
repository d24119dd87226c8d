/**
 * The codec contract shared by every schema combinator (primitives.ts, structures.ts) and
 * SET.md section 8's `malformed` outcome that decoding returns instead of throwing.
 */
import { err, type Result } from '../result.ts';
import { decodeDer, TagClass, type DerElement } from './der.ts';
import type { Shape } from './shape.ts';

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
  /** The structure as data (shape.ts); every combinator of this folder sets it. */
  readonly shape?: Shape;
  encode(value: T): Uint8Array;
  decodeElement(element: DerElement, path: string): Decoded<T>;
}

/** What every combinator returns: a codec whose structure can be walked. */
export interface ShapedCodec<T> extends Codec<T> {
  readonly shape: Shape;
}

export type CodecValue<C> = C extends Codec<infer T> ? T : never;

/** A codec from elsewhere without a shape is a leaf that walkers do not enter. */
export const shapeOf = (codec: Codec<any>): Shape => codec.shape ?? { type: 'opaque', description: codec.description };

/** Encodes a value as one DER element. */
export const encode = <T>(codec: Codec<T>, value: T): Uint8Array => codec.encode(value);

/** Decodes bytes that must hold exactly one element of `codec`. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, path: string): Decoded<T> {
  const element = decodeDer(bytes);
  if (!element.ok) return malformed(path, element.error.rule);
  return codec.decodeElement(element.value, path);
}

export function expectUniversal(element: DerElement, tagNumber: number, constructed: boolean, path: string, name: string): Malformed | null {
  if (element.tagClass !== TagClass.universal || element.tagNumber !== tagNumber || element.constructed !== constructed) {
    return { outcome: 'malformed', field: path, rule: `expected ${name}, got tag 0x${element.raw[0]!.toString(16).padStart(2, '0')}` };
  }
  return null;
}
