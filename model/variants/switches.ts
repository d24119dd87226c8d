/**
 * The switch points the role machines consult (SET.md 10): every check a role makes in its
 * section's order has a stable id, and every change of a message's shape that a variant of
 * SET.md 10 needs is one flag. A variant (variants.ts) is a set of skipped checks plus shape
 * changes, so variants compose by union, and a user's own variant (a plug-in) is one more
 * object of the same type: it can skip any check below or flip any shape flag.
 */

/** Every section check of the roles (SET.md 4-6), named `<role>.<message>.<what>`. */
export const CHECK_IDS = [
  // every party, SET.md 1
  'certificate.revocation',
  'cardholder.certificate-chain',
  'merchant.certificate-chain',
  // cardholder, SET.md 4.1
  'cardholder.CardCInitRes.ca-certificates',
  'cardholder.CardCInitRes.thumbprint',
  'cardholder.CardCInitRes.signature',
  'cardholder.CardCInitRes.challenge',
  'cardholder.RegFormRes.ca-certificates',
  'cardholder.RegFormRes.signature',
  'cardholder.RegFormRes.challenge',
  'cardholder.CertRes.ca-certificate',
  'cardholder.CertRes.signature',
  'cardholder.CertRes.challenge',
  'cardholder.CertRes.key',
  'cardholder.CertRes.cardholder-id',
  // cardholder, SET.md 5.2 and 5.7
  'cardholder.PInitRes.merchant-certificate',
  'cardholder.PInitRes.merchant',
  'cardholder.PInitRes.transid',
  'cardholder.PInitRes.gateway-certificate',
  'cardholder.PInitRes.gateway-certificate-type-usage',
  'cardholder.PInitRes.gateway',
  'cardholder.PInitRes.signature',
  'cardholder.PInitRes.challenge',
  'cardholder.PRes.merchant',
  'cardholder.PRes.merchant-certificate',
  'cardholder.PRes.signature',
  'cardholder.PRes.transid',
  'cardholder.PRes.challenge',
  'cardholder.PRes.hod',
  'cardholder.PRes.pi-hash',
  // merchant, SET.md 4.2
  'merchant.Me-AqCInitRes.ca-certificates',
  'merchant.Me-AqCInitRes.thumbprint',
  'merchant.Me-AqCInitRes.signature',
  'merchant.Me-AqCInitRes.challenge',
  'merchant.CertRes.ca-certificate',
  'merchant.CertRes.signature',
  'merchant.CertRes.challenge',
  'merchant.CertRes.key',
  // merchant, SET.md 5.3, 5.6, 5.9, 6.4
  'merchant.PReq.cardholder-certificate',
  'merchant.PReq.challenge',
  'merchant.PReq.merchant',
  'merchant.PReq.hod',
  'merchant.PReq.dual-signature',
  'merchant.AuthRes.rrpid',
  'merchant.AuthRes.gateway-certificate',
  'merchant.AuthRes.gateway',
  'merchant.AuthRes.signature',
  'merchant.AuthRes.transid',
  'merchant.AuthRes.merchant',
  'merchant.AuthRes.amount',
  'merchant.InqReq.cardholder-id',
  'merchant.InqReq.cardholder-certificate',
  'merchant.InqReq.signature',
  'merchant.CapRes.gateway-certificate',
  'merchant.CapRes.gateway',
  'merchant.CapRes.signature',
  'merchant.CapRes.merchant',
  // gateway, SET.md 5.5 and 6.2
  'gateway.AuthReq.pi-hash',
  'gateway.AuthReq.merchant-certificates',
  'gateway.AuthReq.signature',
  'gateway.AuthReq.merchant',
  'gateway.AuthReq.pan-hash',
  'gateway.AuthReq.pi-binding',
  'gateway.AuthReq.cardholder-certificate',
  'gateway.AuthReq.dual-signature',
  'gateway.AuthReq.cardholder-id',
  'gateway.AuthReq.oi-hash',
  'gateway.AuthReq.transid',
  'gateway.AuthReq.hod',
  'gateway.AuthReq.pi-merchant',
  'gateway.AuthReq.amount',
  'gateway.CapReq.merchant-certificates',
  'gateway.CapReq.signature',
  'gateway.CapReq.merchant',
  'gateway.CapReq.token-binding',
  'gateway.CapReq.duplicate',
  'gateway.CapReq.over-authorised',
  // CAs, SET.md 4.1 step 5 and 4.2 step 3, docs/decisions.md D19
  'ca.CertReq.signature',
  'ca.CertReq.key-reused',
  'cca.CertReq.issuer-confirmation',
  'mca.CertReq.acquirer-confirmation',
  'mca.CertReq.already-certified',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The message shapes SET.md 10's variants change; `STANDARD_SHAPE` is the profile of SET.md 4-6. */
export interface MessageShape {
  /** PReq carries the dual signature (no-dual-signature: two separate signatures, SET.md 10). */
  readonly dualSignature: boolean;
  /** OIData names the merchant (SET.md 5.3 profile; oi-without-merchant removes it). */
  readonly merchantInOIData: boolean;
  /** PIHead names the merchant (pi-without-merchant removes it). */
  readonly merchantInPIHead: boolean;
  /** PInitReq/PInitRes and the challenges exist (no-challenges removes them). */
  readonly challenges: boolean;
  /** AuthResData names the merchant (authres-without-merchant removes it). */
  readonly merchantInAuthRes: boolean;
  /** OIData carries the PAN (pan-in-order). */
  readonly panInOIData: boolean;
  /** AuthReqData carries OD (od-to-gateway). */
  readonly odInAuthReq: boolean;
}

export const STANDARD_SHAPE: MessageShape = Object.freeze({
  dualSignature: true,
  merchantInOIData: true,
  merchantInPIHead: true,
  challenges: true,
  merchantInAuthRes: true,
  panInOIData: false,
  odInAuthReq: false,
});

/** A canonical string of a shape, for caching the message templates built for it. */
export function shapeKey(shape: MessageShape): string {
  return (Object.keys(STANDARD_SHAPE) as (keyof MessageShape)[]).map((k) => (shape[k] ? '1' : '0')).join('');
}
