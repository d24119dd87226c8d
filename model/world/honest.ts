/**
 * Set-up, honest and world actions (shared/ARCHITECTURE.md "The scenario language"; SET.md 1,
 * 4-8): each runs the party's role machine on a world event and carries out what it sends.
 */
import { agent, amount, nonce, pan, secretData, text } from '../terms/index.ts';
import { ROLE_MODULES, type CardData, type MerchantState } from '../roles/index.ts';
import { ACQUIRER, ISSUER, roleOfName } from '../vocabulary/agents.ts';
import { REGISTRATION_MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';
import type {
  AdvanceClock, Block, Capture, Deliver, Fulfil, Inquire, OpenAccount, OpenMerchantAccount, Register, Revoke, StartPurchase,
} from '../scenario/actions.ts';
import { orderAmount, type Order } from '../scenario/actions.ts';
import { captureSession } from '../scenario/message-ref.ts';
import type { CaState } from '../roles/index.ts';
import type { Draft } from './draft.ts';
import { findMessage } from './network.ts';
import type { ActionResult } from './world.ts';

const DONE: ActionResult = { kind: 'done' };
const skipped = (reason: string): ActionResult => ({ kind: 'skipped', reason });
const refused = (reason: string): ActionResult => ({ kind: 'refused', reason });

function isPlayedByAttacker(draft: Draft, name: string): boolean {
  return draft.base.config.dishonest.includes(name);
}

export function openAccount(draft: Draft, action: OpenAccount): ActionResult {
  if (!/^\d{6}$/.test(action.expiry) || !Number.isSafeInteger(action.limit) || action.limit < 0) throw new RangeError(`openAccount: bad expiry or limit`);
  if (!draft.base.config.cardholders.includes(action.card)) return skipped(`no cardholder ${action.card}`);
  const card: CardData = { pan: pan(action.card), expiry: text(action.expiry), name: text(action.card), postcode: secretData(`postcode:${action.card}`) };
  const opened = draft.run(ISSUER, { type: 'openAccount', cardholder: action.card, card, limit: action.limit }, '');
  if (!opened.accepted) return skipped('the account is open');
  draft.run(action.card, { type: 'cardIssued', card }, '');
  return DONE;
}

export function openMerchantAccount(draft: Draft, action: OpenMerchantAccount): ActionResult {
  if (!draft.base.config.merchants.includes(action.merchant)) return skipped(`no merchant ${action.merchant}`);
  const secret = nonce(`MerchantSecret:${action.merchant}`);
  const opened = draft.run(ACQUIRER, { type: 'openMerchantAccount', merchant: action.merchant, secret }, '');
  if (!opened.accepted) return skipped('the account is open');
  draft.run(action.merchant, { type: 'merchantSecret', secret }, '');
  return DONE;
}

/** The registration id `register` uses when none is given: `reg-<party>`, then `reg-<party>-2`, ... */
export function defaultRegistrationId(draft: Draft, party: string): string {
  const state = draft.stateOf<MerchantState>(party);
  const taken = (id: string) => state.registrations[id] !== undefined;
  if (!taken(`reg-${party}`)) return `reg-${party}`;
  let n = 2;
  while (taken(`reg-${party}-${n}`)) n += 1;
  return `reg-${party}-${n}`;
}

export function register(draft: Draft, action: Register): ActionResult {
  const role = roleOfName(action.party);
  if ((role !== 'cardholder' && role !== 'merchant') || draft.party(action.party) === undefined) return skipped(`${action.party} does not register`);
  const id = action.registration ?? defaultRegistrationId(draft, action.party);
  const run = draft.run(action.party, { type: 'register', registration: id }, id);
  return run.accepted ? DONE : refused(run.reaction.outcome);
}

const orderIds = new Map<string, string>();

/**
 * OD as a term (D34): equal orders (the same items, quantities and prices) are the same secret, as
 * their bytes are on the implementation; each distinct order gets its own atom.
 */
export function orderDescription(order: Order): ReturnType<typeof secretData> {
  const text = JSON.stringify(order.items.map((item) => [item.description, item.quantity, item.unitPrice]));
  let id = orderIds.get(text);
  if (id === undefined) {
    id = `OD:order-${orderIds.size + 1}`;
    orderIds.set(text, id);
  }
  return secretData(id);
}

export function startPurchase(draft: Draft, action: StartPurchase): ActionResult {
  const { purchase, cardholder, merchant, form } = action;
  if (draft.purchases[purchase] !== undefined) return skipped(`purchase ${purchase} exists`);
  if (!draft.base.config.cardholders.includes(cardholder) || !draft.base.config.merchants.includes(merchant)) return skipped('no such cardholder or merchant');
  const od = orderDescription(action.order);
  const purchAmt = amount(draft.env.currency, orderAmount(action.order));
  const honestCardholder = !isPlayedByAttacker(draft, cardholder);
  const honestMerchant = !isPlayedByAttacker(draft, merchant);
  const lidM = !honestMerchant && action.lidM !== undefined ? action.lidM : purchase;
  const start = { type: 'startPurchase', purchase, merchant, od, purchAmt, form, lidM } as const;
  if (honestCardholder) {
    // Refused as a whole when the cardholder cannot start it: ask its (pure) reaction first.
    const tried = ROLE_MODULES.cardholder.react(draft.stateOf(cardholder) as never, start as never);
    if (tried.outcome !== 'accepted') return refused(tried.detail ?? tried.outcome);
  }
  draft.purchases = { ...draft.purchases, [purchase]: { id: purchase, cardholder, merchant, od, purchAmt, form } };
  if (honestMerchant) draft.run(merchant, { type: 'agree', purchase, cardholder, od, purchAmt }, purchase);
  if (!honestCardholder || !honestMerchant) draft.learn([od]);
  if (honestCardholder) draft.run(cardholder, start, purchase);
  return DONE;
}

export function deliver(draft: Draft, action: Deliver): ActionResult {
  const message = findMessage(draft.messages(), action.ref);
  if (message === undefined) return skipped('the reference names no message');
  if (message.status !== 'pending') return skipped(`the message is ${message.status}`);
  const receiver = draft.party(message.to);
  if (receiver === undefined) return skipped(`no honest receiver ${message.to}`);
  if (isPlayedByAttacker(draft, message.to) && !(REGISTRATION_MESSAGE_KINDS as readonly string[]).includes(message.kind)) {
    return skipped(`the attacker plays ${message.to}`);
  }
  draft.update({ ...message, status: 'delivered' });
  const run = draft.run(message.to, { type: message.kind, message: message.term, from: agent(message.from) }, message.ref.session);
  const reaction = run.reaction;
  const items = reaction.outcome === 'accepted' ? reaction.items : undefined;
  const rule = reaction.outcome === 'accepted' ? reaction.rule : undefined;
  draft.record({
    type: 'delivery', ref: message.ref, kind: message.kind, receiver: message.to, outcome: reaction.outcome, alterations: message.alterations,
    changed: run.changed, ...(rule ? { rule } : {}),
  });
  return {
    kind: 'delivered', receiver: message.to, ref: message.ref, outcome: reaction.outcome,
    ...(items ? { items } : {}), ...(rule ? { rule } : {}), ...('detail' in reaction && reaction.detail ? { detail: reaction.detail } : {}),
  };
}

function purchaseParty(draft: Draft, purchase: string, role: 'cardholder' | 'merchant'): string | undefined {
  const record = draft.purchases[purchase];
  if (record === undefined) return undefined;
  const name = record[role];
  return isPlayedByAttacker(draft, name) ? undefined : name;
}

export function fulfil(draft: Draft, action: Fulfil): ActionResult {
  const merchant = purchaseParty(draft, action.purchase, 'merchant');
  if (merchant === undefined) return skipped('no honest merchant for the purchase');
  const run = draft.run(merchant, { type: 'fulfil', purchase: action.purchase }, action.purchase);
  return run.accepted ? DONE : refused(run.reaction.outcome);
}

export function capture(draft: Draft, action: Capture): ActionResult {
  if (!draft.base.config.merchants.includes(action.merchant) || isPlayedByAttacker(draft, action.merchant)) return skipped('no honest merchant');
  const n = (draft.captureBatches[action.merchant] ?? 0) + 1;
  const batch = captureSession(action.merchant, n);
  const run = draft.run(action.merchant, { type: 'capture', batch, items: action.items }, batch);
  if (!run.accepted) return refused((run.reaction as { detail?: string }).detail ?? run.reaction.outcome);
  draft.captureBatches = { ...draft.captureBatches, [action.merchant]: n };
  return DONE;
}

export function inquire(draft: Draft, action: Inquire): ActionResult {
  const cardholder = purchaseParty(draft, action.purchase, 'cardholder');
  if (cardholder === undefined) return skipped('no honest cardholder for the purchase');
  const run = draft.run(cardholder, { type: 'inquire', purchase: action.purchase }, action.purchase);
  return run.accepted ? DONE : refused(run.reaction.outcome);
}

export function advanceClock(draft: Draft, action: AdvanceClock): ActionResult {
  if (!Number.isSafeInteger(action.days) || action.days < 1) throw new RangeError('advanceClock: days must be a positive integer');
  draft.setEnv({ ...draft.env, day: draft.env.day + action.days });
  return DONE;
}

/** SET.md 1: every certificate any CA issued for `party`'s keys goes on the CRL today. */
export function revoke(draft: Draft, action: Revoke): ActionResult {
  if (draft.party(action.party) === undefined) return skipped(`no party ${action.party}`);
  const crl = new Map(draft.env.crl);
  const certificates = [];
  for (const ca of ['RCA', 'BCA', 'CCA', 'MCA', 'PCA']) {
    for (const { certificate, owner } of draft.stateOf<CaState>(ca).issued) {
      if (owner === action.party && certificate.subjectKey.owner === action.party && !crl.has(certificate.id)) {
        crl.set(certificate.id, draft.env.day);
        certificates.push(certificate);
      }
    }
  }
  draft.record({ type: 'revoked', party: action.party, certificates });
  if (certificates.length > 0) draft.setEnv({ ...draft.env, crl });
  return DONE;
}

export function block(draft: Draft, action: Block): ActionResult {
  const run = draft.run(ISSUER, { type: 'block', cardholder: action.card }, '');
  return run.accepted ? DONE : skipped('no such account');
}
