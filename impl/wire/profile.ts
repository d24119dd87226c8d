/**
 * The wire profile: which OPTIONAL fields of the schemas must be present or absent.
 *
 * The schemas declare every field that some variant of SET.md section 10 removes or adds as
 * OPTIONAL with a context tag, so one codec reads every variant. The correct protocol then
 * is one table, DEFAULT_WIRE_PROFILE, and a variant is the same table with a few rules
 * changed (VARIANT_WIRE_RULES, profileWithVariants). A decoder applies the table after the
 * structural decode: a missing required field or a present forbidden one is `malformed`,
 * naming the field, exactly like a structural error.
 *
 * Rules are keyed by structure name (the `name` of `sequence(name, ...)`) and then by a field
 * path inside that structure: usually an OPTIONAL field of the structure itself
 * (`OIData` -> `merchantID`), or a dotted path to a field of a nested structure when the
 * condition lives in the outer one (`PReq` -> `oi.oiSignature`). An OPTIONAL field no rule
 * mentions is optional; a test checks that the default profile mentions every one.
 */
import type { Malformed } from './codec.ts';
import type { Shape } from './shape.ts';

/**
 * `requiredIf`: required when the field at path `field` (relative to the structure the rule
 * belongs to) equals `is`, and forbidden otherwise; a CHOICE compares by its alternative.
 */
export type FieldRule = 'required' | 'forbidden' | 'optional' | { readonly requiredIf: { readonly field: string; readonly is: string } };

export type StructureRules = { readonly [fieldPath: string]: FieldRule };

export interface WireProfile {
  /** For messages and reports: `SET` for the correct protocol, else the variants applied. */
  readonly name: string;
  readonly rules: { readonly [structure: string]: StructureRules };
}

/** The correct protocol of SET.md sections 4-6. */
export const DEFAULT_WIRE_PROFILE: WireProfile = {
  name: 'SET',
  rules: {
    // Certificates come back only with an `issued` status (SET.md 4.1 step 6, 4.2 step 4).
    CardholderCertResData: { cert: { requiredIf: { field: 'caStatus', is: 'issued' } } },
    MerchantCertResData: {
      certS: { requiredIf: { field: 'caStatus', is: 'issued' } },
      certE: { requiredIf: { field: 'caStatus', is: 'issued' } },
    },
    // SET.md 5.3: this profile's OIData has both challenges and names the merchant, never the PAN.
    OIData: { challC: 'required', challM: 'required', merchantID: 'required', pan: 'forbidden' },
    // The dual signature covers OIData; no separate signature of it (SET.md 5.3).
    OI: { oiSignature: 'forbidden' },
    // PIHead names the merchant; TransStain only in the signed form (SET.md 5.3).
    PIHead: { merchantID: 'required', transStain: 'required' },
    PIHeadUnsigned: { merchantID: 'required', transStain: 'forbidden' },
    PIOILink: { oiDataHash: 'required' },
    // CertS(C) travels exactly with the signed form (SET.md 5.3).
    PReq: { cardholderCertS: { requiredIf: { field: 'pi', is: 'signed' } } },
    // M forwards CertS(C) only in the signed form, which it cannot see in the PI (SET.md 5.4): P decides.
    AuthReq: { cardholderCertS: 'optional' },
    AuthReqData: { od: 'forbidden' },
    AuthResData: { merchantID: 'required' },
    // PRes echoes Chall_C; AuthAmt is the approved amount, or 0 while pending or declined (SET.md 5.7, D31).
    PResData: { challC: 'required', authAmt: 'required' },
  },
};

/** Rule changes per variant of SET.md section 10 that changes the wire (others change only behaviour). */
export const VARIANT_WIRE_RULES: { readonly [variant: string]: WireProfile['rules'] } = {
  'no-challenges': { OIData: { challC: 'forbidden', challM: 'forbidden' }, PResData: { challC: 'forbidden' } },
  'oi-without-merchant': { OIData: { merchantID: 'forbidden' } },
  'pi-without-merchant': { PIHead: { merchantID: 'forbidden' }, PIHeadUnsigned: { merchantID: 'forbidden' } },
  'pan-in-order': { OIData: { pan: 'required' } },
  'od-to-gateway': { AuthReqData: { od: 'required' } },
  'authres-without-merchant': { AuthResData: { merchantID: 'forbidden' } },
  // C signs OIData on its own (in the OI, signed form only); the PI no longer carries H(OIData).
  'no-dual-signature': {
    OI: { oiSignature: 'optional' },
    PReq: { 'oi.oiSignature': { requiredIf: { field: 'pi', is: 'signed' } } },
    PIOILink: { oiDataHash: 'forbidden' },
  },
};

