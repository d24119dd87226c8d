/**
 * Test helpers for the term algebra: terms described as plain trees (no ids, no interning), a
 * fast-check arbitrary of such trees over small pools of atoms (so that random terms share
 * subterms and keys, as protocol messages do), and `build` / `toPlain` between the two. The plain
 * tree is the oracle interning is checked against.
 */
import fc from 'fast-check';
import {
  agent, amount, certificate, crypt, hash, hmac, integer, nonce, pan, panSecret, privateKey, publicKey,
  secretData, sign, symCrypt, symKey, text, tuple, CERT_TYPES, KEY_USAGES,
  type CertType, type KeyUsage, type PrivateKey, type PublicKey, type SymKey, type Term,
} from './index.ts';

type PlainKeyPair = { readonly owner: string; readonly usage: KeyUsage; readonly generation: number };
export type PlainPublicKey = { readonly kind: 'publicKey' } & PlainKeyPair;
export type PlainPrivateKey = { readonly kind: 'privateKey' } & PlainKeyPair;
export type PlainSymKey = { readonly kind: 'symKey'; readonly label: string };

export type PlainTerm =
  | { readonly kind: 'agent'; readonly name: string }
  | { readonly kind: 'nonce' | 'data' | 'pan'; readonly label: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'amount'; readonly currency: string; readonly minorUnits: number }
  | { readonly kind: 'text'; readonly value: string }
  | PlainPublicKey
  | PlainPrivateKey
  | PlainSymKey
  | { readonly kind: 'tuple'; readonly items: readonly PlainTerm[] }
  | { readonly kind: 'hash'; readonly body: PlainTerm }
  | { readonly kind: 'hmac'; readonly body: PlainTerm; readonly key: PlainTerm }
  | { readonly kind: 'sign'; readonly key: PlainPrivateKey; readonly body: PlainTerm }
  | { readonly kind: 'crypt'; readonly key: PlainPublicKey; readonly body: PlainTerm }
  | { readonly kind: 'symCrypt'; readonly key: PlainSymKey; readonly body: PlainTerm }
  | { readonly kind: 'panSecret'; readonly left: PlainTerm; readonly right: PlainTerm }
  | {
      readonly kind: 'cert';
      readonly subject: PlainTerm;
      readonly subjectKey: PlainPublicKey;
      readonly certType: CertType;
      readonly usage: KeyUsage;
      readonly firstDay: number;
      readonly lastDay: number;
      readonly serial: number;
      readonly issuer: PlainTerm;
      readonly signer: PlainPrivateKey;
    };

export function build(plain: PlainPublicKey): PublicKey;
export function build(plain: PlainPrivateKey): PrivateKey;
export function build(plain: PlainSymKey): SymKey;
export function build(plain: PlainTerm): Term;
export function build(plain: PlainTerm): Term {
  switch (plain.kind) {
    case 'agent': return agent(plain.name);
    case 'nonce': return nonce(plain.label);
    case 'data': return secretData(plain.label);
    case 'pan': return pan(plain.label);
    case 'int': return integer(plain.value);
    case 'amount': return amount(plain.currency, plain.minorUnits);
    case 'text': return text(plain.value);
    case 'publicKey': return publicKey(plain.owner, plain.usage, plain.generation);
    case 'privateKey': return privateKey(plain.owner, plain.usage, plain.generation);
    case 'symKey': return symKey(plain.label);
    case 'tuple': return tuple(...plain.items.map((item) => build(item)));
    case 'hash': return hash(build(plain.body));
    case 'hmac': return hmac(build(plain.body), build(plain.key));
    case 'sign': return sign(build(plain.key), build(plain.body));
    case 'crypt': return crypt(build(plain.key), build(plain.body));
    case 'symCrypt': return symCrypt(build(plain.key), build(plain.body));
    case 'panSecret': return panSecret(build(plain.left), build(plain.right));
    case 'cert':
      return certificate({ ...plain, subject: build(plain.subject), subjectKey: build(plain.subjectKey), issuer: build(plain.issuer), signer: build(plain.signer) });
  }
}

/** The structure of an interned term, ids dropped. */
export function toPlain(term: Term): PlainTerm {
  switch (term.kind) {
    case 'agent': return { kind: 'agent', name: term.name };
    case 'nonce': case 'data': case 'pan': case 'symKey': return { kind: term.kind, label: term.label };
    case 'int': return { kind: 'int', value: term.value };
    case 'amount': return { kind: 'amount', currency: term.currency, minorUnits: term.minorUnits };
    case 'text': return { kind: 'text', value: term.value };
    case 'publicKey': case 'privateKey': return { kind: term.kind, owner: term.owner, usage: term.usage, generation: term.generation };
    case 'tuple': return { kind: 'tuple', items: term.items.map(toPlain) };
    case 'hash': return { kind: 'hash', body: toPlain(term.body) };
    case 'hmac': return { kind: 'hmac', body: toPlain(term.body), key: toPlain(term.key) };
    case 'sign': return { kind: 'sign', key: toPlain(term.key) as PlainPrivateKey, body: toPlain(term.body) };
    case 'crypt': return { kind: 'crypt', key: toPlain(term.key) as PlainPublicKey, body: toPlain(term.body) };
    case 'symCrypt': return { kind: 'symCrypt', key: toPlain(term.key) as PlainSymKey, body: toPlain(term.body) };
    case 'panSecret': return { kind: 'panSecret', left: toPlain(term.left), right: toPlain(term.right) };
    case 'cert':
      return {
        kind: 'cert', subject: toPlain(term.subject), subjectKey: toPlain(term.subjectKey) as PlainPublicKey,
        certType: term.certType, usage: term.usage, firstDay: term.firstDay, lastDay: term.lastDay, serial: term.serial,
        issuer: toPlain(term.issuer), signer: toPlain(term.signer) as PlainPrivateKey,
      };
  }
}

