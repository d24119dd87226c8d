/**
 * A ready world for impl/ tests: a deployment with cardholders and merchants registered
 * through the real registration messages, and helpers to agree orders and run purchases.
 */
import { afterEach, expect } from 'vitest';
import { reconcile } from '../ledger/reconcile.ts';
import type { Cardholder } from '../parties/cardholder/cardholder.ts';
import type { Merchant } from '../parties/merchant/merchant.ts';
import type { DeliveryResult, Outbound } from '../parties/party.ts';
import type { Variant } from '../protocol/variants.ts';
import { SetDeployment, type DeliveryRecord } from './deployment.ts';

export const EUR = (minorUnits: number) => ({ currency: 'EUR', minorUnits });

export const CARDS = {
  C1: { pan: '4000123412341234', cardExpiry: '202712', limit: 100_000, name: 'Alice Martin', billingPostcode: '75001' },
  C2: { pan: '5100987698769876', cardExpiry: '202801', limit: 50_000, name: 'Bob Stone', billingPostcode: 'EC1A1BB' },
  C3: { pan: '4111111111111111', cardExpiry: '202612', limit: 10_000, name: 'Carol Diaz', billingPostcode: '10115' },
} as const;

export interface World {
  readonly d: SetDeployment;
  readonly c: Record<string, Cardholder>;
  readonly m: Record<string, Merchant>;
}

export interface WorldOptions {
  readonly cardholders?: readonly (keyof typeof CARDS)[];
  readonly merchants?: readonly string[];
  readonly variants?: readonly string[];
  readonly plugins?: readonly Variant[];
  readonly gateways?: readonly string[];
  /** Register them (default true). */
  readonly register?: boolean;
}

/** Every world a test built; after each test its books must reconcile with its log (SET.md 7). */
const built: World[] = [];
afterEach(() => {
  for (const w of built.splice(0)) expectReconciled(w);
});

export async function world(options: WorldOptions = {}): Promise<World> {
  const d = await SetDeployment.create({ variants: options.variants ?? [], plugins: options.plugins ?? [], gateways: options.gateways ?? ['P1'] });
  const c: Record<string, Cardholder> = {};
  const m: Record<string, Merchant> = {};
  for (const name of options.cardholders ?? ['C1']) c[name] = await d.addCardholder(name, CARDS[name]);
  for (const name of options.merchants ?? ['M1']) m[name] = await d.addMerchant(name);
  built.push({ d, c, m });
  if (options.register !== false) {
    for (const [name, cardholder] of Object.entries(c)) expectAllAccepted(await d.runToQuiet(await cardholder.register(`reg-${name}`, 'CCA'), name));
    for (const [name, merchant] of Object.entries(m)) expectAllAccepted(await d.runToQuiet(await merchant.register(`reg-${name}`, 'MCA'), name));
  }
  return { d, c, m };
}

export function expectAllAccepted(records: readonly DeliveryRecord[]): void {
  for (const r of records) expect(`${r.message.kind} -> ${r.message.to}: ${r.result.outcome}`).toBe(`${r.message.kind} -> ${r.message.to}: accepted`);
}

export const book = (price: number) => [{ description: 'SET, the textbook', quantity: 1, unitPrice: price }];

/** Step 4: the order agreed with the merchant; returns what C needs to start the purchase. */
export async function agree(w: World, id: string, merchant: string, amount: number, signed = true) {
  const od = book(amount);
  const purchAmt = EUR(amount);
  const lidM = await w.m[merchant]!.agreeOrder(id, { od, purchAmt });
  return { id, merchant, lidM, od, purchAmt, signed };
}

/** A whole purchase, PInitReq to PRes, delivered in order. */
export async function purchase(w: World, cardholder: string, id: string, merchant: string, amount: number, signed = true): Promise<DeliveryRecord[]> {
  const order = await agree(w, id, merchant, amount, signed);
  return w.d.runToQuiet(await w.c[cardholder]!.startPurchase(order), cardholder);
}

export function expectReconciled(w: World): void {
  expect(reconcile(w.d.log.events, w.d.network.view())).toEqual([]);
}

/** The first message of `kind` in a run. */
export function sentOf(records: readonly DeliveryRecord[], kind: string): DeliveryRecord {
  const found = records.find((r) => r.message.kind === kind);
  if (!found) throw new Error(`no ${kind} in ${records.map((r) => r.message.kind).join(', ')}`);
  return found;
}

/** Delivers one message and checks the rejection changed nothing anyone can see. */
export async function expectRejected(w: World, message: Outbound, from: string, outcome: string): Promise<DeliveryResult> {
  const before = JSON.stringify(w.d.views());
  const events = w.d.log.events.length;
  const result = await w.d.deliver(message, from);
  expect(result.outcome, `${message.kind} to ${message.to}: ${result.check ?? ''} ${result.detail ?? ''}`).toBe(outcome);
  expect(result.sent).toEqual([]);
  expect(JSON.stringify(w.d.views())).toBe(before);
  expect(w.d.log.events.length).toBe(events);
  return result;
}

/** Delivers the chain of messages that starts with `first` until the next one is of `kind`, which it returns undelivered. */
export async function runUntil(w: World, first: Outbound, from: string, kind: string): Promise<{ readonly message: Outbound; readonly from: string; readonly delivered: DeliveryRecord[] }> {
  let next = { message: first, from };
  const delivered: DeliveryRecord[] = [];
  while (next.message.kind !== kind) {
    const result = await w.d.deliver(next.message, next.from);
    delivered.push({ ...next, result });
    const sent = result.sent[0];
    if (!sent) throw new Error(`the chain stopped at ${next.message.kind} (${result.outcome}: ${result.check ?? ''} ${result.detail ?? ''}) before any ${kind}`);
    next = { message: sent, from: next.message.to };
  }
  return { ...next, delivered };
}

/** The purchase `id` started and delivered up to (not including) the first message of `kind`. */
export async function purchaseUntil(w: World, cardholder: string, id: string, merchant: string, amount: number, kind: string, signed = true) {
  return runUntil(w, await w.c[cardholder]!.startPurchase(await agree(w, id, merchant, amount, signed)), cardholder, kind);
}
