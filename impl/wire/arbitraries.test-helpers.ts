/**
 * fast-check arbitraries derived from the codecs' shapes (shape.ts), so every schema gets a
 * generator that cannot drift from it. Values honour a wire profile: they decode under it.
 * Sizes are kept small (a few dozen octets per field) so thousands of runs stay fast.
 */
import fc from 'fast-check';
import type { Codec } from './codec.ts';
import type { SequenceShape, Shape } from './shape.ts';
import { checkProfile, DEFAULT_WIRE_PROFILE, type FieldRule, type WireProfile } from './profile.ts';
import { DATA_SCHEMAS, type DataKind, type DataValue } from './data.ts';
import { MESSAGE_BODIES, type Message, type MessageKind } from './messages.ts';

/** How far above its minimum a generated size goes. */
const OCTETS_SPAN = 40;
const TEXT_SPAN = 24;
const ITEMS_SPAN = 3;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

/**
 * Any Unicode scalar value (no lone surrogates, which UTF-8 cannot carry). Built by hand:
 * fast-check's `unit: 'binary'` costs over a second to warm up under vitest.
 */
const scalarValue = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

/** Free text of `min..max` UTF-8 octets: cut whole code points from the end, pad with ASCII. */
function freeText(min: number, max: number): fc.Arbitrary<string> {
  const chars = fc.oneof(
    fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: Math.min(max, min + TEXT_SPAN) }),
    fc.string({ unit: scalarValue, minLength: min, maxLength: Math.min(max, min + TEXT_SPAN) }),
  );
  return chars.map((text) => {
    const points = [...text];
    while (utf8Length(points.join('')) > max) points.pop();
    let fitted = points.join('');
    while (utf8Length(fitted) < min) fitted += 'a';
    return fitted;
  });
}

function ruleFor(profile: WireProfile, structure: string, key: string): FieldRule {
  return profile.rules[structure]?.[key] ?? 'optional';
}

function labelOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'kind' in value ? (value as { kind: unknown }).kind : value;
}

function sequenceArbitrary(shape: SequenceShape, profile: WireProfile): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  const conditional: { key: string; field: string; is: string }[] = [];
  for (const field of shape.fields) {
    const rule: FieldRule = field.optionalTag === undefined ? 'required' : ruleFor(profile, shape.name, field.key);
    if (rule === 'forbidden') continue;
    model[field.key] = arbitraryOfShape(field.shape, profile);
    // A conditional field is always generated, then dropped where its condition is false.
    if (rule !== 'optional') requiredKeys.push(field.key);
    if (typeof rule === 'object') conditional.push({ key: field.key, ...rule.requiredIf });
  }
  const record = fc.record(model, { requiredKeys });
  if (conditional.length === 0) return record;
  return record.map((value) => {
    const out = { ...value };
    for (const c of conditional) if (labelOf(out[c.field]) !== c.is) delete out[c.key];
    return out;
  });
}

/** An arbitrary of the values of `shape` that decode under `profile`. */
export function arbitraryOfShape(shape: Shape, profile: WireProfile = DEFAULT_WIRE_PROFILE): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case 'octets':
      return fc.uint8Array({ minLength: shape.min, maxLength: Math.min(shape.max, shape.min + OCTETS_SPAN) });
    case 'integer':
      return fc.bigInt({ min: BigInt(shape.min), max: BigInt(shape.max) }).map(Number);
    case 'boolean':
      return fc.boolean();
    case 'utf8':
      return shape.pattern
        ? fc.stringMatching(shape.pattern).filter((text) => utf8Length(text) >= shape.min && utf8Length(text) <= shape.max)
        : freeText(shape.min, shape.max);
    case 'oneOf':
      return fc.constantFrom(...shape.values);
    case 'sequence':
      return sequenceArbitrary(shape, profile);
    case 'sequenceOf':
      return fc.array(arbitraryOfShape(shape.item, profile), { minLength: shape.min, maxLength: Math.min(shape.max, shape.min + ITEMS_SPAN) });
    case 'choice':
      return fc.oneof(...shape.alternatives.map((a) => arbitraryOfShape(a.shape, profile).map((value) => ({ kind: a.kind, value }))));
    case 'opaque':
      throw new TypeError(`no arbitrary for an opaque codec (${shape.description})`);
  }
}

/**
 * Values of `codec` valid under `profile`. Rules on nested paths (`PReq` -> `oi.oiSignature`)
 * are not built in by the generator, so a final filter keeps only conforming values.
 */
export function arbitraryOf<T>(codec: Codec<T>, profile: WireProfile = DEFAULT_WIRE_PROFILE): fc.Arbitrary<T> {
  const shape = codec.shape;
  if (!shape) throw new TypeError(`codec without a shape: ${codec.description}`);
  return arbitraryOfShape(shape, profile).filter((value) => checkProfile(shape, value, profile, '') === null) as fc.Arbitrary<T>;
}

export function dataArbitrary<K extends DataKind>(kind: K, profile: WireProfile = DEFAULT_WIRE_PROFILE): fc.Arbitrary<DataValue<K>> {
  return arbitraryOf(DATA_SCHEMAS[kind] as Codec<DataValue<K>>, profile);
}

export function messageArbitrary<K extends MessageKind>(kind: K, profile: WireProfile = DEFAULT_WIRE_PROFILE): fc.Arbitrary<Extract<Message, { kind: K }>> {
  return arbitraryOf(MESSAGE_BODIES[kind] as Codec<unknown>, profile).map((value) => ({ kind, value }) as Extract<Message, { kind: K }>);
}

/** Any message of any kind, valid under `profile`. */
export function anyMessageArbitrary(profile: WireProfile = DEFAULT_WIRE_PROFILE): fc.Arbitrary<Message> {
  return fc.oneof(...(Object.keys(MESSAGE_BODIES) as MessageKind[]).map((kind) => messageArbitrary(kind, profile) as fc.Arbitrary<Message>));
}
