/**
 * Values of a faked message on the implementation (docs/decisions.md D29): each carries the kind
 * of term the model would have in its place (so the model's field types decide, as there, which
 * value a field takes and which makes the receiver find the message `malformed`), its bytes or
 * codec value, and whether the attacker can derive it (the model's `canDerive`, leaf by leaf).
 */
import { hasFieldType, type FieldType } from '../../model/messages/index.ts';
import type { Term } from '../../model/terms/index.ts';
import { Envelope } from '../../impl/wire/blobs.ts';
import { CapTokens } from '../../impl/wire/capture.ts';
import { encodeUniversal, Universal } from '../../impl/wire/der.ts';
import { encodeData, type DataKind } from '../../impl/wire/data.ts';
import { PI } from '../../impl/wire/purchase.ts';
import { RegFormValues } from '../../impl/wire/registration.ts';
import { encode, type Codec, type Shape } from '../../impl/wire/schema.ts';
import { ONE_OF_MAX } from './loose-decode.ts';

/** The model's term kinds a field value can have (model/terms). */
export type ValKind =
  | 'nonce' | 'text' | 'agent' | 'int' | 'amount' | 'hash' | 'hmac' | 'sign' | 'cert' | 'publicKey' | 'symKey' | 'pan' | 'data' | 'panSecret' | 'tuple';

/** What a tuple value is on the implementation: a named structure of a message, or a form. */
export type TupleSort =
  | 'PI' | 'OI' | 'OIData' | 'PIHead' | 'PANData' | 'PANToken' | 'AuthReqData' | 'AuthResData' | 'CapToken' | 'CapTokens' | 'CapReqData'
  | 'RegForm' | 'RegFormValues' | 'fresh';

export interface Val {
  readonly kind: ValKind;
  /** Bytes, a string, a number or a codec value, as the implementation's codec holds this kind of field. */
  readonly v: unknown;
  /** Can the attacker derive it (SET.md 9)? */
  readonly ok: boolean;
  readonly sort?: TupleSort;
  /** A fresh value's `att-<n>` name, for a text field that takes it (an AuthCode). */
  readonly label?: string;
}

export const val = (kind: ValKind, v: unknown, ok = true, extra: { sort?: TupleSort; label?: string } = {}): Val => ({ kind, v, ok, ...extra });

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: false });

/** Does a value of this kind fit a field of this model type (model/messages/field-types.ts)? */
export function fits(value: Val, type: FieldType): boolean {
  return hasFieldType({ kind: value.kind } as Term, type);
}

/**
 * A value the codec encodes and every strict decoder rejects (SET.md 8: `malformed`): the field's
 * own type with a size, pattern or range it does not allow.
 */
export function invalidFor(shape: Shape): unknown {
  switch (shape.type) {
    case 'octets':
      return new Uint8Array(shape.min > 0 ? 0 : shape.max + 1);
    case 'utf8':
      return shape.min > 0 || shape.pattern ? '' : 'x'.repeat(shape.max + 1);
    case 'oneOf':
      return 'x'.repeat(ONE_OF_MAX + 1);
    case 'integer':
      return shape.min > Number.MIN_SAFE_INTEGER ? shape.min - 1 : shape.max + 1;
    case 'boolean':
      return false;
    case 'sequence':
      return Object.fromEntries(shape.fields.filter((f) => f.optionalTag === undefined).map((f) => [f.key, invalidFor(f.shape)]));
    case 'sequenceOf':
      return shape.min > 0 ? [] : Array.from({ length: shape.max + 1 }, () => invalidFor(shape.item));
    case 'choice':
      return { kind: shape.alternatives[0]!.kind, value: invalidFor(shape.alternatives[0]!.shape) };
    case 'opaque':
      throw new Error(`no invalid value for ${shape.description}`);
  }
}

