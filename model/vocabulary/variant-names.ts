/** The protocol variants of SET.md 10, one name each, exactly as SET.md prints them (descriptions: model/variants). */
export const VARIANT_NAMES = [
  'no-dual-signature',
  'oi-without-merchant',
  'pi-without-merchant',
  'no-challenges',
  'merchant-skips-dual-signature',
  'authres-without-merchant',
  'gateway-ignores-amount',
  'any-cert-for-encryption',
  'no-chain-validation',
  'no-revocation-check',
  'pan-in-order',
  'od-to-gateway',
  'token-not-bound',
  'capture-over-authorisation',
  'registration-without-issuer-check',
] as const;
export type VariantName = (typeof VARIANT_NAMES)[number];
