/**
 * What the attacker holds on the implementation besides bytes (SET.md 9; docs/decisions.md
 * D27-D29): the key pairs it made itself (`att-<n>`, from the key pool as `key:att-<n>:<usage>`),
 * and, for the messages it faked, the symmetric keys of their envelopes (it chose them, so it can
 * read those parts again, as the model's attacker that learnt its fresh `k`). A compromised or
 * dishonest party's keys are not listed here: they are bytes the attacker holds (compromise.ts),
 * checked with `holdsKey`.
 */
import { bytesEqual } from '../../impl/crypto/digest.ts';
import type { ImplRun } from './impl-run.ts';
import { keyNames } from './compromise.ts';

interface AttackerSecrets {
  /** Pool names of key pairs the attacker made (`key:att-3:signature`). */
  readonly keys: Set<string>;
  /** Symmetric ciphertexts of its own fakes (hex) to the key that opens them. */
  readonly sealed: Map<string, Uint8Array>;
  /** Symmetric keys it made for fields of its fakes (a CABackKey: the CA answers under it). */
  readonly symmetric: Uint8Array[];
}

const byRun = new WeakMap<ImplRun, AttackerSecrets>();

function secrets(run: ImplRun): AttackerSecrets {
  let s = byRun.get(run);
  if (!s) byRun.set(run, (s = { keys: new Set(), sealed: new Map(), symmetric: [] }));
  return s;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The attacker made the key pair `poolName` (D27: its own `att-<n>` keys). */
export function holdAttackerKey(run: ImplRun, poolName: string): void {
  secrets(run).keys.add(poolName);
}

/** Undoes `holdAttackerKey` for a key pair made by an action that is then skipped (it changes nothing, D24). */
export function releaseAttackerKey(run: ImplRun, poolName: string): void {
  secrets(run).keys.delete(poolName);
}

export function attackerKeyNames(run: ImplRun): readonly string[] {
  return [...secrets(run).keys];
}

/**
 * The attacker decrypts with the key-exchange keys it made, as the model's attacker that knows
 * `att-<n>`'s private key: what a party sealed to a forged certificate of its own is open to it.
 */
export async function useOwnKeys(run: ImplRun): Promise<void> {
  for (const name of secrets(run).keys) {
    if (name.endsWith(':keyExchange')) run.attacker.learnPrivateKey((await run.d.pool.keyPair(name, 'keyExchange')).privateKey);
  }
}

/** A symmetric ciphertext of a fake, and the key it was sealed under. */
export function rememberSealed(run: ImplRun, ciphertext: Uint8Array, key: Uint8Array): void {
  secrets(run).sealed.set(hex(ciphertext), key);
}

export function sealedKey(run: ImplRun, ciphertext: Uint8Array): Uint8Array | undefined {
  return secrets(run).sealed.get(hex(ciphertext));
}

/** A symmetric key the attacker made for a fake it sent. */
export function holdSymmetricKey(run: ImplRun, key: Uint8Array): void {
  secrets(run).symmetric.push(key);
}

export function attackerSymmetricKeys(run: ImplRun): readonly Uint8Array[] {
  return secrets(run).symmetric;
}

/** Does the attacker hold the private half of the pool key `name`? Its own, or handed over (compromise). */
export async function holdsKey(run: ImplRun, name: string): Promise<boolean> {
  if (secrets(run).keys.has(name)) return true;
  const owner = name.split(':')[1] ?? '';
  // A party's keys reach the attacker only by compromise (D25): no pool look-up for the others.
  if (!run.compromised.has(owner)) return false;
  return run.attacker.holds((await run.d.pool.material(name)).pkcs8);
}

/** The pool names of every key pair a party has had, of one usage (D35: generations). */
export function partyKeyNames(run: ImplRun, party: string, usage: 'signature' | 'keyExchange'): string[] {
  const { d } = run;
  const merchant = d.merchants.get(party);
  if (merchant) return keyNames(party, usage, merchant.records.keyGenerations);
  const cardholder = d.cardholders.get(party);
  if (cardholder) return usage === 'signature' ? keyNames(party, usage, cardholder.records.keyGenerations) : [];
  if (d.gateways.has(party)) return [`key:${party}:${usage}`];
  const ca = d.pki.authorities.find((a) => a.name === party);
  if (ca) return usage === 'signature' || ca.keyExchangeKeys ? [`key:${party}:${usage}`] : [];
  return [];
}

/** The pool name of the key pair with this SubjectPublicKeyInfo, among the parties' and the attacker's keys. */
export async function keyNameOf(run: ImplRun, spki: Uint8Array): Promise<string | undefined> {
  const candidates = [...secrets(run).keys];
  for (const party of [...run.d.merchants.keys(), ...run.d.cardholders.keys(), ...run.d.gateways.keys(), ...run.d.pki.authorities.map((a) => a.name)]) {
    for (const usage of ['signature', 'keyExchange'] as const) candidates.push(...partyKeyNames(run, party, usage));
  }
  for (const name of candidates) if (bytesEqual((await run.d.pool.material(name)).spki, spki)) return name;
  return undefined;
}
