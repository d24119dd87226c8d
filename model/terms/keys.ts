/**
 * Asymmetric key pairs (SET.md 1: every party's keys are split by usage, docs/decisions.md D6:
 * the two usages are two different pairs). A pair is named by its owner, its usage and a
 * generation (0 for the pair a party starts with; a party that makes a new pair, such as a
 * cardholder's PublicKeyS at registration, takes the next number).
 *
 * Both halves are interned together, and each knows its partner through one numeric lookup:
 * analysis asks "which private key opens this?" for every ciphertext it meets.
 */
import { assertName } from './atoms.ts';
import { StringTable } from './intern.ts';
import type { KeyUsage, PrivateKey, PublicKey } from './term.ts';

interface PairName {
  readonly owner: string;
  readonly usage: KeyUsage;
  readonly generation: number;
}
const publicKeys = new StringTable<PublicKey, PairName>((id, _key, name) => ({ id, kind: 'publicKey', ...name }));
const privateKeys = new StringTable<PrivateKey, PairName>((id, _key, name) => ({ id, kind: 'privateKey', ...name }));
const privateByPublicId = new Map<number, PrivateKey>();
const publicByPrivateId = new Map<number, PublicKey>();

interface KeyPair {
  readonly pub: PublicKey;
  readonly priv: PrivateKey;
}
/** owner -> [signature pairs, key-exchange pairs] by generation: no string is built on a hit. */
const pairsByOwner = new Map<string, [KeyPair[], KeyPair[]]>();

function keyPair(owner: string, usage: KeyUsage, generation: number): KeyPair {
  // Checked before the lookup: any other string would otherwise land in the key-exchange slot.
  if (usage !== 'signature' && usage !== 'keyExchange') throw new RangeError(`key usage: expected signature | keyExchange, got "${String(usage)}"`);
  const slot = usage === 'signature' ? 0 : 1;
  const found = pairsByOwner.get(owner)?.[slot][generation];
  if (found !== undefined) return found;
  assertName(owner, 'key owner');
  if (!Number.isSafeInteger(generation) || generation < 0) throw new RangeError(`key generation: expected a natural number, got ${generation}`);
  const name = `${usage}:${generation}:${owner}`;
  const pair = { pub: publicKeys.intern(name, { owner, usage, generation }), priv: privateKeys.intern(name, { owner, usage, generation }) };
  let byUsage = pairsByOwner.get(owner);
  if (byUsage === undefined) {
    byUsage = [[], []];
    pairsByOwner.set(owner, byUsage);
  }
  byUsage[slot][generation] = pair;
  privateByPublicId.set(pair.pub.id, pair.priv);
  publicByPrivateId.set(pair.priv.id, pair.pub);
  return pair;
}

export function publicKey(owner: string, usage: KeyUsage, generation = 0): PublicKey {
  return keyPair(owner, usage, generation).pub;
}

export function privateKey(owner: string, usage: KeyUsage, generation = 0): PrivateKey {
  return keyPair(owner, usage, generation).priv;
}

/** The private half that opens `Crypt(key, _)` and makes signatures checked with `key`. */
export function privateKeyOf(key: PublicKey): PrivateKey {
  return privateByPublicId.get(key.id)!;
}

export function publicKeyOf(key: PrivateKey): PublicKey {
  return publicByPrivateId.get(key.id)!;
}