/** A string equal for two plain trees exactly when they describe the same term (PANSecret's arguments are unordered). */
export function canonicalPlain(plain: PlainTerm): string {
  return JSON.stringify(canonicalTree(plain));
}

function canonicalTree(plain: PlainTerm): unknown {
  if (plain.kind === 'panSecret') {
    const [a, b] = [canonicalPlain(plain.left), canonicalPlain(plain.right)].sort();
    return ['panSecret', a, b];
  }
  // Fixed key order, so that JSON text compares structure.
  return Object.keys(plain).sort().map((field) => {
    const value = (plain as Record<string, unknown>)[field];
    if (Array.isArray(value)) return [field, value.map((item: PlainTerm) => canonicalTree(item))];
    if (typeof value === 'object' && value !== null) return [field, canonicalTree(value as PlainTerm)];
    return [field, value];
  });
}

// ---- arbitraries -----------------------------------------------------------------------------

const OWNERS = ['A', 'B', 'Spy'] as const;
const keyPair = fc.record({ owner: fc.constantFrom(...OWNERS), usage: fc.constantFrom(...KEY_USAGES), generation: fc.constantFrom(0, 0, 1) });
export const plainPublicKey: fc.Arbitrary<PlainPublicKey> = keyPair.map((pair) => ({ kind: 'publicKey' as const, ...pair }));
export const plainPrivateKey: fc.Arbitrary<PlainPrivateKey> = keyPair.map((pair) => ({ kind: 'privateKey' as const, ...pair }));
export const plainSymKey: fc.Arbitrary<PlainSymKey> = fc.constantFrom('k0', 'k1', 'k2').map((label) => ({ kind: 'symKey' as const, label }));

export const plainAtom: fc.Arbitrary<PlainTerm> = fc.oneof(
  fc.constantFrom('A', 'B', 'CCA').map((name) => ({ kind: 'agent' as const, name })),
  fc.constantFrom('n0', 'n1', 'n2', 'n3').map((label) => ({ kind: 'nonce' as const, label })),
  fc.constantFrom('OD:p1').map((label) => ({ kind: 'data' as const, label })),
  fc.constantFrom('A', 'B').map((label) => ({ kind: 'pan' as const, label })),
  fc.integer({ min: -2, max: 2 }).map((value) => ({ kind: 'int' as const, value })),
  fc.constantFrom(0, 1999).map((minorUnits) => ({ kind: 'amount' as const, currency: 'USD', minorUnits })),
  fc.constantFrom('issued', 'x y', '"').map((value) => ({ kind: 'text' as const, value })),
  plainPublicKey,
  plainPrivateKey,
  plainSymKey,
);

export const plainTerm: fc.Arbitrary<PlainTerm> = fc.letrec<{ term: PlainTerm }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: plainAtom, weight: 6 },
    { arbitrary: fc.array(tie('term'), { maxLength: 3 }).map((items) => ({ kind: 'tuple' as const, items })), weight: 3 },
    { arbitrary: tie('term').map((body) => ({ kind: 'hash' as const, body })), weight: 1 },
    { arbitrary: fc.tuple(tie('term'), tie('term')).map(([body, key]) => ({ kind: 'hmac' as const, body, key })), weight: 1 },
    { arbitrary: fc.tuple(plainPrivateKey, tie('term')).map(([key, body]) => ({ kind: 'sign' as const, key, body })), weight: 1 },
    { arbitrary: fc.tuple(plainPublicKey, tie('term')).map(([key, body]) => ({ kind: 'crypt' as const, key, body })), weight: 2 },
    { arbitrary: fc.tuple(plainSymKey, tie('term')).map(([key, body]) => ({ kind: 'symCrypt' as const, key, body })), weight: 2 },
    { arbitrary: fc.tuple(tie('term'), tie('term')).map(([left, right]) => ({ kind: 'panSecret' as const, left, right })), weight: 1 },
    {
      arbitrary: fc.record({
        subject: tie('term'),
        subjectKey: plainPublicKey,
        certType: fc.constantFrom(...CERT_TYPES),
        usage: fc.constantFrom(...KEY_USAGES),
        firstDay: fc.constantFrom(0, 10),
        lastDay: fc.constantFrom(364, 3649),
        serial: fc.constantFrom(1, 2),
        issuer: fc.constantFrom('CCA', 'B').map((name) => ({ kind: 'agent' as const, name })),
        signer: plainPrivateKey,
      }).map((fields) => ({ kind: 'cert' as const, ...fields })),
      weight: 1,
    },
  ),
})).term;

/** Interned terms over the same pools. */
export const termArbitrary: fc.Arbitrary<Term> = plainTerm.map((plain) => build(plain));

/** Pairs of descriptions, half of them describing the same structure (as separate objects). */
export const plainTermPair: fc.Arbitrary<readonly [PlainTerm, PlainTerm]> = fc.oneof(
  fc.tuple(plainTerm, plainTerm),
  plainTerm.map((plain) => [plain, structuredClone(plain)] as const),
);
