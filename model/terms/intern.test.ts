/** Hash-consing (intern.ts): one object per structure, checked against plain trees as the oracle. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { agent, amount, hash, integer, internedTermCount, nonce, privateKey, publicKey, symKey, text, tuple } from './index.ts';
import { build, canonicalPlain, plainTerm, plainTermPair, toPlain } from './arbitraries.test-helpers.ts';

describe('one object per structure', () => {
  test('building the same structure twice gives the same object and id', () => {
    const first = tuple(agent('C1'), hash(nonce('XID:p1')));
    const second = tuple(agent('C1'), hash(nonce('XID:p1')));
    expect(first).toBe(second);
    expect(first.id).toBe(second.id);
  });

  test('nesting matters: {a, {b, c}}, {{a, b}, c}, {a, b, c} and {a} are all different', () => {
    const [a, b, c] = [nonce('a'), nonce('b'), nonce('c')];
    const shapes = [tuple(a, tuple(b, c)), tuple(tuple(a, b), c), tuple(a, b, c), tuple(a), tuple()];
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(tuple(a)).not.toBe(a);
  });

  test('atoms of different kinds with the same label are different terms', () => {
    const sameLabel = [agent('k1'), nonce('k1'), symKey('k1'), text('k1')];
    expect(new Set(sameLabel).size).toBe(4);
    expect(integer(5)).not.toBe(amount('USD', 5));
  });

  test('a new structure gets the next id; an old one costs no id', () => {
    const before = internedTermCount();
    const fresh = nonce(`fresh:${before}`);
    expect(fresh.id).toBe(before);
    expect(nonce(`fresh:${before}`)).toBe(fresh);
    expect(internedTermCount()).toBe(before + 1);
  });

  test('terms are frozen, so no one can change a shared structure', () => {
    const term = tuple(nonce('a'));
    expect(Object.isFrozen(term)).toBe(true);
    expect(Object.isFrozen(term.items)).toBe(true);
  });
});

describe('against plain trees', () => {
  test('a built term has exactly the structure it was built from', () => {
    fc.assert(
      fc.property(plainTerm, (plain) => {
        expect(canonicalPlain(toPlain(build(plain)))).toBe(canonicalPlain(plain));
      }),
    );
  });

  test('two descriptions give the same object exactly when they describe the same structure', () => {
    fc.assert(
      fc.property(plainTermPair, ([left, right]) => {
        expect(build(left) === build(right)).toBe(canonicalPlain(left) === canonicalPlain(right));
      }),
    );
  });
});

describe('atoms refuse what they cannot print unambiguously', () => {
  test.each([
    ['an agent name starting with a digit', () => agent('1C')],
    ['an agent name with a colon', () => agent('n:C1')],
    ['an empty nonce label', () => nonce('')],
    ['a label with a space', () => nonce('RR PID')],
    ['a negative amount', () => amount('USD', -1)],
    ['a fractional amount', () => amount('USD', 1.5)],
    ['a currency that is not three capitals', () => amount('usd', 1)],
    ['an unknown key usage, even for an owner whose pairs exist', () => (publicKey('C1', 'keyExchange'), publicKey('C1', 'encryption' as never))],
    ['a fractional key generation', () => privateKey('C1', 'signature', 0.5)],
    ['a negative key generation', () => publicKey('C1', 'signature', -1)],
  ])('%s', (_, make) => {
    expect(make).toThrow(/./);
  });
});
