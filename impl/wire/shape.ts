/**
 * The structural description every codec of schema.ts carries next to its encoder and
 * decoder. It is plain data, so other code can walk a schema without decoding anything:
 * the wire profile (profile.ts) finds OPTIONAL fields by it, and test helpers derive
 * fast-check arbitraries from it, so schemas and generators cannot drift apart.
 */

export interface OctetsShape {
  readonly type: 'octets';
  readonly min: number;
  readonly max: number;
}

export interface IntegerShape {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
}

export interface BooleanShape {
  readonly type: 'boolean';
}

/** `min`/`max` count UTF-8 octets, not characters. */
export interface Utf8Shape {
  readonly type: 'utf8';
  readonly min: number;
  readonly max: number;
  readonly pattern?: RegExp;
}

export interface OneOfShape {
  readonly type: 'oneOf';
  readonly values: readonly string[];
}

export interface FieldShape {
  readonly key: string;
  readonly shape: Shape;
  /** The context tag of an OPTIONAL field; undefined for a required one. */
  readonly optionalTag?: number;
}

export interface SequenceShape {
  readonly type: 'sequence';
  readonly name: string;
  readonly fields: readonly FieldShape[];
}

export interface SequenceOfShape {
  readonly type: 'sequenceOf';
  readonly item: Shape;
  readonly min: number;
  readonly max: number;
}

export interface AlternativeShape {
  readonly kind: string;
  readonly tag: number;
  readonly shape: Shape;
}

export interface ChoiceShape {
  readonly type: 'choice';
  readonly name: string;
  readonly alternatives: readonly AlternativeShape[];
}

/** A codec built outside these combinators: a leaf that walkers do not enter. */
export interface OpaqueShape {
  readonly type: 'opaque';
  readonly description: string;
}

export type Shape =
  | OpaqueShape
  | OctetsShape
  | IntegerShape
  | BooleanShape
  | Utf8Shape
  | OneOfShape
  | SequenceShape
  | SequenceOfShape
  | ChoiceShape;
