/**
 * `compromise(party)` on the implementation (SET.md 9; docs/decisions.md D25): the attacker gets
 * every key and secret the party holds or can compute, now and whenever it learns more (the run
 * calls this after every action for each compromised party). Keys are handed over as their
 * PKCS#8 bytes (so the attacker "holds" them, SET.md 8), and key-exchange keys also as keys it
 * can decrypt with.
 */
import { OrderDescription } from '../../impl/wire/common.ts';
import type { ImplRun } from './impl-run.ts';
import { orderDescription } from './honest.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Pool names of a party's key pairs of one usage, generation 0..n-1 (impl/deployment/deployment.ts, D35). */
export function keyNames(owner: string, usage: 'signature' | 'keyExchange', generations: number): string[] {
  return Array.from({ length: generations }, (_, g) => (g === 0 ? `key:${owner}:${usage}` : `key:${owner}:${usage}:${g + 1}`));
}

async function handOverKeys(run: ImplRun, owner: string, usages: readonly ('signature' | 'keyExchange')[], generations: number): Promise<void> {
  for (const usage of usages) {
    for (const name of keyNames(owner, usage, generations)) {
      run.attacker.learn((await run.d.pool.material(name)).pkcs8);
      if (usage === 'keyExchange') run.attacker.learnPrivateKey((await run.d.pool.keyPair(name, 'keyExchange')).privateKey);
    }
  }
}

export async function handOverSecrets(run: ImplRun, party: string): Promise<void> {
  const { d } = run;
  const learn = (bytes: Uint8Array | undefined) => bytes && run.attacker.learn(bytes);
  const cardholder = d.cardholders.get(party);
  if (cardholder) {
    learn(ascii(cardholder.card.pan));
    learn(ascii(cardholder.identity.billingPostcode));
    await handOverKeys(run, party, ['signature'], cardholder.records.keyGenerations);
    for (const r of cardholder.records.registrations.values()) [r.cardSecret, r.caBackKey].forEach(learn);
    const cert = cardholder.records.certificate;
    if (cert) [cert.cardCertNonce, cert.panSecret].forEach(learn);
    for (const p of cardholder.records.purchases.values()) {
      learn(odBytes(p.od));
      learn(p.odSalt);
    }
    return;
  }
  const merchant = d.merchants.get(party);
  if (merchant) {
    await handOverKeys(run, party, ['signature', 'keyExchange'], merchant.records.keyGenerations);
    learn(merchant.merchantSecret);
    for (const order of merchant.records.orders.values()) learn(odBytes(order.od));
    return;
  }
  if (d.gateways.has(party)) return handOverKeys(run, party, ['signature', 'keyExchange'], 1);
  const ca = d.pki.authorities.find((a) => a.name === party);
  if (ca) {
    await handOverKeys(run, party, ca.keyExchangeKeys ? ['signature', 'keyExchange'] : ['signature'], 1);
    if (ca === d.cca.authority) for (const s of d.cca.secrets) [ascii(s.pan), s.cardSecret, s.issued?.cardCertNonce, s.issued?.panSecret].forEach(learn);
    if (ca === d.mca.authority) d.mca.secrets.forEach(learn);
    return;
  }
  if (party === 'Issuer') for (const s of d.network.issuer.secrets()) [ascii(s.pan), ascii(s.billingPostcode)].forEach(learn);
  if (party === 'Acquirer') d.network.acquirer.secrets().forEach(learn);
}

/** OD's bytes as the codec writes them (what `od:<purchase>` is searched as). */
export function odBytes(od: ReturnType<typeof orderDescription>): Uint8Array {
  return OrderDescription.encode(od);
}
