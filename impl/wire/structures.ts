/**
 * Constructed codecs: SEQUENCE with named (and OPTIONAL, context-tagged) fields,
 * SEQUENCE OF, and CHOICE by [n] EXPLICIT tag. Errors carry the field path.
 */
import { err, ok } from '../result.ts';
import { decodeDer, encodeElement, encodeUniversal, readChildren, TagClass, Universal, concatBytes } from './der.ts';
import { expectUniversal, malformed, shapeOf, type Codec, type CodecValue, type ShapedCodec } from './codec.ts';
import type { FieldShape, Shape } from './shape.ts';

/** A field of a SEQUENCE: required, or OPTIONAL under a context tag [n] EXPLICIT. */
interface FieldSpec<T> {
  readonly codec: Codec<T>;
  readonly optionalTag?: number;
}

type AnyField = Codec<any> | FieldSpec<any>;
type FieldValue<F> = F extends Codec<infer T> ? T : F extends FieldSpec<infer T> ? T | undefined : never;
type RequiredKeys<S> = { [K in keyof S]: S[K] extends Codec<any> ? K : never }[keyof S];
type OptionalKeys<S> = { [K in keyof S]: S[K] extends Codec<any> ? never : K }[keyof S];
export type SequenceValue<S> = { [K in RequiredKeys<S>]: FieldValue<S[K]> } & { [K in OptionalKeys<S>]?: FieldValue<S[K]> };

/** Marks a field OPTIONAL, carried as [tag] EXPLICIT when present (DER omits absent fields). */
export function optional<T>(tag: number, codec: Codec<T>): FieldSpec<T> {
  return { codec, optionalTag: tag };
}

const isCodec = (field: AnyField): field is Codec<any> => 'encode' in field;

/** Context tags a field's first element may carry (a CHOICE starts with one of its own). */
function leadingContextTags(shape: Shape): number[] {
  return shape.type === 'choice' ? shape.alternatives.map((a) => a.tag) : [];
}

/**
 * DER decodes an absent OPTIONAL field by looking at the next element's tag, so the tags of
 * a run of OPTIONAL fields and of the field after the run must all differ. A schema that
 * breaks this is a programming error, reported when the module loads.
 */
function assertUnambiguous(name: string, fields: readonly FieldShape[]): void {
  let run = new Set<number>();
  for (const field of fields) {
    const tags = field.optionalTag !== undefined ? [field.optionalTag] : leadingContextTags(field.shape);
    for (const tag of tags) {
      if (run.has(tag)) throw new TypeError(`${name}.${field.key}: context tag [${tag}] is ambiguous with an OPTIONAL field before it`);
      run.add(tag);
    }
    if (field.optionalTag === undefined) run = new Set();
  }
}

/** SEQUENCE with named fields in declaration order; `name` labels errors. */
export function sequence<const S extends Record<string, AnyField>>(name: string, fields: S): ShapedCodec<SequenceValue<S>> {
  const entries = Object.entries(fields).map(([key, field]) => ({
    key,
    codec: isCodec(field) ? field : field.codec,
    optionalTag: isCodec(field) ? undefined : field.optionalTag,
  }));
  const fieldShapes: FieldShape[] = entries.map((e) =>
    e.optionalTag === undefined ? { key: e.key, shape: shapeOf(e.codec) } : { key: e.key, shape: shapeOf(e.codec), optionalTag: e.optionalTag },
  );
  assertUnambiguous(name, fieldShapes);
  return {
    description: `${name} ::= SEQUENCE { ${entries.map((e) => `${e.key}${e.optionalTag !== undefined ? ` [${e.optionalTag}] OPTIONAL` : ''}`).join(', ')} }`,
    shape: { type: 'sequence', name, fields: fieldShapes },
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

export function sequenceOf<T>(codec: Codec<T>, options: SequenceOfOptions = {}): ShapedCodec<T[]> {
  const { min = 0, max = 1000 } = options;
  return {
    description: `SEQUENCE (SIZE(${min}..${max})) OF ${codec.description}`,
    shape: { type: 'sequenceOf', item: shapeOf(codec), min, max },
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
export function choice<const A extends ChoiceAlternatives>(name: string, alternatives: A): ShapedCodec<ChoiceValue<A>> {
  const byTag = new Map<number, { kind: string; codec: Codec<any> }>();
  for (const [kind, [tag, codec]] of Object.entries(alternatives)) {
    if (byTag.has(tag)) throw new TypeError(`${name}: tag [${tag}] used by two alternatives`);
    byTag.set(tag, { kind, codec });
  }
  return {
    description: `${name} ::= CHOICE { ${Object.entries(alternatives).map(([k, [t]]) => `${k} [${t}]`).join(', ')} }`,
    shape: {
      type: 'choice',
      name,
      alternatives: Object.entries(alternatives).map(([kind, [tag, codec]]) => ({ kind, tag, shape: shapeOf(codec) })),
    },
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
