/**
 * The free constructors of the term algebra (term.ts; SET.md 2's `{..}`, `H`, `HMAC`, `SO`, OAEP
 * and `EK`). Keys of `sign`, `crypt` and `symCrypt` are key atoms by type: with atomic keys,
 * "analyse, then synthesise" decides derivability (knowledge/), and a message whose key field is
 * not a key is rejected where it is parsed, not here.
 */
import { BinaryTable, SequenceTable, UnaryTable } from './intern.ts';
import { privateKeyOf } from './keys.ts';
import type { Crypt, Hash, Hmac, PrivateKey, PublicKey, Signature, SymCrypt, SymKey, Term, Tuple } from './term.ts';

const tuples = new SequenceTable<Tuple>((id, items) => ({ id, kind: 'tuple', items: Object.freeze([...items]) }));
const hashes = new UnaryTable<Hash>((id, body) => ({ id, kind: 'hash', body }));
const hmacs = new BinaryTable<Hmac>((id, body, key) => ({ id, kind: 'hmac', body, key }));
const signatures = new BinaryTable<Signature, PrivateKey>((id, key, body) => ({ id, kind: 'sign', key, body }));
const crypts = new BinaryTable<Crypt, PublicKey>((id, key, body) => ({ id, kind: 'crypt', key, body }));
const symCrypts = new BinaryTable<SymCrypt, SymKey>((id, key, body) => ({ id, kind: 'symCrypt', key, body }));

/** `{a, b, ...}`. Any length, including 0 and 1: `{a}` is not `a`, as a one-element SEQUENCE is not its element. */
export function tuple(...items: readonly Term[]): Tuple {
  return tuples.intern(items);
}

export function hash(body: Term): Hash {
  return hashes.intern(body);
}

/** `HMAC(body, key)`: `body` is the message (docs/decisions.md D3). */
export function hmac(body: Term, key: Term): Hmac {
  return hmacs.intern(body, key);
}

/** `SO(key's owner, body)`: a detached signature; carries `body` only for verification, never reveals it. */
export function sign(key: PrivateKey, body: Term): Signature {
  return signatures.intern(key, body);
}

/** Asymmetric encryption under a public key (SET's OAEP block). */
export function crypt(key: PublicKey, body: Term): Crypt {
  return crypts.intern(key, body);
}

/** `EK_key(body)`. */
export function symCrypt(key: SymKey, body: Term): SymCrypt {
  return symCrypts.intern(key, body);
}

/** The symbolic check of a detached signature: `signature` is `SO` over exactly `body` by the private half of `key`. */
export function signatureVerifies(signature: Term, key: PublicKey, body: Term): boolean {
  return signature.kind === 'sign' && signature.body === body && signature.key === privateKeyOf(key);
}
