/**
 * The attacker's reading of bytes (the model's lenient parse, model/messages/parse.ts): the
 * structure as the schema gives it, with every leaf kept whether or not it keeps the schema's
 * sizes, patterns and ranges. Two views come out: `raw`, every value as it stands (it encodes back
 * to the same bytes, so a structure copied whole stays what it was), and `valid`, where a leaf the
 * strict decoder would reject is undefined (a field of the wrong type, which the model's attacker
 * does not read either). A structure that does not fit the schema at all gives nothing.
 */
import { DATA_SCHEMAS, type DataKind, type DataValue } from '../../impl/wire/data.ts';
import { decodeDer, readChildren, TagClass, Universal, type DerElement } from '../../impl/wire/der.ts';
import { MESSAGE_BODIES, MESSAGE_KINDS, type Message } from '../../impl/wire/messages.ts';
import type { Codec, Shape } from '../../impl/wire/schema.ts';

export interface Loose<T> {
  /** Every leaf as it stands (encodes to the same bytes). */
  readonly raw: T;
  /** The leaves a strict decoder accepts; the others undefined. */
  readonly valid: T;
}

const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The size limit of an enumeration's UTF8String (impl/wire/primitives.ts, oneOf). */
export const ONE_OF_MAX = 64;

function universal(element: DerElement, tag: number, constructed: boolean): boolean {
  return element.tagClass === TagClass.universal && element.tagNumber === tag && element.constructed === constructed;
}

function integerOf(content: Uint8Array): number | undefined {
  if (content.length === 0 || content.length > 7) return undefined;
  let value = content[0]! & 0x80 ? -1n : 0n;
  for (const byte of content) value = (value << 8n) | BigInt(byte);
  return Number(value);
}

function loose(shape: Shape, element: DerElement): Loose<unknown> | undefined {
  switch (shape.type) {
    case 'octets': {
      if (!universal(element, Universal.octetString, false)) return undefined;
      const value = element.content.slice();
      return { raw: value, valid: value.length >= shape.min && value.length <= shape.max ? value : undefined };
    }
    case 'utf8':
    case 'oneOf': {
      if (!universal(element, Universal.utf8String, false)) return undefined;
      let value: string;
      try {
        value = text.decode(element.content);
      } catch {
        return undefined;
      }
      // the model's attacker reads any text where a text stands (an enumeration or a pattern is the receiver's check);
      // only a size the codec cannot hold marks a value of another type (fake-values.ts, invalidFor)
      const size = element.content.length;
      const ok = shape.type === 'oneOf' ? size <= ONE_OF_MAX : size >= shape.min && size <= shape.max;
      return { raw: value, valid: ok ? value : undefined };
    }
    case 'integer': {
      if (!universal(element, Universal.integer, false)) return undefined;
      const value = integerOf(element.content);
      if (value === undefined) return undefined;
      return { raw: value, valid: value >= shape.min && value <= shape.max ? value : undefined };
    }
    case 'boolean': {
      if (!universal(element, Universal.boolean, false) || element.content.length !== 1) return undefined;
      const value = element.content[0] !== 0;
      return { raw: value, valid: value };
    }
    case 'sequence': {
      if (!universal(element, Universal.sequence, true)) return undefined;
      const children = readChildren(element);
      if (!children.ok) return undefined;
      const raw: Record<string, unknown> = {};
      const valid: Record<string, unknown> = {};
      let index = 0;
      for (const field of shape.fields) {
        const child = children.value[index];
        let inner: DerElement | undefined = child;
        if (field.optionalTag !== undefined) {
          if (!child || child.tagClass !== TagClass.context || child.tagNumber !== field.optionalTag || !child.constructed) continue;
          const unwrapped = decodeDer(child.content);
          if (!unwrapped.ok) return undefined;
          inner = unwrapped.value;
        }
        if (!inner) return undefined;
        const value = loose(field.shape, inner);
        if (!value) return undefined;
        raw[field.key] = value.raw;
        if (value.valid !== undefined) valid[field.key] = value.valid;
        index += 1;
      }
      if (index !== children.value.length) return undefined;
      return { raw, valid };
    }
    case 'sequenceOf': {
      if (!universal(element, Universal.sequence, true)) return undefined;
      const children = readChildren(element);
      if (!children.ok) return undefined;
      const items = children.value.map((child) => loose(shape.item, child));
      if (items.some((item) => item === undefined)) return undefined;
      const count = items.length;
      return { raw: items.map((i) => i!.raw), valid: count >= shape.min && count <= shape.max ? items.map((i) => i!.valid) : undefined };
    }
    case 'choice': {
      if (element.tagClass !== TagClass.context || !element.constructed) return undefined;
      const alternative = shape.alternatives.find((a) => a.tag === element.tagNumber);
      const inner = decodeDer(element.content);
      if (!alternative || !inner.ok) return undefined;
      const value = loose(alternative.shape, inner.value);
      if (!value) return undefined;
      return { raw: { kind: alternative.kind, value: value.raw }, valid: value.valid === undefined ? undefined : { kind: alternative.kind, value: value.valid } };
    }
    case 'opaque':
      return undefined;
  }
}

/** `bytes` as one value of `codec`, loosely. */
export function looseDecode<T>(codec: Codec<T>, bytes: Uint8Array | undefined): Loose<T> | undefined {
  if (!bytes) return undefined;
  const root = decodeDer(bytes);
  if (!root.ok) return undefined;
  return loose(codec.shape!, root.value) as Loose<T> | undefined;
}

export function looseData<K extends DataKind>(kind: K, bytes: Uint8Array | undefined): Loose<DataValue<K>> | undefined {
  return looseDecode(DATA_SCHEMAS[kind] as Codec<DataValue<K>>, bytes);
}

/** A whole message (the MessageWrapper of impl/wire/messages.ts), loosely. */
export function looseMessage(bytes: Uint8Array): { readonly raw: Message; readonly valid: Message } | undefined {
  const root = decodeDer(bytes);
  if (!root.ok || !universal(root.value, Universal.sequence, true)) return undefined;
  const children = readChildren(root.value);
  if (!children.ok || children.value.length !== 2) return undefined;
  const element = children.value[1]!;
  const kind = MESSAGE_KINDS[element.tagNumber];
  if (element.tagClass !== TagClass.context || !element.constructed || kind === undefined) return undefined;
  const inner = decodeDer(element.content);
  if (!inner.ok) return undefined;
  const body = loose(MESSAGE_BODIES[kind].shape, inner.value);
  if (!body) return undefined;
  return { raw: { kind, value: body.raw } as Message, valid: { kind, value: body.valid ?? {} } as Message };
}

/** Is every leaf of `raw` valid in `valid` (a field the model reads as one term: an amount, a form, an order)? */
export function complete(raw: unknown, valid: unknown): boolean {
  if (valid === undefined) return false;
  if (raw instanceof Uint8Array || typeof raw !== 'object' || raw === null) return true;
  if (typeof valid !== 'object' || valid === null) return false;
  const r = raw as Record<string, unknown>;
  const v = valid as Record<string, unknown>;
  return Object.keys(r).every((key) => complete(r[key], v[key]));
}
