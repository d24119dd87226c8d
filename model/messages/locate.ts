/**
 * Field lists and field positions (for `tamper`, D26): the fixed field list of a template, where a
 * field stands in a message term and which envelope on the way the attacker cannot open, and
 * replacing a subterm.
 */
import { crypt, symCrypt, tuple, type Term } from '../terms/index.ts';
import type { FieldType } from './field-types.ts';
import { qualify, scopeName, type Node } from './template.ts';

/** The fixed field list of a template (SET.md's fields, in message order; lists show item 1). */
export function fieldNames(root: Node): string[] {
  return fieldNamesAt(root, '');
}

/** The field names of `node` standing at `prefix` in its message. */
function fieldNamesAt(root: Node, at: string): string[] {
  const names: string[] = [];
  const walk = (node: Node, prefix: string): void => {
    switch (node.kind) {
      case 'value':
      case 'hash':
        if (!node.internal) names.push(qualify(prefix, node.name));
        return;
      case 'hmac':
      case 'sign':
        names.push(qualify(prefix, node.name));
        return;
      case 'tuple':
        for (const item of node.items) walk(item, prefix);
        return;
      case 'list':
        walk(node.item, `${node.name}[1]`);
        return;
      case 'scope':
        walk(node.body, scopeName(prefix, node.name));
        return;
      case 'asym':
      case 'sym':
        walk(node.body, prefix);
        return;
    }
  };
  walk(root, at);
  return names;
}

/** Where a field stands in a message term: the positions from the root (a tuple index, or -1 for the inside of a ciphertext). */
export interface Location {
  readonly path: readonly number[];
  readonly type: FieldType;
  /** The field's current value. */
  readonly value: Term;
  /** The innermost ciphertext on the way that the attacker cannot open, if any. */
  readonly sealedBy?: readonly number[];
}

/**
 * Finds `name` in `term` (built from `root`), walking inside every envelope, and says which
 * envelope on the way the attacker cannot open (`canOpen` of a ciphertext's key).
 */
export function locate(root: Node, term: Term, name: string, canOpen: (ciphertext: Term) => boolean): Location | undefined {
  // Where the field stands depends only on the template, the term and the name (memoised); which
  // envelope on the way seals it depends on what the attacker opens, and is found along the path.
  let byName = placements.get(root);
  if (byName === undefined) placements.set(root, (byName = new Map()));
  let byTerm = byName.get(name);
  if (byTerm === undefined) byName.set(name, (byTerm = new Map()));
  let placed = byTerm.get(term.id);
  if (placed === undefined) {
    if (byTerm.size >= 4096) byTerm.clear();
    const found = locateIn(root, term, name, () => true);
    placed = found === undefined ? null : { path: found.path, type: found.type, value: found.value };
    byTerm.set(term.id, placed);
  }
  if (placed === null) return locateInJunk(root, term, name);
  let sealedBy: readonly number[] | undefined;
  let at = term;
  for (let i = 0; i < placed.path.length; i++) {
    const step = placed.path[i]!;
    if (step === -1) {
      if (!canOpen(at)) sealedBy = placed.path.slice(0, i);
      at = (at as Term & { body: Term }).body;
    } else {
      at = (at as Term & { items: readonly Term[] }).items[step]!;
    }
  }
  return sealedBy === undefined ? placed : { ...placed, sealedBy };
}

const placements = new WeakMap<Node, Map<string, Map<number, Omit<Location, 'sealedBy'> | null>>>();

