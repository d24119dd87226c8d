/**
 * The protocol variants of SET.md 10, each a named, composable weakening: a set of checks the
 * roles skip and a set of message-shape changes (switches.ts). `VARIANTS` is the one list; its
 * descriptions are SET.md 10's "what changes" column in one line, and `mustBreak` its last column
 * (a goal marked † there needs a dishonest party: `needsDishonestParty`).
 *
 * A user's own variant (a plug-in) is a `Variant` object too: give it to the world's config next
 * to the built-in names. It can skip any `CheckId` and set any `MessageShape` flag; a behaviour no
 * switch covers needs one new switch point in the role that makes the check.
 */
import type { GoalName } from '../vocabulary/goal-names.ts';
import { VARIANT_NAMES, type VariantName } from '../vocabulary/variant-names.ts';
import type { CheckId, MessageShape } from './switches.ts';

export interface Variant {
  readonly name: string;
  /** One line: what changes (SET.md 10). */
  readonly description: string;
  /** The attack it opens (SET.md 10), for reports. */
  readonly attack: string;
  /** Goals the suite must see broken (SET.md 10, last column). */
  readonly mustBreak: readonly GoalName[];
  /** Goals of `mustBreak` that need a dishonest party in the scenario (SET.md 10's †). */
  readonly needsDishonestParty: readonly GoalName[];
  /** Checks the roles skip. */
  readonly skips?: readonly CheckId[];
  /** Message-shape changes. */
  readonly shape?: Partial<MessageShape>;
}

function variant(v: Variant & { name: VariantName }): Variant & { name: VariantName } {
  return Object.freeze(v);
}

export const VARIANTS: readonly (Variant & { name: VariantName })[] = [
  variant({
    name: 'no-dual-signature',
    description: 'C signs OIData and PIData each on its own; H(PIData) travels beside OIData unsigned and the PI no longer carries H(OIData) (P takes it from the AuthReq)',
    attack: 'the network swaps the PI under M\'s nose; a dishonest merchant binds C\'s payment to another order',
    mustBreak: ['merchant-agrees-with-cardholder', 'gateway-agrees-with-cardholder'],
    needsDishonestParty: ['gateway-agrees-with-cardholder'],
    shape: { dualSignature: false },
  }),
  variant({
    name: 'oi-without-merchant',
    description: 'OIData without MerchantID (SET 1.0)',
    attack: 'a dishonest merchant relays a cardholder\'s purchase into an honest merchant\'s session',
    mustBreak: ['merchant-agrees-with-cardholder'],
    needsDishonestParty: ['merchant-agrees-with-cardholder'],
    shape: { merchantInOIData: false },
  }),
  variant({
    name: 'pi-without-merchant',
    description: 'PIHead without MerchantID; P does not compare it',
    attack: 'C\'s payment redirected to the attacker\'s merchant',
    mustBreak: ['no-redirection', 'gateway-agrees-with-cardholder'],
    needsDishonestParty: ['no-redirection'],
    shape: { merchantInPIHead: false },
    skips: ['gateway.AuthReq.pi-merchant'],
  }),
  variant({
    name: 'no-challenges',
    description: 'no PInitReq/PInitRes; C picks XID; no Chall_C, Chall_M; M keeps no record of PReqs, so each PReq for an agreed order opens a new merchant session',
    attack: 'a PReq replayed to M is accepted again',
    mustBreak: ['merchant-agrees-with-cardholder'],
    needsDishonestParty: [],
    shape: { challenges: false },
  }),
  variant({
    name: 'merchant-skips-dual-signature',
    description: 'M does not verify DS',
    attack: 'M commits to a purchase the named cardholder never made',
    mustBreak: ['merchant-agrees-with-cardholder', 'integrity'],
    needsDishonestParty: [],
    skips: ['merchant.PReq.dual-signature'],
  }),
  variant({
    name: 'authres-without-merchant',
    description: 'AuthResData names no merchant and M does not match RRPID',
    attack: 'a dishonest merchant gets its own authorisation for the same XID and re-envelopes it to M, who fulfils unpaid',
    mustBreak: ['merchant-agrees-with-gateway', 'money'],
    needsDishonestParty: ['merchant-agrees-with-gateway', 'money'],
    shape: { merchantInAuthRes: false },
    skips: ['merchant.AuthRes.rrpid', 'merchant.AuthRes.merchant'],
  }),
  variant({
    name: 'gateway-ignores-amount',
    description: 'P does not compare AuthReqAmt with PurchAmt',
    attack: 'merchant authorises more than C agreed',
    mustBreak: ['money'],
    needsDishonestParty: ['money'],
    skips: ['gateway.AuthReq.amount'],
  }),
  variant({
    name: 'any-cert-for-encryption',
    description: 'C accepts any certificate (any type, any usage) as the gateway\'s key-exchange certificate',
    attack: 'a dishonest merchant names its own key as the gateway\'s and reads the PAN',
    mustBreak: ['pan-secrecy'],
    needsDishonestParty: ['pan-secrecy'],
    skips: ['cardholder.PInitRes.gateway-certificate-type-usage'],
  }),
  variant({
    name: 'no-chain-validation',
    description: 'C and M accept certificates without checking the chain up to RCA',
    attack: 'forged merchant or gateway certificates',
    mustBreak: ['cardholder-agrees-with-merchant', 'pan-secrecy'],
    needsDishonestParty: [],
    skips: ['cardholder.certificate-chain', 'merchant.certificate-chain'],
  }),
  variant({
    name: 'no-revocation-check',
    description: 'every party ignores CRLs',
    attack: 'a compromised, revoked merchant keeps trading',
    mustBreak: ['certificate-binding'],
    needsDishonestParty: [],
    skips: ['certificate.revocation'],
  }),
  variant({
    name: 'pan-in-order',
    description: 'the PAN travels in OIData',
    attack: 'merchant and network learn the PAN',
    mustBreak: ['pan-secrecy'],
    needsDishonestParty: [],
    shape: { panInOIData: true },
  }),
  variant({
    name: 'od-to-gateway',
    description: 'M adds OD to AuthReqData',
    attack: 'the gateway learns what was bought',
    mustBreak: ['order-privacy'],
    needsDishonestParty: [],
    shape: { odInAuthReq: true },
  }),
  variant({
    name: 'token-not-bound',
    description: 'P does not compare the token\'s TransID and MerchantID with the item and signer',
    attack: 'a token copied off the network is captured into another merchant\'s account',
    mustBreak: ['money'],
    needsDishonestParty: ['money'],
    skips: ['gateway.CapReq.token-binding'],
  }),
  variant({
    name: 'capture-over-authorisation',
    description: 'P does not compare CapReqAmt with AuthAmt',
    attack: 'merchant captures more than authorised',
    mustBreak: ['money'],
    needsDishonestParty: ['money'],
    skips: ['gateway.CapReq.over-authorised'],
  }),
  variant({
    name: 'registration-without-issuer-check',
    description: 'the CCA certifies without the issuer\'s confirmation',
    attack: 'a certificate for a closed or made-up account',
    mustBreak: ['certificate-binding'],
    needsDishonestParty: [],
    skips: ['cca.CertReq.issuer-confirmation'],
  }),
];

if (VARIANTS.map((v) => v.name).join() !== VARIANT_NAMES.join()) throw new Error('VARIANTS must list VARIANT_NAMES in order');

/** The built-in variant of that name. */
export function variantNamed(name: string): Variant | undefined {
  return VARIANTS.find((v) => v.name === name);
}
