/**
 * What both sides observe after every action (SET.md 8; docs/decisions.md D21): the delivery
 * outcome (with a CapReq's item codes), every party's view, the ledgers, and for each secret of
 * SET.md 8's fixed list whether the attacker holds it (on the model: derivable from its
 * knowledge). Objects have sorted keys, so `JSON.stringify` of two equal observations is equal.
 */
import { pan, privateKey, type Term } from '../terms/index.ts';
import {
  holdsOf, type AcquirerState, type CaState, type CardholderState, type GatewayState, type IssuerState, type MerchantState,
} from '../roles/index.ts';
import { ACQUIRER, CARDHOLDER_CA, ISSUER, MERCHANT_CA, CERTIFICATE_AUTHORITIES } from '../vocabulary/agents.ts';
import type { CaptureCode, Outcome } from '../vocabulary/outcomes.ts';
import type { World } from './world.ts';

export type CardholderPurchaseView = 'initiated' | 'requested' | 'pending' | 'authorised' | 'declined';
export type RegistrationView = 'open' | 'issued' | `refused:${string}`;

export interface MerchantPurchaseView {
  readonly status: 'agreed' | 'initiated' | 'requested' | 'authorised' | 'declined';
  readonly fulfilled: boolean;
  readonly authAmt: number | null;
  readonly captured: number;
}

export interface GatewayDecisionView {
  readonly decision: 'approved' | 'declined';
  readonly authAmt: number;
  readonly captured: number;
}

export interface CertificateView {
  readonly subject: string;
  readonly type: string;
  readonly usage: string;
  readonly key: string;
  readonly revoked: boolean;
}

export interface Views {
  readonly cardholders: Readonly<Record<string, { readonly purchases: Readonly<Record<string, CardholderPurchaseView>>; readonly registrations: Readonly<Record<string, RegistrationView>> }>>;
  readonly merchants: Readonly<Record<string, { readonly purchases: Readonly<Record<string, MerchantPurchaseView>>; readonly registrations: Readonly<Record<string, RegistrationView>> }>>;
  readonly gateways: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, GatewayDecisionView>>>>>>;
  readonly cas: Readonly<Record<string, { readonly certificates: readonly CertificateView[] }>>;
  readonly ledgers: {
    readonly balances: Readonly<Record<string, number>>;
    readonly cards: Readonly<Record<string, { readonly limit: number; readonly status: 'open' | 'blocked'; readonly holds: number }>>;
  };
}

/** D21's observation. */
export interface Observation {
  readonly delivery?: { readonly outcome: Outcome; readonly items?: readonly CaptureCode[] };
  readonly views: Views;
  readonly attacker: Readonly<Record<string, boolean>>;
}

/** An object with the same entries, keys sorted (D21). */
function sorted<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const list = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, T> = {};
  for (const [key, value] of list) out[key] = value;
  return out;
}

function state<S>(world: World, name: string): S {
  return world.parties[name]!.snapshot.context as S;
}

/** D19: the CAs whose views are observed are the two that register parties in scenarios. */
const OBSERVED_CAS = [CARDHOLDER_CA, MERCHANT_CA];