/** A text that has to fit a pattern the model does not know (PAN, CardExpiry, AcquirerBIN): digits of its own. */
function patterned(value: string, pattern: RegExp): string {
  if (pattern.test(value)) return value;
  const digits = value.replace(/\D/g, '');
  for (const candidate of [`9${digits.padStart(15, '0').slice(-15)}`, `9${digits.padStart(5, '0').slice(-10)}`, '000001']) {
    if (pattern.test(candidate)) return candidate;
  }
  return value;
}

/**
 * The codec value of `value` in a field of model type `type` held by `codec`: converted where the
 * model's type accepts it, else a value the receiver's decoder rejects.
 */
export function place(value: Val, type: FieldType, codec: Codec<unknown>): unknown {
  const shape = codec.shape!;
  if (!fits(value, type)) return invalidFor(shape);
  const v = value.v;
  switch (shape.type) {
    case 'octets':
      if (v instanceof Uint8Array) return v;
      if (typeof v === 'string') return utf8.encode(v);
      return invalidFor(shape);
    case 'utf8':
    case 'oneOf': {
      const s = typeof v === 'string' ? v : value.label ?? (v instanceof Uint8Array ? text.decode(v) : undefined);
      if (s === undefined) return invalidFor(shape);
      return shape.type === 'utf8' && shape.pattern ? patterned(s, shape.pattern) : s;
    }
    case 'integer':
      return typeof v === 'number' ? v : invalidFor(shape);
    case 'sequence':
      if (shape.name === 'Amount') return value.kind === 'amount' ? v : invalidFor(shape);
      if (shape.name === 'RegFormValues') {
        if (value.sort === 'RegFormValues') return v;
        if (value.sort === 'fresh') return { name: value.label!, billingPostcode: value.label! };
        return invalidFor(shape);
      }
      return invalidFor(shape);
    case 'sequenceOf':
      if (value.kind === 'data' && Array.isArray(v)) return v; // OD
      if (value.sort === 'RegForm') return v;
      if (value.sort === 'fresh') return shape.item.type === 'utf8' ? [value.label!] : [{ description: value.label!, quantity: 1, unitPrice: 0 }];
      return invalidFor(shape);
    default:
      return invalidFor(shape);
  }
}

/** The DER of a structure given whole (a scope of D29), or bytes no decoder takes for it. */
export function scopeBytes(value: Val, sort: TupleSort): Uint8Array {
  if (value.sort !== sort) return NULL_DER;
  switch (sort) {
    case 'PI':
      return encode(PI, value.v as never);
    case 'CapToken':
      return encode(Envelope, value.v as never);
    case 'CapTokens':
      return encode(CapTokens, value.v as never);
    case 'OI':
    case 'OIData':
    case 'PIHead':
    case 'PANData':
    case 'PANToken':
    case 'AuthReqData':
    case 'AuthResData':
    case 'CapReqData':
      return encodeData(sort as DataKind, value.v as never);
    default:
      return NULL_DER;
  }
}

/** DER NULL: what stands for a structure of the wrong kind (its receiver finds it `malformed`). */
export const NULL_DER = encodeUniversal(Universal.null, new Uint8Array(0));

/** The bytes a hash of this value is taken over (D2: the canonical encoding; a certificate's own DER, as a thumbprint). */
export function hashInput(value: Val): Uint8Array {
  const v = value.v;
  if (value.sort !== undefined && value.sort !== 'fresh' && value.sort !== 'RegForm' && value.sort !== 'RegFormValues') return scopeBytes(value, value.sort);
  if (value.kind === 'cert' && v instanceof Uint8Array) return v;
  if (v instanceof Uint8Array) return encodeUniversal(Universal.octetString, v);
  if (typeof v === 'string') return encodeUniversal(Universal.utf8String, utf8.encode(v));
  if (value.sort === 'RegFormValues') return encode(RegFormValues, v as never);
  return utf8.encode(JSON.stringify(v ?? value.label ?? null));
}
