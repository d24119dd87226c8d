/**
 * The exploration of each SET.md 10 variant (issue 5 item 7 "Done means"): the default world
 * (settings.ts), cut to the parties and purchases its attack involves, with a dishonest party
 * where SET.md 10 marks the goal † and none where it does not, and bounds that make the search
 * complete in a few seconds: two actions deeper than the shortest attack the explorer finds, so
 * other goals that break nearly as quickly show too. Each entry says why it differs from the default.
 */
import type { VariantName } from '../vocabulary/variant-names.ts';
import { DEFAULT_SETTINGS, settingsWith, type ExploreSettings, type PurchasePlan } from './settings.ts';

const signedAt = (purchase: string, merchant: string, extra: Partial<PurchasePlan> = {}): PurchasePlan => ({
  purchase, cardholder: 'C1', merchant, forms: ['signed'], ...extra,
});
const bothFormsAt = (purchase: string, merchant: string): PurchasePlan => ({ purchase, cardholder: 'C1', merchant, forms: ['signed', 'unsigned'] });

/** No dishonest party: the goals SET.md 10 lists without † must break by the network alone. */
const HONEST_MERCHANTS: Partial<ExploreSettings> = { merchants: ['M1', 'M2'], dishonest: [] };

export interface VariantExploration {
  readonly settings: Partial<ExploreSettings>;
  /** Why this exploration is what it is (for the README and reports). */
  readonly why: string;
}

export const VARIANT_EXPLORATIONS: Readonly<Record<VariantName, VariantExploration>> = {
  'no-dual-signature': {
    settings: { purchases: [signedAt('p1', 'M1'), signedAt('p2', 'M2', { lidM: 'p1' })], depth: 7 },
    why: 'signed purchases only (the dual signature exists only there); M2 dishonest for the † goal',
  },
  'oi-without-merchant': {
    settings: { purchases: [signedAt('p1', 'M1'), signedAt('p2', 'M2', { lidM: 'p1' })], adversary: 3, depth: 9 },
    why: 'the relay takes three adversarial actions (redirect PInitReq, re-sign PInitRes, redirect PReq); signed purchases only',
  },
  'pi-without-merchant': {
    settings: { purchases: [bothFormsAt('p1', 'M1')], depth: 7 },
    why: 'one purchase at the honest merchant; M2 dishonest for the † goal',
  },
  'no-challenges': {
    settings: { ...HONEST_MERCHANTS, purchases: [bothFormsAt('p1', 'M1')], depth: 7 },
    why: 'no dishonest party: a replay by the network is enough',
  },
  'merchant-skips-dual-signature': {
    settings: { ...HONEST_MERCHANTS, purchases: [bothFormsAt('p1', 'M1')], depth: 7 },
    why: 'no dishonest party: a change on the network is enough',
  },
  'authres-without-merchant': {
    settings: { cardholders: ['C1', 'C2'], dishonest: ['C2', 'M2'], registered: ['C1', 'C2'], purchases: [signedAt('p1', 'M1')], depth: 10 },
    why: 'the attacker plays a cardholder C2 too (its own card pays for its own authorisation) and M2',
  },
  'gateway-ignores-amount': {
    settings: { purchases: [bothFormsAt('p1', 'M1'), bothFormsAt('p2', 'M2')], depth: 7 },
    why: 'M2 dishonest (the † goal): it asks for more than C agreed',
  },
  'any-cert-for-encryption': {
    settings: { purchases: [bothFormsAt('p2', 'M2')], depth: 8 },
    why: 'one purchase at the dishonest merchant, which names its own key as the gateway\'s',
  },
  'no-chain-validation': {
    settings: { ...HONEST_MERCHANTS, purchases: [signedAt('p1', 'M1')], depth: 8 },
    why: 'no dishonest party: forged certificates are enough; signed purchase (the agreement goal is claimed only there)',
  },
  'no-revocation-check': {
    settings: { ...HONEST_MERCHANTS, purchases: [bothFormsAt('p1', 'M1')], depth: 7 },
    why: 'no dishonest party: the revoked merchant is honest but revoked',
  },
  'pan-in-order': {
    settings: { ...HONEST_MERCHANTS, purchases: [bothFormsAt('p1', 'M1')], depth: 6 },
    why: 'no dishonest party: an honest purchase shows the PAN',
  },
  'od-to-gateway': {
    settings: { ...HONEST_MERCHANTS, purchases: [bothFormsAt('p1', 'M1')], depth: 6 },
    why: 'no dishonest party: an honest purchase shows the order to the gateway',
  },
  'token-not-bound': {
    settings: { purchases: [bothFormsAt('p1', 'M1')], depth: 9 },
    why: 'M2 dishonest (the † goal) captures M1\'s token',
  },
  'capture-over-authorisation': {
    settings: { purchases: [bothFormsAt('p1', 'M1')], depth: 10 },
    why: 'M2 dishonest; the merchant that captures too much is M1 compromised (or M2 on a purchase of its own)',
  },
  'registration-without-issuer-check': {
    settings: { ...HONEST_MERCHANTS, purchases: [], registrations: ['C1'], depth: 8 },
    why: 'no purchase: C1 registers again during the exploration, and the attacker answers the CCA\'s form itself',
  },
};

/** The settings of a variant's exploration: the default with its changes, and the variant. */
export function variantSettings(variant: VariantName, changes: Partial<ExploreSettings> = {}): ExploreSettings {
  return settingsWith({ ...VARIANT_EXPLORATIONS[variant].settings, variants: [variant], ...changes }, DEFAULT_SETTINGS);
}
