/**
 * Hash-consing of terms (term.ts): one shared object per structure, so equality is `===` and a
 * set of terms is a set of small integers. The explorer compares and deduplicates worlds tens
 * of thousands of times per second; structural comparison would dominate that.
 *
 * Each constructor owns a table keyed the cheapest way its structure allows: an atom by its
 * label, a compound by its children's ids (children are interned first, so an id stands for a
 * whole structure) through nested numeric Maps, never through a string built per call. A lookup
 * that hits allocates nothing.
 *
 * The tables are process-wide and only grow: a term is never freed, so that `===` keeps meaning
 * structural equality for as long as any term is alive. Ids are given in creation order, so they
 * are stable within one process run but not across runs: persist or compare across processes
 * with `formatTerm`, never with ids.
 */
import type { Term } from './term.ts';

let nextId = 0;

function create<T extends Term>(term: T): T {
  nextId += 1;
  Object.freeze(term);
  return term;
}

/** How many distinct terms exist (for benchmarks and memory diagnostics). */
export function internedTermCount(): number {
  return nextId;
}

// Each table gets its builder once, at construction, so that a lookup that hits allocates no
// closure. A builder may validate its input and throw; it runs only on a miss, so a valid atom is
// checked once.

/** Terms identified by one string (atoms, keys, certificates). */
export class StringTable<T extends Term, A = void> {
  private readonly terms = new Map<string, T>();

  constructor(private readonly build: (id: number, key: string, extra: A) => T) {}

  intern(key: string, extra: A): T {
    let term = this.terms.get(key);
    if (term === undefined) {
      term = create(this.build(nextId, key, extra));
      this.terms.set(key, term);
    }
    return term;
  }
}

/** Terms identified by one child. */
export class UnaryTable<T extends Term, C extends Term = Term> {
  private readonly terms = new Map<number, T>();

  constructor(private readonly build: (id: number, child: C) => T) {}

  intern(child: C): T {
    let term = this.terms.get(child.id);
    if (term === undefined) {
      term = create(this.build(nextId, child));
      this.terms.set(child.id, term);
    }
    return term;
  }
}

/** Terms identified by two children, in order. */
export class BinaryTable<T extends Term, F extends Term = Term, S extends Term = Term> {
  private readonly terms = new Map<number, Map<number, T>>();

  constructor(private readonly build: (id: number, first: F, second: S) => T) {}

  intern(first: F, second: S): T {
    let inner = this.terms.get(first.id);
    if (inner === undefined) {
      inner = new Map();
      this.terms.set(first.id, inner);
    }
    let term = inner.get(second.id);
    if (term === undefined) {
      term = create(this.build(nextId, first, second));
      inner.set(second.id, term);
    }
    return term;
  }
}

interface SequenceNode<T> {
  term: T | undefined;
  next: Map<number, SequenceNode<T>> | undefined;
}

/** Terms identified by a sequence of children (tuples): a trie over the children's ids. */
export class SequenceTable<T extends Term> {
  private readonly root: SequenceNode<T> = { term: undefined, next: undefined };

  constructor(private readonly build: (id: number, children: readonly Term[]) => T) {}

  intern(children: readonly Term[]): T {
    let node = this.root;
    for (const child of children) {
      node.next ??= new Map();
      let next = node.next.get(child.id);
      if (next === undefined) {
        next = { term: undefined, next: undefined };
        node.next.set(child.id, next);
      }
      node = next;
    }
    node.term ??= create(this.build(nextId, children));
    return node.term;
  }
}