function locateIn(root: Node, term: Term, name: string, canOpen: (ciphertext: Term) => boolean): Location | undefined {
  let found: Location | undefined;
  const walk = (node: Node, t: Term, prefix: string, path: number[], sealedBy: number[] | undefined): void => {
    if (found !== undefined) return;
    switch (node.kind) {
      case 'value':
      case 'hash':
      case 'hmac':
      case 'sign':
        if (qualify(prefix, node.name) === name) {
          const type: FieldType = node.kind === 'value' ? node.type : node.kind === 'sign' ? 'signature' : 'hash';
          found = { path: [...path], type, value: t, ...(sealedBy ? { sealedBy: [...sealedBy] } : {}) };
        }
        return;
      case 'tuple': {
        if (t.kind !== 'tuple') return;
        for (let i = 0; i < t.items.length && i < node.items.length; i++) walk(node.items[i]!, t.items[i]!, prefix, [...path, i], sealedBy);
        return;
      }
      case 'list':
        if (t.kind !== 'tuple') return;
        for (let i = 0; i < t.items.length; i++) walk(node.item, t.items[i]!, `${node.name}[${i + 1}]`, [...path, i], sealedBy);
        return;
      case 'scope':
        walk(node.body, t, scopeName(prefix, node.name), path, sealedBy);
        return;
      case 'asym':
      case 'sym': {
        if (t.kind !== 'crypt' && t.kind !== 'symCrypt') return;
        const sealed = canOpen(t) ? sealedBy : path;
        walk(node.body, t.body, prefix, [...path, -1], sealed);
        return;
      }
    }
  };
  walk(root, term, '', [], undefined);
  return found;
}

/**
 * A field of an envelope whose plaintext is junk (a tamper corrupted it, D26): the attacker places
 * the field by the template alone, as it did the first time, and corrupts the ciphertext again.
 * Whatever keys it holds by then: the corrupted bytes open for nobody (on the implementation an
 * AES-GCM tag or OAEP block that fails), so what is inside stays sealed.
 */
function locateInJunk(root: Node, term: Term, name: string): Location | undefined {
  let found: Location | undefined;
  const walk = (node: Node, t: Term, prefix: string, path: number[]): void => {
    if (found !== undefined) return;
    switch (node.kind) {
      case 'tuple':
        if (t.kind === 'tuple') for (let i = 0; i < t.items.length && i < node.items.length; i++) walk(node.items[i]!, t.items[i]!, prefix, [...path, i]);
        return;
      case 'list':
        if (t.kind === 'tuple') for (let i = 0; i < t.items.length; i++) walk(node.item, t.items[i]!, `${node.name}[${i + 1}]`, [...path, i]);
        return;
      case 'scope':
        walk(node.body, t, scopeName(prefix, node.name), path);
        return;
      case 'asym':
      case 'sym':
        if (t.kind !== 'crypt' && t.kind !== 'symCrypt') return;
        if (t.body.kind === 'nonce' && node.body.kind !== 'value' && declares(node.body, prefix, name)) {
          found = { path: [...path, -1], type: 'nonce', value: t.body, sealedBy: path };
          return;
        }
        walk(node.body, t.body, prefix, [...path, -1]);
        return;
      default:
        return;
    }
  };
  walk(root, term, '', []);
  return found;
}

/** Does the template `node` (standing at `prefix`, list index exact) have the field `name` (lists inside it by any index)? */
function declares(node: Node, prefix: string, name: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const generic = (n: string) => n.slice(prefix.length).replace(/\[\d+\]/g, '[]');
  return fieldNamesAt(node, prefix).some((field) => field.startsWith(prefix) && generic(field) === generic(name));
}

/** `term` with the subterm at `path` replaced. */
export function replaceAt(term: Term, path: readonly number[], replacement: Term, from = 0): Term {
  if (from === path.length) return replacement;
  const step = path[from]!;
  if (step === -1) {
    if (term.kind === 'crypt') return crypt(term.key, replaceAt(term.body, path, replacement, from + 1));
    if (term.kind === 'symCrypt') return symCrypt(term.key, replaceAt(term.body, path, replacement, from + 1));
    throw new Error(`replaceAt: no ciphertext at step ${from}`);
  }
  if (term.kind !== 'tuple') throw new Error(`replaceAt: no sequence at step ${from}`);
  const items = [...term.items];
  items[step] = replaceAt(items[step]!, path, replacement, from + 1);
  return tuple(...items);
}

/** The subterm at `path`. */
export function termAt(term: Term, path: readonly number[]): Term {
  let at = term;
  for (const step of path) {
    if (step === -1) {
      if (at.kind !== 'crypt' && at.kind !== 'symCrypt') throw new Error('termAt: no ciphertext');
      at = at.body;
    } else {
      if (at.kind !== 'tuple') throw new Error('termAt: no sequence');
      at = at.items[step]!;
    }
  }
  return at;
}
