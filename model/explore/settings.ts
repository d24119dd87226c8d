/**
 * What one exploration covers (issue 5 item 7; SET.md 9, 10): the world (parties, which of them
 * the attacker plays, the variants), the purchases the honest parties may start, the bounds
 * (actions per trace, adversarial actions per trace) and the time budget.
 *
 * The default is the issue's: registration done in the initial world (SET.md 4, by `setUpWorld`),
 * one cardholder C1, two merchants M1 and M2 of which the attacker plays M2, one gateway P1, and
 * two purchases: p1 of C1 at M1 and p2 of C1 at M2, each signed or unsigned. M2 names its order
 * `p1`, the LID_M of C1's order at M1 (D8, D34: a merchant the attacker plays names LID_M
 * freely; any other name is one nobody else uses, so this collision is the one choice that gives
 * the attacker more). Bounds: at most 2 adversarial actions, and 10 actions in all, which the
 * search completes in 15-25 s on the 2-core development machine (about 22,000 worlds): enough
 * for every two-burst attack up to the PRes, and for one-burst attacks on authorisation and
 * capture (an honest purchase with capture takes 11 actions). Depth 12 takes about 50 s; without
 * a depth bound the space with 2 adversarial actions does not finish in minutes (each depth about
 * 1.6 times the last). The honest space alone (no adversary) is exhausted at depth 15, with
 * 1,163 worlds.
 */
import type { Order } from '../scenario/actions.ts';
import type { VariantSpec } from '../variants/index.ts';

export interface PurchasePlan {
  readonly purchase: string;
  readonly cardholder: string;
  readonly merchant: string;
  /** The forms the cardholder may start it in (one `startPurchase` per form is offered). */
  readonly forms: readonly ('signed' | 'unsigned')[];
  /** The LID_M a merchant the attacker plays gives the order (D34). */
  readonly lidM?: string;
}

export interface ExploreSettings {
  /** SET.md 10 variants (names or plug-in objects); none is the correct protocol. */
  readonly variants: readonly VariantSpec[];
  readonly cardholders: readonly string[];
  readonly merchants: readonly string[];
  readonly gateways: readonly string[];
  /** Cardholders and merchants the attacker plays (SET.md 9; D25). */
  readonly dishonest: readonly string[];
  /** Cardholders registered at set-up (the others can buy unsigned only). */
  readonly registered: readonly string[];
  readonly purchases: readonly PurchasePlan[];
  /** Cardholders that may start one more registration during the exploration (SET.md 4.1). */
  readonly registrations: readonly string[];
  /** Most actions in a trace (after set-up). */
  readonly depth: number;
  /** Most adversarial actions in a trace (the attacker's and world events: revoke, block). */
  readonly adversary: number;
  /** Wall-clock budget in seconds; the search reports `complete: false` when it runs out. */
  readonly budgetSeconds: number;
  /** A cap on the worlds kept (for deterministic cut-offs in tests); none by default. */
  readonly maxStates?: number;
}

/** Every purchase's order (SET.md 5.1): PurchAmt 42.00. */
export const EXPLORATION_ORDER: Order = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };

export const DEFAULT_SETTINGS: ExploreSettings = Object.freeze<ExploreSettings>({
  variants: [],
  cardholders: ['C1'],
  merchants: ['M1', 'M2'],
  gateways: ['P1'],
  dishonest: ['M2'],
  registered: ['C1'],
  purchases: [
    { purchase: 'p1', cardholder: 'C1', merchant: 'M1', forms: ['signed', 'unsigned'] },
    { purchase: 'p2', cardholder: 'C1', merchant: 'M2', forms: ['signed', 'unsigned'], lidM: 'p1' },
  ],
  registrations: [],
  depth: 10,
  adversary: 2,
  budgetSeconds: 60,
});

export function settingsWith(changes: Partial<ExploreSettings>, base: ExploreSettings = DEFAULT_SETTINGS): ExploreSettings {
  const settings = { ...base, ...changes };
  if (!Number.isSafeInteger(settings.depth) || settings.depth < 0) throw new RangeError('depth must be an integer >= 0');
  if (!Number.isSafeInteger(settings.adversary) || settings.adversary < 0) throw new RangeError('adversary must be an integer >= 0');
  if (!(settings.budgetSeconds > 0)) throw new RangeError('budgetSeconds must be positive');
  return settings;
}
