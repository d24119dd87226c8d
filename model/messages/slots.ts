/**
 * What a sender fills in (for `fake`, D29): every value position of a template with its type,
 * whether the template derives it, and the inputs of derivations that stand nowhere in the
 * message; the key slots; the position of a named structure.
 */
import type { FieldType } from './field-types.ts';
import { qualify, scopeName, type Node } from './template.ts';

/** One value position of a template, as a sender sees it. */
export interface Slot {
  /** Qualified name (`OIData.XID`, `Items[2].CapReqAmt`, `CapToken.k`). */
  readonly name: string;
  readonly type: FieldType;
  /** A hash, HMAC or signature the template derives when no value is given. */
  readonly derived: boolean;
  /** An operator's own field (an envelope key `k`, `H(b)`, `H(p)`, `H(t)`). */
  readonly internal: boolean;
  /** The scopes it stands in, innermost last (`['PI', 'PIHead']`). */
  readonly scopes: readonly string[];
  /** Not in the message: an input of a derivation (the OD of `HOD`, the CardSecret of `TransStain`). */
  readonly input?: true;
}

/**
 * Every value position of a template in message order, with lists expanded to `counts[list]`
 * items (default 1). Key slots (signers and recipients) are listed by `keySlots`.
 */
export function slots(root: Node, counts: Readonly<Record<string, number>> = {}): readonly Slot[] {
  // memoised per template and list lengths (`fake` asks for the same ones again and again)
  const countsKey = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
  let byCounts = slotCache.get(root);
  if (byCounts === undefined) slotCache.set(root, (byCounts = new Map()));
  let cached = byCounts.get(countsKey);
  if (cached === undefined) byCounts.set(countsKey, (cached = Object.freeze(computeSlots(root, counts))));
  return cached;
}

const slotCache = new WeakMap<Node, Map<string, readonly Slot[]>>();

function computeSlots(root: Node, counts: Readonly<Record<string, number>>): Slot[] {
  const out: Slot[] = [];
  const walk = (node: Node, prefix: string, scopes: readonly string[]): void => {
    switch (node.kind) {
      case 'value':
        out.push({ name: qualify(prefix, node.name), type: node.type, derived: false, internal: node.internal, scopes });
        return;
      case 'hash':
        out.push({ name: qualify(prefix, node.name), type: 'hash', derived: true, internal: node.internal, scopes });
        return;
      case 'hmac':
        out.push({ name: qualify(prefix, node.name), type: 'hash', derived: true, internal: false, scopes });
        return;
      case 'sign':
        out.push({ name: qualify(prefix, node.name), type: 'signature', derived: true, internal: false, scopes });
        return;
      case 'tuple':
        for (const item of node.items) walk(item, prefix, scopes);
        return;
      case 'list':
        for (let i = 1; i <= (counts[node.name] ?? 1); i++) walk(node.item, `${node.name}[${i}]`, scopes);
        return;
      case 'scope': {
        const name = scopeName(prefix, node.name);
        walk(node.body, name, [...scopes, name]);
        return;
      }
      case 'asym':
        walk(node.body, prefix, scopes);
        return;
      case 'sym':
        // an envelope key a receiver chose earlier (EncK's CABackKey) is a value of its own
        walk(node.body, prefix, scopes);
        if (!out.some((s) => s.name === qualify(prefix, node.key))) {
          out.push({ name: qualify(prefix, node.key), type: 'symKey', derived: false, internal: true, scopes });
        }
        return;
    }
  };
  walk(root, '', []);
  // inputs of derivations that stand nowhere in the message
  const inputs = (node: Node, prefix: string): void => {
    switch (node.kind) {
      case 'value':
        if (!out.some((s) => s.name === qualify(prefix, node.name) || s.name === node.name)) {
          out.push({ name: node.name, type: node.type, derived: false, internal: false, scopes: [], input: true });
        }
        return;
      case 'hash':
      case 'hmac':
      case 'sign':
        inputs(node.of, prefix);
        if (node.kind === 'hmac') inputs(node.key, prefix);
        return;
      case 'tuple':
        node.items.forEach((item) => inputs(item, prefix));
        return;
      case 'scope':
        inputs(node.body, scopeName(prefix, node.name));
        return;
      case 'asym':
      case 'sym':
        inputs(node.body, prefix);
        return;
      default:
        return;
    }
  };
  const derivations = (node: Node, prefix: string): void => {
    switch (node.kind) {
      case 'hash':
      case 'hmac':
      case 'sign':
        inputs(node.of, prefix);
        if (node.kind === 'hmac') inputs(node.key, prefix);
        return;
      case 'tuple':
        node.items.forEach((item) => derivations(item, prefix));
        return;
      case 'scope':
        derivations(node.body, scopeName(prefix, node.name));
        return;
      case 'asym':
      case 'sym':
        derivations(node.body, prefix);
        return;
      default:
        return;
    }
  };
  derivations(root, '');
  return out;
}

/** The key slots of a template: which name signing keys and which name recipients' keys. */
export function keySlots(root: Node): { readonly signers: readonly string[]; readonly recipients: readonly string[] } {
  let cached = keySlotCache.get(root);
  if (cached === undefined) keySlotCache.set(root, (cached = computeKeySlots(root)));
  return cached;
}

const keySlotCache = new WeakMap<Node, { readonly signers: readonly string[]; readonly recipients: readonly string[] }>();

function computeKeySlots(root: Node): { readonly signers: readonly string[]; readonly recipients: readonly string[] } {
  const signers = new Set<string>();
  const recipients = new Set<string>();
  const walk = (node: Node): void => {
    switch (node.kind) {
      case 'sign':
        signers.add(node.signer);
        return;
      case 'tuple':
        node.items.forEach(walk);
        return;
      case 'list':
        walk(node.item);
        return;
      case 'scope':
        walk(node.body);
        return;
      case 'asym':
        recipients.add(node.recipient);
        walk(node.body);
        return;
      case 'sym':
        walk(node.body);
        return;
      default:
        return;
    }
  };
  walk(root);
  return { signers: [...signers], recipients: [...recipients] };
}

/** The position of a scope in messages of this template (tuple indices; scopes outside envelopes). */
export function scopePath(root: Node, name: string): number[] | undefined {
  const walk = (node: Node, path: number[]): number[] | undefined => {
    switch (node.kind) {
      case 'scope':
        return node.name === name ? path : walk(node.body, path);
      case 'tuple':
        for (let i = 0; i < node.items.length; i++) {
          const found = walk(node.items[i]!, [...path, i]);
          if (found !== undefined) return found;
        }
        return undefined;
      default:
        return undefined;
    }
  };
  return walk(root, []);
}
