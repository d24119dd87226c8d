/**
 * Set-up, honest and world actions on the implementation (model/scenario/actions.ts;
 * docs/decisions.md D24, D25): each calls the real party and puts what it sends on the network.
 */
import type { Action, Order } from '../../model/index.ts';
import { captureSession } from '../../model/index.ts';
import type { Outbound } from '../../impl/parties/party.ts';
import type { ImplRun, ImplStep } from './impl-run.ts';
import { odBytes } from './compromise.ts';
import { panOf, postcodeOf, REGISTRATION_KINDS, SPY } from './names.ts';

const DONE: ImplStep = { kind: 'done' };
const skipped = (reason: string): ImplStep => ({ kind: 'skipped', reason });
const refused = (reason: string): ImplStep => ({ kind: 'refused', reason });

/** OD as the codec carries it. */
export const orderDescription = (order: Order) => order.items.map((i) => ({ description: i.description, quantity: i.quantity, unitPrice: i.unitPrice }));

function put(run: ImplRun, session: string, from: string, message: Outbound): void {
  run.network.put(session, message.kind, { from, to: message.to, bytes: message.bytes }, 'sent');
}

export async function applyHonest(run: ImplRun, action: Action): Promise<ImplStep | undefined> {
  const { d, config } = run;
  switch (action.type) {
    case 'openAccount': {
      if (!config.cardholders.includes(action.card)) return skipped(`no cardholder ${action.card}`);
      if (d.cardholders.has(action.card)) return skipped('the account is open');
      await d.addCardholder(action.card, { pan: panOf(action.card), cardExpiry: action.expiry, limit: action.limit, name: action.card, billingPostcode: postcodeOf(action.card) });
      return DONE;
    }
    case 'openMerchantAccount': {
      if (!config.merchants.includes(action.merchant)) return skipped(`no merchant ${action.merchant}`);
      if (d.network.acquirer.hasAccount(action.merchant)) return skipped('the account is open');
      if (d.merchants.has(action.merchant)) d.openMerchantAccount(action.merchant);
      else await d.addMerchant(action.merchant, { gateway: config.gatewayOf[action.merchant]! });
      return DONE;
    }
    case 'register': {
      const party = action.party;
      if (config.cardholders.includes(party)) {
        const c = d.cardholders.get(party);
        if (!c) return refused('a cardholder without a card account cannot register');
        const id = action.registration ?? defaultRegistrationId(Object.keys(c.view().registrations), party);
        if (c.records.registrations.has(id)) return refused(`registration ${id} exists`);
        put(run, id, party, await c.register(id, 'CCA'));
        return DONE;
      }
      if (config.merchants.includes(party)) {
        const m = d.merchants.get(party) ?? (await d.addMerchant(party, { gateway: config.gatewayOf[party]!, openAccount: false }));
        const id = action.registration ?? defaultRegistrationId(Object.keys(m.view().registrations), party);
        if (m.records.registrations.has(id)) return refused(`registration ${id} exists`);
        put(run, id, party, await m.register(id, 'MCA'));
        return DONE;
      }
      return skipped(`${party} does not register`);
    }
    case 'startPurchase': {
      const { purchase, cardholder, merchant, form, order } = action;
      if (run.purchases.has(purchase)) return skipped(`purchase ${purchase} exists`);
      if (!config.cardholders.includes(cardholder) || !config.merchants.includes(merchant)) return skipped('no such cardholder or merchant');
      const honestCardholder = !run.isDishonest(cardholder);
      const honestMerchant = !run.isDishonest(merchant);
      const c = d.cardholders.get(cardholder);
      if (honestCardholder) {
        if (!c) return refused('the cardholder has no card account');
        if (form === 'signed' && !c.certificate) return refused('a signed purchase needs a certificate');
      }
      const od = orderDescription(order);
      const purchAmt = { currency: config.currency, minorUnits: order.items.reduce((s, i) => s + i.quantity * i.unitPrice, 0) };
      const lidM = !honestMerchant && action.lidM !== undefined ? action.lidM : purchase;
      run.purchases.set(purchase, { id: purchase, cardholder, merchant, order, form });
      // A party the attacker plays tells it the order (D25).
      if (!honestCardholder || !honestMerchant) run.attacker.learn(odBytes(od));
      if (honestMerchant) {
        const m = d.merchants.get(merchant) ?? (await d.addMerchant(merchant, { gateway: config.gatewayOf[merchant]!, openAccount: false }));
        await m.agreeOrder(purchase, { od, purchAmt });
      }
      if (honestCardholder) {
        if (!d.protocol.rules.purchaseInitiation) {
          // no-challenges (D12): C holds the merchant's signature certificate and its gateway's key-exchange certificate.
          const certS = d.merchants.get(merchant)?.certificates?.certS;
          if (certS) c!.learnMerchant(merchant, { merchantCertS: certS, gatewayCertE: d.gatewayCertificate(config.gatewayOf[merchant]!) });
        }
        put(run, purchase, cardholder, await c!.startPurchase({ id: purchase, merchant, lidM, od, purchAmt, signed: form === 'signed' }));
      }
      return DONE;
    }
    case 'deliver': {
      const message = run.network.find(action.ref);
      if (!message) return skipped('the reference names no message');
      if (message.status !== 'pending') return skipped(`the message is ${message.status}`);
      if (message.to === SPY) return skipped(`no honest receiver ${message.to}`);
      const receiver = d.party(message.to);
      if (!receiver) return skipped(`no honest receiver ${message.to}`);
      if (run.isDishonest(message.to) && !REGISTRATION_KINDS.includes(message.ref.kind)) return skipped(`the attacker plays ${message.to}`);
      message.status = 'delivered';
      const before = JSON.stringify(d.views());
      const result = await receiver.deliver({ from: message.from, bytes: message.bytes });
      const changed = result.outcome !== 'accepted' && JSON.stringify(d.views()) !== before;
      run.deliveries.push({ message, outcome: result.outcome, changed, alterations: [...message.alterations] });
      for (const sent of result.sent) put(run, message.ref.session, message.to, sent);
      return {
        kind: 'delivered',
        receiver: message.to,
        ref: message.ref,
        outcome: result.outcome,
        ...(result.items ? { items: result.items } : {}),
        ...(result.check ? { check: result.check } : {}),
        ...(result.detail ? { detail: result.detail } : {}),
      };
    }
    case 'fulfil': {
      const record = run.purchases.get(action.purchase);
      if (!record || run.isDishonest(record.merchant)) return skipped('no honest merchant for the purchase');
      const done = await d.merchants.get(record.merchant)!.fulfil(action.purchase);
      return done.fulfilled ? DONE : refused(done.reason ?? 'refused');
    }
    case 'capture': {
      if (!config.merchants.includes(action.merchant) || run.isDishonest(action.merchant)) return skipped('no honest merchant');
      const m = d.merchants.get(action.merchant);
      if (!m) return refused(`${action.merchant} has no approved purchase`);
      const batch = await m.capture(action.items);
      if (!batch.sent) return refused(batch.reason ?? 'refused');
      const n = (run.captureBatches.get(action.merchant) ?? 0) + 1;
      run.captureBatches.set(action.merchant, n);
      put(run, captureSession(action.merchant, n), action.merchant, batch.sent);
      return DONE;
    }
    case 'inquire': {
      const record = run.purchases.get(action.purchase);
      if (!record || run.isDishonest(record.cardholder)) return skipped('no honest cardholder for the purchase');
      const inquiry = await d.cardholders.get(record.cardholder)!.inquire(action.purchase);
      if (!inquiry) return refused('no PReq sent yet');
      put(run, action.purchase, record.cardholder, inquiry);
      return DONE;
    }
    case 'advanceClock':
      d.advanceClock(action.days);
      return DONE;
    case 'revoke':
      if (!d.party(action.party) && !['RCA', 'BCA', 'PCA'].includes(action.party)) return skipped(`no party ${action.party}`);
      await d.revoke(action.party);
      return DONE;
    case 'block':
      if (!d.cardholders.has(action.card)) return skipped(`no card account of ${action.card}`);
      d.block(action.card);
      return DONE;
    default:
      return undefined;
  }
}

/** `reg-<party>`, then `reg-<party>-2`, ... (D24). */
function defaultRegistrationId(taken: readonly string[], party: string): string {
  if (!taken.includes(`reg-${party}`)) return `reg-${party}`;
  let n = 2;
  while (taken.includes(`reg-${party}-${n}`)) n += 1;
  return `reg-${party}-${n}`;
}
