/**
 * The observation of docs/decisions.md D21 and D30, read off the implementation after an action:
 * the delivery outcome, every party's view (from the parties themselves), the ledgers, and for
 * each secret whether the attacker holds its bytes (SET.md 8). It is compared, as JSON, with the
 * model's `observe(world)`.
 */
import type { Observation } from '../../model/index.ts';
import type { ImplRun } from './impl-run.ts';
import { keyNames, odBytes } from './compromise.ts';
import { orderDescription } from './honest.ts';
import { panOf } from './names.ts';

function sorted<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = value;
  return out;
}

export async function observeImpl(run: ImplRun): Promise<Observation> {
  const { d, config } = run;
  const views = d.views();
  const cardholders = sorted(config.cardholders.map((name) => [name, views.cardholders[name] ? { purchases: sorted(Object.entries(views.cardholders[name]!.purchases)), registrations: sorted(Object.entries(views.cardholders[name]!.registrations)) } : { purchases: {}, registrations: {} }] as const));
  const merchants = sorted(config.merchants.map((name) => {
    const v = views.merchants[name];
    const purchases = !v || run.isDishonest(name) ? {} : sorted(Object.entries(v.purchases).map(([id, p]) => [id, { authAmt: p.authAmt, captured: p.captured, fulfilled: p.fulfilled, status: p.status }] as const));
    return [name, { purchases, registrations: v ? sorted(Object.entries(v.registrations)) : {} }] as const;
  }));
  const gateways = sorted(config.gateways.map((name) => [name, sorted(Object.entries(views.gateways[name] ?? {}).map(([p, byMerchant]) => [p, sorted(Object.entries(byMerchant).map(([m, dec]) => [m, { authAmt: dec.authAmt, captured: dec.captured, decision: dec.decision }] as const))] as const))] as const));
  const cas = sorted(Object.entries(views.cas).map(([name, v]) => [name, { certificates: v.certificates.map((c) => ({ key: c.key, revoked: c.revoked, subject: c.subject, type: c.type, usage: c.usage })) }] as const));
  const ledgers = { balances: sorted(Object.entries(views.ledgers.balances)), cards: sorted(Object.entries(views.ledgers.cards).map(([a, c]) => [a, { holds: c.holds, limit: c.limit, status: c.status }] as const)) };
  const last = run.last;
  const delivery = last.kind === 'delivered' ? { ...(last.items ? { items: last.items } : {}), outcome: last.outcome } : undefined;
  return { attacker: await attackerView(run), ...(delivery ? { delivery } : {}), views: { cardholders, cas, gateways, ledgers, merchants } } as unknown as Observation;
}

/** D30's list of secrets, each true when its bytes occur in what the attacker holds (SET.md 8). */
async function attackerView(run: ImplRun): Promise<Record<string, boolean>> {
  const { d, config } = run;
  const k = run.attacker;
  const ascii = (t: string) => new TextEncoder().encode(t);
  const held: [string, boolean][] = [];
  for (const name of config.cardholders) {
    held.push([`pan:${name}`, k.holds(ascii(panOf(name)))]);
    const c = d.cardholders.get(name);
    const secrets = c ? [...c.records.registrations.values()].flatMap((r) => (r.cardSecret ? [r.cardSecret] : [])) : [];
    held.push([`cardSecret:${name}`, secrets.some((s) => k.holds(s))]);
  }
  // PANSecret = CardSecret xor CardCertNonce (SET.md 1): held as bytes, or derivable from both halves (the model's synthesis)
  const panSecretHeld = (s: { cardSecret: Uint8Array; issued: { cardCertNonce: Uint8Array; panSecret: Uint8Array } }) =>
    k.holds(s.issued.panSecret) || (k.holds(s.cardSecret) && k.holds(s.issued.cardCertNonce));
  for (const s of d.cca.secrets) if (s.issued) held.push([`panSecret:${s.holder}`, (held.find(([n]) => n === `panSecret:${s.holder}`)?.[1] ?? false) || panSecretHeld({ ...s, issued: s.issued })]);
  const keys = async (owner: string, usages: readonly ('signature' | 'keyExchange')[], generations: number) => {
    if (generations === 0) return;
    for (const usage of usages) {
      let any = false;
      for (const name of keyNames(owner, usage, generations)) any ||= k.holds((await d.pool.material(name)).pkcs8);
      held.push([`key:${owner}:${usage}`, any]);
    }
  };
  for (const ca of d.pki.authorities) await keys(ca.name, ca.keyExchangeKeys ? ['signature', 'keyExchange'] : ['signature'], 1);
  for (const name of config.gateways) await keys(name, ['signature', 'keyExchange'], 1);
  for (const name of config.merchants) await keys(name, ['signature', 'keyExchange'], d.merchants.get(name)?.records.keyGenerations ?? 0);
  for (const name of config.cardholders) await keys(name, ['signature'], d.cardholders.get(name)?.records.keyGenerations ?? 0);
  for (const p of run.purchases.values()) held.push([`od:${p.id}`, k.holds(odBytes(orderDescription(p.order)))]);
  // Later entries of the same name (panSecret of a second certificate) replace earlier ones with the combined answer.
  return sorted(new Map(held));
}
