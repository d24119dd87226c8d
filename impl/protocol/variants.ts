/**
 * The variants of SET.md section 10, as this implementation weakens them. Names and
 * descriptions are SET.md's (the model keeps its own list with the same strings); each
 * variant is a set of rule changes (rules.ts) plus the wire-profile changes of the fields it
 * removes or adds (wire/profile.ts). A user's own protocol change is one more `Variant`, built
 * the same way, possibly with content hooks (hooks.ts).
 */
import { VARIANT_WIRE_RULES, type WireProfile } from '../wire/profile.ts';
import type { ContentHooks } from './hooks.ts';
import type { ProtocolRules } from './rules.ts';

export interface Variant {
  /** Lower-case, dash-separated, unique (`no-dual-signature`). */
  readonly name: string;
  /** One line: what changes. */
  readonly description: string;
  /** The rules it switches (only `false` is a weakening; a variant never strengthens). */
  readonly rules: Partial<ProtocolRules>;
  /** Wire-profile changes for fields it removes or adds. */
  readonly wire?: WireProfile['rules'];
  /** Content changes at message-building points. */
  readonly hooks?: ContentHooks;
}

const variant = (name: string, description: string, rules: Partial<ProtocolRules>): Variant => {
  const wire = VARIANT_WIRE_RULES[name];
  return wire ? { name, description, rules, wire } : { name, description, rules };
};

/** Every variant of SET.md section 10, in its order. */
export const VARIANTS: readonly Variant[] = [
  variant('no-dual-signature', 'C signs OIData and PIData each on its own; the PI no longer carries H(OIData)', { dualSignature: false }),
  variant('oi-without-merchant', 'OIData without MerchantID (SET 1.0)', { merchantInOrder: false }),
  variant('pi-without-merchant', 'PIHead without MerchantID; P does not compare it', { merchantInPaymentInstruction: false }),
  variant('no-challenges', 'no PInitReq/PInitRes; C picks XID; no Chall_C, Chall_M; M keeps no record of PReqs', {
    purchaseInitiation: false,
    challenges: false,
    merchantRecordsPReqs: false,
  }),
  variant('merchant-skips-dual-signature', 'M does not verify DS', { merchantVerifiesDualSignature: false }),
  variant('authres-without-merchant', 'AuthResData names no merchant and M does not match RRPID', { merchantInAuthResponse: false }),
  variant('gateway-ignores-amount', 'P does not compare AuthReqAmt with PurchAmt', { gatewayChecksAmount: false }),
  variant('any-cert-for-encryption', "C accepts any certificate as the gateway's key-exchange certificate", { cardholderChecksGatewayCertificate: false }),
  variant('no-chain-validation', 'C and M accept certificates without checking the chain up to RCA', { chainValidation: false }),
  variant('no-revocation-check', 'every party ignores CRLs', { revocationChecks: false }),
  variant('pan-in-order', 'the PAN travels in OIData', { panOutsideOrder: false }),
  variant('od-to-gateway', 'M adds OD to AuthReqData', { orderKeptFromGateway: false }),
  variant('token-not-bound', "P does not compare the token's TransID and MerchantID with the item and signer", { tokenBound: false }),
  variant('capture-over-authorisation', 'P does not compare CapReqAmt with AuthAmt', { captureWithinAuthorisation: false }),
  variant('registration-without-issuer-check', "the CCA certifies without the issuer's confirmation", { issuerConfirmsRegistration: false }),
];

export const VARIANT_NAMES: readonly string[] = VARIANTS.map((v) => v.name);

export function findVariant(name: string, extra: readonly Variant[] = []): Variant | undefined {
  return [...VARIANTS, ...extra].find((v) => v.name === name);
}