export function views(world: World): Views {
  const { cardholders, merchants, gateways, dishonest } = world.config;
  const cardholderViews = sorted(cardholders.map((name) => {
    const s = state<CardholderState>(world, name);
    return [name, {
      purchases: sorted(Object.values(s.purchases).map((p) => [p.id, p.status] as const)),
      registrations: sorted(Object.values(s.registrations).map((r) => [r.id, r.status] as const)),
    }] as const;
  }));
  const merchantViews = sorted(merchants.map((name) => {
    const s = state<MerchantState>(world, name);
    const played = dishonest.includes(name);
    return [name, {
      // keys written in sorted order
      purchases: played ? {} : sorted(Object.values(s.purchases).map((p) => [p.id, { authAmt: p.authAmt, captured: p.captured, fulfilled: p.fulfilled, status: p.status }] as const)),
      registrations: sorted(Object.values(s.registrations).map((r) => [r.id, r.status] as const)),
    }] as const;
  }));
  const gatewayViews = sorted(gateways.map((name) => {
    const s = state<GatewayState>(world, name);
    return [name, sorted(Object.entries(s.decisions).map(([lidC, byMerchant]) => [lidC, sorted(Object.entries(byMerchant).map(([m, d]) => [
      m, { authAmt: d.authAmt, captured: d.captured, decision: d.decision } satisfies GatewayDecisionView,
    ] as const))] as const))] as const;
  }));
  const caViews = sorted(OBSERVED_CAS.map((name) => {
    const s = state<CaState>(world, name);
    return [name, {
      certificates: s.issued.map(({ certificate, owner }): CertificateView => ({
        key: `key:${certificate.subjectKey.owner}:${certificate.usage}`,
        revoked: (world.env.crl.get(certificate.id) ?? Infinity) <= world.env.day,
        subject: owner,
        type: certificate.certType,
        usage: certificate.usage,
      })),
    }] as const;
  }));
  const issuer = state<IssuerState>(world, ISSUER);
  const cards: [string, { limit: number; status: 'open' | 'blocked'; holds: number }][] = [];
  for (const account of Object.values(issuer.accounts)) {
    cards.push([`card:${account.cardholder}`, { holds: holdsOf(account), limit: account.limit, status: account.status }]);
  }
  // keys in sorted order (D21)
  return {
    cardholders: cardholderViews as Views['cardholders'],
    cas: caViews,
    gateways: gatewayViews,
    ledgers: { balances: ledgerBalances(world), cards: sorted(cards) },
    merchants: merchantViews as Views['merchants'],
  };
}

/** SET.md 7: every account's balance, keys sorted (the ledgers' part of the view, alone). */
export function ledgerBalances(world: World): Record<string, number> {
  const issuer = state<IssuerState>(world, ISSUER);
  const acquirer = state<AcquirerState>(world, ACQUIRER);
  const balances: [string, number][] = [['issuer', issuer.balance], ['clearing', acquirer.clearing], ['acquirer', acquirer.balance]];
  for (const account of Object.values(issuer.accounts)) balances.push([`card:${account.cardholder}`, account.balance]);
  for (const m of Object.values(acquirer.merchants)) balances.push([`merchant:${m.merchant}`, m.balance]);
  return sorted(balances);
}

/** The secrets of SET.md 8 and D21 that exist in this world, by observation name. */
export function attackerSecrets(world: World): [string, readonly Term[]][] {
  const out: [string, readonly Term[]][] = [];
  for (const name of world.config.cardholders) {
    const s = state<CardholderState>(world, name);
    out.push([`pan:${name}`, [pan(name)]]);
    out.push([`cardSecret:${name}`, Object.values(s.registrations).flatMap((r) => (r.request ? [r.request.cardSecret] : []))]);
  }
  for (const event of world.log) {
    if (event.type === 'certificate-issued' && event.panSecret !== undefined) out.push([`panSecret:${event.owner}`, [event.panSecret]]);
  }
  const keyPairs = (name: string, usages: readonly ('signature' | 'keyExchange')[], generations: number) => {
    for (const usage of usages) {
      if (generations > 0) out.push([`key:${name}:${usage}`, Array.from({ length: generations }, (_, g) => privateKey(name, usage, g))]);
    }
  };
  for (const name of CERTIFICATE_AUTHORITIES) keyPairs(name, world.env.pki.cas.get(name)?.keyExchange ? ['signature', 'keyExchange'] : ['signature'], 1);
  for (const name of world.config.gateways) keyPairs(name, ['signature', 'keyExchange'], 1);
  for (const name of world.config.merchants) keyPairs(name, ['signature', 'keyExchange'], state<MerchantState>(world, name).keyPairs);
  for (const name of world.config.cardholders) keyPairs(name, ['signature'], state<CardholderState>(world, name).keyPairs);
  for (const p of Object.values(world.purchases)) out.push([`od:${p.id}`, [p.od]]);
  return out;
}

export function attackerView(world: World): Record<string, boolean> {
  const held = new Map<string, boolean>();
  for (const [name, terms] of attackerSecrets(world)) held.set(name, (held.get(name) ?? false) || terms.some((t) => world.knowledge.canDerive(t)));
  return sorted(held);
}

/** The observation after the action that produced `world` (D21). */
export function observe(world: World): Observation {
  const last = world.last;
  const delivery = last.kind === 'delivered' ? { ...(last.items ? { items: last.items } : {}), outcome: last.outcome } : undefined;
  return { attacker: attackerView(world), ...(delivery ? { delivery } : {}), views: views(world) };
}