/** `base` with some rules replaced; structures not mentioned keep theirs. */
export function withRules(base: WireProfile, name: string, changes: WireProfile['rules']): WireProfile {
  const rules: Record<string, StructureRules> = { ...base.rules };
  for (const [structure, fields] of Object.entries(changes)) rules[structure] = { ...rules[structure], ...fields };
  return { name, rules };
}

/** The profile of the named variants, applied in order on `base`; unknown names add nothing. */
export function profileWithVariants(variants: readonly string[], base: WireProfile = DEFAULT_WIRE_PROFILE): WireProfile {
  return variants.reduce((profile, variant) => withRules(profile, `${profile.name}+${variant}`, VARIANT_WIRE_RULES[variant] ?? {}), base);
}

// ---- checking a decoded value ----

type Fields = { readonly [key: string]: unknown };
const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !(value instanceof Uint8Array);

/** A field's comparable value: the text of a string, the alternative of a CHOICE. */
function label(value: unknown): unknown {
  return isRecord(value) && typeof value.kind === 'string' ? value.kind : value;
}

function resolve(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function applyRule(rule: FieldRule, structure: Fields, fieldPath: string, at: string): Malformed | null {
  const segments = fieldPath.split('.');
  const parent = resolve(structure, segments.slice(0, -1));
  // The rule's field sits inside an OPTIONAL or CHOICE part that is not there: nothing to check.
  if (!isRecord(parent)) return null;
  const present = parent[segments[segments.length - 1]!] !== undefined;
  const field = `${at}.${fieldPath}`;
  if (rule === 'optional') return null;
  if (rule === 'required') return present ? null : { outcome: 'malformed', field, rule: 'missing (required by the wire profile)' };
  if (rule === 'forbidden') return present ? { outcome: 'malformed', field, rule: 'present (forbidden by the wire profile)' } : null;
  const { field: conditionField, is } = rule.requiredIf;
  const wanted = label(resolve(structure, conditionField.split('.'))) === is;
  if (wanted && !present) return { outcome: 'malformed', field, rule: `missing (required when ${conditionField} is ${is})` };
  if (!wanted && present) return { outcome: 'malformed', field, rule: `present (forbidden unless ${conditionField} is ${is})` };
  return null;
}

/**
 * Checks a decoded value of `shape` against `profile`; `path` is the path the decoder used,
 * so a profile error reads like a structural one (`PReq.oi.oiData.merchantID: missing ...`).
 */
export function checkProfile(shape: Shape, value: unknown, profile: WireProfile, path: string): Malformed | null {
  switch (shape.type) {
    case 'sequence': {
      if (!isRecord(value)) return null;
      for (const [fieldPath, rule] of Object.entries(profile.rules[shape.name] ?? {})) {
        const violation = applyRule(rule, value, fieldPath, path);
        if (violation) return violation;
      }
      for (const field of shape.fields) {
        const child = value[field.key];
        if (child === undefined) continue;
        const violation = checkProfile(field.shape, child, profile, `${path}.${field.key}`);
        if (violation) return violation;
      }
      return null;
    }
    case 'sequenceOf': {
      if (!Array.isArray(value)) return null;
      for (const [i, item] of value.entries()) {
        const violation = checkProfile(shape.item, item, profile, `${path}[${i}]`);
        if (violation) return violation;
      }
      return null;
    }
    case 'choice': {
      if (!isRecord(value)) return null;
      const alternative = shape.alternatives.find((a) => a.kind === value.kind);
      return alternative ? checkProfile(alternative.shape, value.value, profile, `${path}.${alternative.kind}`) : null;
    }
    default:
      return null;
  }
}

/** Every OPTIONAL field reachable in `shape`, as `structure.field` (to audit a profile's coverage). */
export function optionalFields(shape: Shape, into: Set<string> = new Set()): Set<string> {
  if (shape.type === 'sequence') {
    for (const field of shape.fields) {
      if (field.optionalTag !== undefined) into.add(`${shape.name}.${field.key}`);
      optionalFields(field.shape, into);
    }
  } else if (shape.type === 'sequenceOf') optionalFields(shape.item, into);
  else if (shape.type === 'choice') for (const a of shape.alternatives) optionalFields(a.shape, into);
  return into;
}
