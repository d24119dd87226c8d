/**
 * Codecs for SET's ASN.1 structures, built from a few combinators over strict DER (der.ts).
 * Every decoder returns a typed Malformed that names the field path and the rule broken
 * ("PReq.oi.oiData.hod: expected 32 octets, got 31"); none throws on any input.
 *
 * This module is the one import for schema authors; the pieces live in codec.ts (contract,
 * Malformed, encode/decode), primitives.ts (leaves), structures.ts (SEQUENCE, CHOICE, ...)
 * and shape.ts (the structure of a codec as data).
 */
export {
  decode,
  describeMalformed,
  encode,
  malformed,
  shapeOf,
  type Codec,
  type CodecValue,
  type Decoded,
  type Malformed,
  type ShapedCodec,
} from './codec.ts';
export { boolean, integer, octets, oneOf, utf8, type IntegerOptions, type OctetsOptions, type Utf8Options } from './primitives.ts';
export { choice, optional, sequence, sequenceOf, type ChoiceValue, type SequenceOfOptions, type SequenceValue } from './structures.ts';
export type { Shape } from './shape.ts';
