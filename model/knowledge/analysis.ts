/**
 * The attacker's analysis rules (SET.md 9; Paulson's `analz`), run incrementally: adding terms
 * to a closure that is already closed analyses only what is new.
 *
 *   {a, b, ...}      gives a, b, ...
 *   Crypt(pk, t)     gives t once the private half of pk is known
 *   SymCrypt(k, t)   gives t once k is known
 *   Cert(...)        gives its subject, subject key and issuer (a certificate's fields are public)
 *   S(s, t)          is {t, SO(s, t)}, so it gives t; SO(s, t) itself gives nothing
 *   H, Hmac, PANSecret   give nothing: one-way
 *
 * What is stored (the *facts*): every analysed term except tuples and public atoms. A tuple is
 * transparent (it is known exactly when its parts are, and synthesis rebuilds it), and public
 * atoms are known from the start (model/terms/term.ts `isPublicAtom`). Leaving both out makes the
 * fact set a function of the closure alone, whatever the order or grouping the terms arrived in
 * (`{a, b}` once or `a` then `b`). It is analz, not a minimal basis: an attacker that saw `H(n)`
 * and one that only knows `n` build the same terms but have different facts (a missed merge for
 * the explorer, never a wrong one).
 *
 * A ciphertext whose key is unknown is stored as a fact *and* parked in `pending` under the id of
 * the key it needs; when that key becomes a fact, the parked ciphertexts are opened. Keys are
 * atoms (model/terms/constructors.ts), so "the key is known" is one lookup.
 */
import { isPublicAtom, privateKeyOf, type Crypt, type PrivateKey, type SymCrypt, type SymKey, type Term } from '../terms/index.ts';
import type { IntMapEdit } from './int-map.ts';

export type DecryptionKey = PrivateKey | SymKey;
export type Ciphertext = Crypt | SymCrypt;

/**
 * The ciphertexts parked under one key, newest first: a persistent list, so parking one more is
 * O(1) and shares the rest (every OAEP block to a gateway waits on that gateway's one key).
 */
export interface Parked {
  readonly ciphertext: Ciphertext;
  readonly rest: Parked | undefined;
}

/** Facts by term id; ciphertexts waiting for a key, by the key's id. */
export interface ClosureEdit {
  readonly facts: IntMapEdit<Term>;
  readonly pending: IntMapEdit<Parked>;
}

/** The key that opens a ciphertext. */
export function decryptionKey(ciphertext: Ciphertext): DecryptionKey {
  return ciphertext.kind === 'crypt' ? privateKeyOf(ciphertext.key) : ciphertext.key;
}

/**
 * Adds `incoming` to a closed set of facts and closes it again. Calls `learned` once per new
 * fact, in the order found (knowledge.ts keeps its fingerprint with it).
 */
export function closeOver(closure: ClosureEdit, incoming: Iterable<Term>, learned: (fact: Term) => void): void {
  const { facts, pending } = closure;
  const work: Term[] = [...incoming];
  while (work.length > 0) {
    const term = work.pop()!;
    if (term.kind === 'tuple') {
      for (const item of term.items) work.push(item);
      continue;
    }
    if (isPublicAtom(term) || facts.has(term.id)) continue;
    facts.set(term.id, term);
    learned(term);
    switch (term.kind) {
      case 'crypt':
      case 'symCrypt': {
        const key = decryptionKey(term);
        if (facts.has(key.id)) work.push(term.body);
        else pending.set(key.id, { ciphertext: term, rest: pending.get(key.id) });
        break;
      }
      case 'cert':
        work.push(term.subject, term.subjectKey, term.issuer);
        break;
      case 'privateKey':
      case 'symKey': {
        let parked = pending.get(term.id);
        if (parked === undefined) break;
        pending.delete(term.id);
        for (; parked !== undefined; parked = parked.rest) work.push(parked.ciphertext.body);
        break;
      }
      default:
        // nonce, secret data, PAN, hash, hmac, signature, PANSecret: nothing inside is revealed.
        break;
    }
  }
}
