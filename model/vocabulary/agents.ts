/**
 * Agent names (SET.md 1, "Parties, keys and certificates"; SET.md 8 "Naming"). Parties are named
 * by the scenario's own ids: cardholders `C<n>`, merchants `M<n>`, gateways `P<n>`. The CA
 * hierarchy is fixed (SET.md 1: RCA, BCA, CCA, MCA, PCA; the geopolitical CA is omitted), and so
 * are the two banks, which are not SET parties (docs/decisions.md D23). Things the attacker
 * creates are named `att-<n>` in order of creation (SET.md 8).
 */

/** The root CA, the only trust anchor (SET.md 1). */
export const ROOT_CA = 'RCA';
/** The brand CA, signs the three CAs below it. */
export const BRAND_CA = 'BCA';
/** The cardholder CA (SET.md 4.1). */
export const CARDHOLDER_CA = 'CCA';
/** The merchant CA (SET.md 4.2). */
export const MERCHANT_CA = 'MCA';
/** The payment-gateway CA (set-up only). */
export const GATEWAY_CA = 'PCA';
/** Every CA, root first. */
export const CERTIFICATE_AUTHORITIES = [ROOT_CA, BRAND_CA, CARDHOLDER_CA, MERCHANT_CA, GATEWAY_CA] as const;
export type CertificateAuthorityName = (typeof CERTIFICATE_AUTHORITIES)[number];

/** The card's bank (SET.md 1: not a SET party; reached over the private payment network). */
export const ISSUER = 'Issuer';
/** The merchant's bank. */
export const ACQUIRER = 'Acquirer';
/** The Dolev-Yao attacker itself (SET.md 9). Never appears in an observation. */
export const ATTACKER = 'Spy';

/** The BrandID every card and merchant of this profile uses (SET.md 3). */
export const BRAND_ID = 'SETBrand';
/** The AcquirerBIN the merchants name in Me-AqCInitReq (SET.md 4.2). */
export const ACQUIRER_BIN = 'ACQ-1';

export type PartyRole = 'cardholder' | 'merchant' | 'gateway' | 'ca' | 'issuer' | 'acquirer';

const ROLE_BY_PREFIX: ReadonlyArray<readonly [RegExp, PartyRole]> = [
  [/^C\d+$/, 'cardholder'],
  [/^M\d+$/, 'merchant'],
  [/^P\d+$/, 'gateway'],
];

/** The role a party name stands for, or undefined for a name that is no party (the attacker, `att-<n>`). */
export function roleOfName(name: string): PartyRole | undefined {
  if ((CERTIFICATE_AUTHORITIES as readonly string[]).includes(name)) return 'ca';
  if (name === ISSUER) return 'issuer';
  if (name === ACQUIRER) return 'acquirer';
  for (const [pattern, role] of ROLE_BY_PREFIX) if (pattern.test(name)) return role;
  return undefined;
}

/** `att-<n>`: the n-th thing the attacker created (SET.md 8). */
export function attackerName(n: number): string {
  return `att-${n}`;
}
