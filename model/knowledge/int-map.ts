/**
 * A persistent (immutable, structurally shared) map from term ids to values, for knowledge.ts.
 * Term ids are small dense integers (model/terms/intern.ts), so a 32-way radix trie indexed by
 * the id's bits is the whole data structure: no hashing, iteration in id order for free, and an
 * update copies only the 32-slot nodes on one root-to-leaf path (about 4 for a million ids).
 * Copying a map is sharing it: the explorer can keep any number of worlds.
 *
 * Several updates in a row go through an `IntMapEdit` (Clojure's "transient"): nodes it created
 * itself are written in place, so one `Knowledge.add` that learns twenty facts copies each path
 * once, not twenty times. A node records the edit that created it in a 33rd slot (a fresh token
 * per edit, so no later edit can match it); an edit must not be used after `commit()`.
 */
const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;
/** Ids up to 2^30 keep `>>>` and `|` exact; the intern table never gets near that. */
const MAX_LEVELS = 6;

/** Slots 0..31 hold children (or values, at the bottom); slot 32 the owning edit's token. */
type Node = unknown[];
const OWNER = WIDTH;
type EditToken = object;

const EMPTY_NODE: Node = new Array<unknown>(WIDTH + 1).fill(undefined);

function emptyNode(owner: EditToken | undefined): Node {
  const node = EMPTY_NODE.slice(); // copying a packed template is faster than filling a new array
  node[OWNER] = owner;
  return node;
}

/** Does a trie of `levels` levels hold `key`? (BITS * levels <= 30, so the shift is exact.) */
function fits(key: number, levels: number): boolean {
  return key >>> (BITS * levels) === 0;
}

function lookup(root: Node, levels: number, key: number): unknown {
  if (!fits(key, levels)) return undefined;
  let node = root;
  for (let shift = BITS * (levels - 1); shift > 0; shift -= BITS) {
    const child = node[(key >>> shift) & MASK] as Node | undefined;
    if (child === undefined) return undefined;
    node = child;
  }
  return node[key & MASK];
}

function walk<V>(node: Node, level: number, prefix: number, visit: (value: V, key: number) => void): void {
  for (let i = 0; i < WIDTH; i += 1) {
    const slot = node[i];
    if (slot === undefined) continue;
    if (level === 1) visit(slot as V, prefix * WIDTH + i);
    else walk(slot as Node, level - 1, prefix * WIDTH + i, visit);
  }
}

function assertKey(key: number): void {
  if (!Number.isInteger(key) || key < 0 || key >= 2 ** (BITS * MAX_LEVELS)) throw new RangeError(`IntMap key: expected an integer in 0..2^30-1, got ${key}`);
}

export class IntMap<V> {
  private static readonly EMPTY = new IntMap<never>(emptyNode(undefined), 1, 0);

  static empty<V>(): IntMap<V> {
    return IntMap.EMPTY;
  }

  /** @internal Use `IntMap.empty()` and updates. */
  constructor(
    /** @internal */ readonly root: Node,
    /** @internal */ readonly levels: number,
    readonly size: number,
  ) {}

  get(key: number): V | undefined {
    return lookup(this.root, this.levels, key) as V | undefined;
  }

  has(key: number): boolean {
    return lookup(this.root, this.levels, key) !== undefined;
  }

  set(key: number, value: V): IntMap<V> {
    const edit = this.edit();
    edit.set(key, value);
    return edit.commit();
  }

  delete(key: number): IntMap<V> {
    const edit = this.edit();
    edit.delete(key);
    return edit.commit();
  }

  edit(): IntMapEdit<V> {
    return new IntMapEdit(this);
  }

  /** Visits every entry in increasing key order. */
  forEach(visit: (value: V, key: number) => void): void {
    walk(this.root, this.levels, 0, visit);
  }

  keys(): number[] {
    const keys: number[] = [];
    this.forEach((_, key) => keys.push(key));
    return keys;
  }

  values(): V[] {
    const values: V[] = [];
    this.forEach((value) => values.push(value));
    return values;
  }
}

/** A batch of updates to one IntMap; `commit()` returns the new map and retires the edit. */
export class IntMapEdit<V> {
  private root: Node;
  private levels: number;
  private count: number;
  private changed = false;
  private committed = false;
  /** Marks the nodes this edit created: private to it until commit, so written in place. */
  private readonly token: EditToken = {};

  constructor(private readonly base: IntMap<V>) {
    this.root = base.root;
    this.levels = base.levels;
    this.count = base.size;
  }

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    return lookup(this.root, this.levels, key) as V | undefined;
  }

  has(key: number): boolean {
    return lookup(this.root, this.levels, key) !== undefined;
  }

  set(key: number, value: V): void {
    this.assertOpen();
    assertKey(key);
    if (value === undefined) throw new TypeError('IntMap: undefined is not a value (it marks an empty slot)');
    while (!fits(key, this.levels)) {
      const grown = this.fresh();
      grown[0] = this.root;
      this.root = grown;
      this.levels += 1;
    }
    const leaf = this.writablePath(key);
    const slot = key & MASK;
    if (leaf[slot] === value) return;
    if (leaf[slot] === undefined) this.count += 1;
    leaf[slot] = value;
    this.changed = true;
  }

  delete(key: number): void {
    this.assertOpen();
    if (!this.has(key)) return;
    this.writablePath(key)[key & MASK] = undefined;
    this.count -= 1;
    this.changed = true;
  }

  commit(): IntMap<V> {
    this.assertOpen();
    this.committed = true;
    return this.changed ? new IntMap<V>(this.root, this.levels, this.count) : this.base;
  }

  /** The leaf node holding `key`, every node on the way made private to this edit. */
  private writablePath(key: number): Node {
    this.root = this.writable(this.root);
    let node = this.root;
    for (let shift = BITS * (this.levels - 1); shift > 0; shift -= BITS) {
      const index = (key >>> shift) & MASK;
      const child = node[index] as Node | undefined;
      const next = child === undefined ? this.fresh() : this.writable(child);
      node[index] = next;
      node = next;
    }
    return node;
  }

  private writable(node: Node): Node {
    if (node[OWNER] === this.token) return node;
    const copy = node.slice();
    copy[OWNER] = this.token;
    return copy;
  }

  private fresh(): Node {
    return emptyNode(this.token);
  }

  private assertOpen(): void {
    if (this.committed) throw new Error('IntMapEdit: used after commit()');
  }
}
