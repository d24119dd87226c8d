/**
 * The actions that make sense next in a world, by kind (honest, world, adversarial): what a
 * scenario generator picks from. Read off the model's world (which messages are pending, which
 * purchases exist and were approved); the actions are then run on both sides, so the model
 * only proposes, it never decides for the implementation.
 */
import { fakeMoves, fieldNames, observe, tamperReach, templateOf, type Action, type World } from '../../model/index.ts';
import type { CertificateSubstitute, Order } from '../../model/index.ts';

export type Category = 'deliver' | 'purchase' | 'merchant' | 'inquire' | 'world' | Action['type'];

/** Relative weights of the categories (tunable per suite); an adversarial action type is its own category. */
export type Weights = Readonly<Partial<Record<Category, number>>>;

// swapOrderData is offered only where a swap applies (rare), so it weighs more when it is
export const DEFAULT_WEIGHTS: Weights = {
  deliver: 80, purchase: 6, merchant: 12, inquire: 2, world: 2,
  drop: 1, duplicate: 2, replay: 3, redirect: 2, swapOrderData: 15, substituteCertificate: 3, tamper: 6, fake: 4, compromise: 1,
};

export interface CandidateOptions {
  /** Purchase ids a scenario may start, in order (`p1`, `p2`, ...). */
  readonly purchases: readonly string[];
  /** Adversarial action types to draw from (tamper and fake only where the harness interprets them). */
  readonly adversary: readonly Action['type'][];
}

export const ORDERS: readonly Order[] = [
  { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] },
  { items: [{ description: 'pen', quantity: 3, unitPrice: 150 }, { description: 'ink', quantity: 1, unitPrice: 900 }] },
  { items: [{ description: 'car', quantity: 1, unitPrice: 150_000 }] },
];

const SUBSTITUTES: readonly CertificateSubstitute[] = ['forged', 'expired', 'revoked', 'wrongUsage', 'wrongType', 'otherParty'];

export function candidates(world: World, options: CandidateOptions): Partial<Record<Category, Action[]>> {
  const { cardholders, merchants, gateways } = world.config;
  const pending = world.network.filter((m) => m.status === 'pending');
  const all = world.network;
  const started = Object.keys(world.purchases);
  const next = options.purchases.find((p) => !started.includes(p));
  const views = observe(world).views;
  const approved = started.filter((p) => {
    const record = world.purchases[p]!;
    return views.merchants[record.merchant]?.purchases[p]?.status === 'authorised';
  });
  const parties = [...cardholders, ...merchants, ...gateways, 'CCA', 'MCA'];
  const out: Partial<Record<Category, Action[]>> = {};
  const merchantActions: Action[] = [];

  out.deliver = pending.map((m) => ({ type: 'deliver', ref: m.ref }));
  if (next) {
    for (const cardholder of cardholders) for (const merchant of merchants) for (const [i, order] of ORDERS.entries()) for (const form of ['signed', 'unsigned'] as const) {
      if (i === 2 && form === 'unsigned') continue;
      (out.purchase ??= []).push({ type: 'startPurchase', purchase: next, cardholder, merchant, order, form });
    }
  }
  for (const p of approved) {
    const record = world.purchases[p]!;
    const authAmt = views.merchants[record.merchant]?.purchases[p]?.authAmt ?? 0;
    merchantActions.push({ type: 'fulfil', purchase: p }, { type: 'capture', merchant: record.merchant, items: [{ purchase: p, amount: authAmt }] });
    if (authAmt > 1) merchantActions.push({ type: 'capture', merchant: record.merchant, items: [{ purchase: p, amount: Math.floor(authAmt / 2) }] });
  }
  const byMerchant = new Map<string, string[]>();
  for (const p of approved) byMerchant.set(world.purchases[p]!.merchant, [...(byMerchant.get(world.purchases[p]!.merchant) ?? []), p]);
  for (const [merchant, ps] of byMerchant) if (ps.length > 1) merchantActions.push({ type: 'capture', merchant, items: ps.map((purchase) => ({ purchase, amount: 1 })) });
  out.merchant = merchantActions;
  out.inquire = started.map((purchase) => ({ type: 'inquire', purchase }));
  out.world = [
    { type: 'advanceClock', days: 1 },
    { type: 'advanceClock', days: 400 },
    ...parties.map((party): Action => ({ type: 'revoke', party })),
    ...cardholders.map((card): Action => ({ type: 'block', card })),
  ];
  const adversary: Action[] = [];
  const allowed = new Set(options.adversary);
  for (const m of pending) {
    if (allowed.has('drop')) adversary.push({ type: 'drop', ref: m.ref });
    if (allowed.has('redirect')) for (const to of parties) if (to !== m.to) adversary.push({ type: 'redirect', ref: m.ref, to });
    if (allowed.has('substituteCertificate')) for (const substitute of SUBSTITUTES) adversary.push({ type: 'substituteCertificate', ref: m.ref, substitute });
    // Not inside an envelope the attacker can open: the harness does not re-encode there (adversary.ts).
    if (allowed.has('tamper')) {
      for (const field of fieldNames(templateOf(m.kind, m.form, world.config.profile.shape))) {
        if (tamperReach(world, m.ref, field) !== 'opened') adversary.push({ type: 'tamper', ref: m.ref, field });
      }
    }
  }
  for (const m of all) {
    if (allowed.has('duplicate')) adversary.push({ type: 'duplicate', ref: m.ref });
    if (allowed.has('replay')) for (const to of parties) if (to !== m.to) adversary.push({ type: 'replay', ref: m.ref, to });
  }
  if (allowed.has('swapOrderData')) {
    // into a pending PReq, out of any other purchase's PReq (otherwise the swap is skipped)
    const hasPReq = (p: string, pendingOnly: boolean) => all.some((m) => m.kind === 'PReq' && m.ref.session === p && (!pendingOnly || m.status === 'pending'));
    for (const a of started) if (hasPReq(a, true)) for (const b of started) if (a !== b && hasPReq(b, false)) adversary.push({ type: 'swapOrderData', purchase: a, from: b });
  }
  // the explorer's fake templates: messages the attacker makes from what it has seen, as a party it controls
  if (allowed.has('fake')) for (const move of fakeMoves(world, 0)) adversary.push(move.action);
  if (allowed.has('compromise')) for (const party of [...parties, 'Issuer', 'Acquirer']) if (!world.compromised.includes(party)) adversary.push({ type: 'compromise', party });
  for (const action of adversary) (out[action.type] ??= []).push(action);
  return out;
}
