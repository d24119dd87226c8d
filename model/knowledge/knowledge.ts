/**
 * What the attacker knows (SET.md 8 "the attacker" and 9), as an immutable value. It is the
 * closure under analysis (analysis.ts) of everything the attacker has seen or been handed, and
 * it answers "can the attacker build this term?" (synthesis.ts).
 *
 * Immutable with structural sharing (int-map.ts): `add` returns a new Knowledge and leaves the
 * old one valid, so the explorer "copies" a world's knowledge by keeping a reference (cost 0)
 * and pays only on `add`, for the trie paths it touches. `add` of something already known
 * returns the very same object, so `===` often settles equality before any key is compared.
 *
 * For deduplication: `fingerprint` (an order-independent 32-bit hash of the fact ids, kept up
 * to date per fact) to bucket, then `key()` (the sorted fact ids, built once and cached) or
 * `equals` to confirm. Both describe the closure, not the order things were learned in.
 */
import { isPublicAtom, type PrivateKey, type SymKey, type Term } from '../terms/index.ts';
import { closeOver, type Ciphertext, type Parked } from './analysis.ts';
import { IntMap } from './int-map.ts';
import { derivable } from './synthesis.ts';

/** A 32-bit mix of a term id (murmur3's finaliser), summed over facts into the fingerprint. */
function mix(id: number): number {
  let h = id ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Knowledge {
  static readonly EMPTY = new Knowledge(IntMap.empty(), IntMap.empty(), 0);

  /** The closure of `terms`. */
  static of(terms: Iterable<Term>): Knowledge {
    return Knowledge.EMPTY.addAll(terms);
  }

  private cachedKey: string | undefined;

  private constructor(
    private readonly factsById: IntMap<Term>,
    private readonly pending: IntMap<Parked>,
    /** Order-independent hash of the fact ids: equal knowledge, equal fingerprint. */
    readonly fingerprint: number,
  ) {}

  /** How many facts (analysed terms other than tuples and public atoms). */
  get size(): number {
    return this.factsById.size;
  }

  /** How many keys some held ciphertext is still waiting for. */
  get pendingKeyCount(): number {
    return this.pending.size;
  }

  add(term: Term): Knowledge {
    return this.addAll([term]);
  }

  /** The closure of this knowledge and `terms`; `this` itself when nothing new was learned. */
  addAll(terms: Iterable<Term>): Knowledge {
    const facts = this.factsById.edit();
    const pending = this.pending.edit();
    let fingerprint = this.fingerprint;
    closeOver({ facts, pending }, terms, (fact) => {
      fingerprint = (fingerprint + mix(fact.id)) >>> 0;
    });
    if (facts.size === this.size) return this; // no new fact, hence no new pending entry either
    return new Knowledge(facts.commit(), pending.commit(), fingerprint);
  }

  /**
   * Is `term` in the analysis closure? Public atoms always are; a tuple is when all its parts
   * are (tuples are transparent, analysis.ts). Weaker than `canDerive`: `H(n)` is derivable from
   * `n` but is in the closure only if it was seen.
   */
  isAnalysed(term: Term): boolean {
    if (term.kind === 'tuple') return term.items.every((item) => this.isAnalysed(item));
    return isPublicAtom(term) || this.factsById.has(term.id);
  }

  /** Can the attacker build `term` (synthesis over the analysed facts)? SET.md 8: "holds" a secret. */
  canDerive(term: Term): boolean {
    return derivable(term, (id) => this.factsById.has(id));
  }

  /** The facts, in id order. */
  facts(): Term[] {
    return this.factsById.values();
  }

  /** The held ciphertexts that `key` would open, oldest first. */
  waitingFor(key: PrivateKey | SymKey): Ciphertext[] {
    const waiting: Ciphertext[] = [];
    for (let parked = this.pending.get(key.id); parked !== undefined; parked = parked.rest) waiting.push(parked.ciphertext);
    return waiting.reverse();
  }

  /** Canonical: the sorted fact ids. Equal keys, equal closures (within one process; ids are per process). */
  key(): string {
    this.cachedKey ??= this.factsById.keys().join(',');
    return this.cachedKey;
  }

  equals(other: Knowledge): boolean {
    return this === other || (this.size === other.size && this.fingerprint === other.fingerprint && this.key() === other.key());
  }
}
