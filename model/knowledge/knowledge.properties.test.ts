/**
 * Properties of the attacker's knowledge over random terms (pools of shared atoms and keys, so
 * random ciphertexts often meet their keys). The oracle is a naive, non-incremental closure.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { crypt, hash, hmac, isPublicAtom, privateKeyOf, publicKey, publicKeyOf, sign, symCrypt, tuple, type Term } from '../terms/index.ts';
import { plainPrivateKey, plainSymKey, build, termArbitrary } from '../terms/arbitraries.test-helpers.ts';
import { Knowledge } from './knowledge.ts';

/** Paulson's analz by brute-force fixpoint, every term kept; then the facts as knowledge.ts defines them. */
function referenceFacts(terms: readonly Term[]): Term[] {
  const known = new Set<Term>(terms);
  for (let changed = true; changed; ) {
    changed = false;
    for (const term of [...known]) {
      let parts: readonly Term[] = [];
      if (term.kind === 'tuple') parts = term.items;
      else if (term.kind === 'crypt' && known.has(privateKeyOf(term.key))) parts = [term.body];
      else if (term.kind === 'symCrypt' && known.has(term.key)) parts = [term.body];
      else if (term.kind === 'cert') parts = [term.subject, term.subjectKey, term.issuer];
      for (const part of parts) {
        if (!known.has(part)) {
          known.add(part);
          changed = true;
        }
      }
    }
  }
  return [...known].filter((term) => term.kind !== 'tuple' && !isPublicAtom(term)).sort((x, y) => x.id - y.id);
}

/** Random terms, with keys from the same pools mixed in, so that things open. */
const keyTerm = fc.oneof(plainPrivateKey, plainSymKey).map((plain) => build(plain));
const termsArbitrary = fc.array(fc.oneof({ arbitrary: termArbitrary, weight: 3 }, { arbitrary: keyTerm, weight: 2 }), { maxLength: 12 });

/** Terms built from what `known` holds, by the attacker's own constructors (for "derivable adds nothing"). */
function composeFrom(known: Knowledge, pick: (max: number) => number, depth: number): Term {
  const facts = known.facts();
  const keys = facts.filter((f) => f.kind === 'privateKey' || f.kind === 'symKey');
  const leaf = (): Term => (facts.length === 0 ? tuple() : facts[pick(facts.length - 1)]!);
  if (depth === 0) return leaf();
  const sub = (): Term => composeFrom(known, pick, depth - 1);
  const key = keys[pick(Math.max(keys.length - 1, 0))];
  switch (pick(6)) {
    case 0: return tuple(sub(), sub());
    case 1: return hash(sub());
    case 2: return hmac(sub(), sub());
    case 3: // under a public key whose private half the attacker may or may not hold
      return crypt(key?.kind === 'privateKey' ? publicKeyOf(key) : publicKey('B', 'keyExchange'), sub());
    case 4: return key?.kind === 'privateKey' ? sign(key, sub()) : sub();
    case 5: return key?.kind === 'symKey' ? symCrypt(key, sub()) : sub();
    default: return leaf();
  }
}

describe('the closure', () => {
  test('equals the naive fixpoint, whether terms come all at once or one by one', () => {
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const expected = referenceFacts(terms);
        expect(Knowledge.of(terms).facts()).toEqual(expected);
        expect(terms.reduce((known, term) => known.add(term), Knowledge.EMPTY).facts()).toEqual(expected);
      }),
    );
  });

  test('does not depend on the order terms arrive in', () => {
    fc.assert(
      fc.property(termsArbitrary.chain((terms) => fc.tuple(fc.constant(terms), fc.shuffledSubarray(terms, { minLength: terms.length }))), ([terms, shuffled]) => {
        const [first, second] = [Knowledge.of(terms), Knowledge.of(shuffled)];
        expect(second.key()).toBe(first.key());
        expect(second.fingerprint).toBe(first.fingerprint);
        expect(second.equals(first)).toBe(true);
      }),
    );
  });

  test('is idempotent: closing a closure again changes nothing', () => {
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const known = Knowledge.of(terms);
        expect(known.addAll(known.facts())).toBe(known);
        expect(known.addAll(terms)).toBe(known);
      }),
    );
  });

  test('is monotone, and adding never changes the knowledge added to', () => {
    fc.assert(
      fc.property(termsArbitrary, termArbitrary, fc.array(termArbitrary, { maxLength: 8 }), (terms, extra, probes) => {
        const known = Knowledge.of(terms);
        const keyBefore = known.key();
        const grown = known.add(extra);
        expect(known.key()).toBe(keyBefore);
        const grownFacts = new Set(grown.facts());
        for (const fact of known.facts()) expect(grownFacts.has(fact)).toBe(true);
        for (const probe of [...probes, ...terms]) if (known.canDerive(probe)) expect(grown.canDerive(probe)).toBe(true);
      }),
    );
  });

  test('everything seen and everything in the closure is derivable', () => {
    fc.assert(
      fc.property(termsArbitrary, (terms) => {
        const known = Knowledge.of(terms);
        for (const term of [...terms, ...known.facts()]) {
          expect(known.canDerive(term)).toBe(true);
          expect(known.isAnalysed(term)).toBe(true);
        }
      }),
    );
  });

  test('adding a term the attacker could build itself teaches it nothing', () => {
    fc.assert(
      fc.property(termsArbitrary, fc.infiniteStream(fc.nat({ max: 1000 })), fc.array(termArbitrary, { maxLength: 8 }), (terms, choices, probes) => {
        const known = Knowledge.of(terms);
        const stream = choices[Symbol.iterator]();
        const built = composeFrom(known, (max) => (max <= 0 ? 0 : stream.next().value! % (max + 1)), 3);
        expect(known.canDerive(built)).toBe(true);
        const grown = known.add(built);
        for (const fact of grown.facts()) expect(known.canDerive(fact)).toBe(true);
        for (const probe of probes) expect(grown.canDerive(probe)).toBe(known.canDerive(probe));
      }),
    );
  });
});
