/**
 * Templates compiled once per position (template.ts): every field knows its qualified name, so
 * building and decoding look values up by constant strings, never building a string per field per
 * message. Internal to messages/.
 */
import type { FieldType } from './field-types.ts';
import { qualify, scopeName, type Node } from './template.ts';

export type CNode =
  | { readonly k: 'value'; readonly q: string; readonly plain: string; readonly type: FieldType; readonly optional: boolean }
  | { readonly k: 'tuple'; readonly items: readonly CNode[]; readonly required: number; readonly hasSym: boolean }
  | { readonly k: 'list'; readonly name: string; readonly item: Node; readonly items: CNode[] }
  | { readonly k: 'scope'; readonly name: string; readonly opaqueKey: string; readonly body: CNode }
  | { readonly k: 'hash'; readonly q: string; readonly plain: string; readonly of: CNode }
  | { readonly k: 'hmac'; readonly q: string; readonly plain: string; readonly of: CNode; readonly key: CNode }
  | { readonly k: 'sign'; readonly q: string; readonly plain: string; readonly signer: string; readonly of: CNode }
  | { readonly k: 'asym'; readonly recipient: string; readonly body: CNode }
  | { readonly k: 'sym'; readonly keyQ: string; readonly keyPlain: string; readonly body: CNode };

const compiledAt = new Map<Node, Map<string, CNode>>();

function compile(node: Node, prefix: string): CNode {
  let byPrefix = compiledAt.get(node);
  if (byPrefix === undefined) compiledAt.set(node, (byPrefix = new Map()));
  let compiled = byPrefix.get(prefix);
  if (compiled !== undefined) return compiled;
  switch (node.kind) {
    case 'value':
      compiled = { k: 'value', q: qualify(prefix, node.name), plain: node.name, type: node.type, optional: node.optional };
      break;
    case 'tuple': {
      const items = node.items.map((item) => compile(item, prefix));
      compiled = {
        k: 'tuple', items, required: node.items.filter((item) => !(item.kind === 'value' && item.optional)).length, hasSym: items.some((i) => i.k === 'sym'),
      };
      break;
    }
    case 'list':
      compiled = { k: 'list', name: node.name, item: node.item, items: [] };
      break;
    case 'scope': {
      const name = scopeName(prefix, node.name);
      compiled = { k: 'scope', name, opaqueKey: node.name, body: compile(node.body, name) };
      break;
    }
    case 'hash':
      compiled = { k: 'hash', q: qualify(prefix, node.name), plain: node.name, of: compile(node.of, prefix) };
      break;
    case 'hmac':
      compiled = { k: 'hmac', q: qualify(prefix, node.name), plain: node.name, of: compile(node.of, prefix), key: compile(node.key, prefix) };
      break;
    case 'sign':
      compiled = { k: 'sign', q: qualify(prefix, node.name), plain: node.name, signer: node.signer, of: compile(node.of, prefix) };
      break;
    case 'asym':
      compiled = { k: 'asym', recipient: node.recipient, body: compile(node.body, prefix) };
      break;
    case 'sym':
      compiled = { k: 'sym', keyQ: qualify(prefix, node.key), keyPlain: node.key, body: compile(node.body, prefix) };
      break;
  }
  byPrefix.set(prefix, compiled);
  return compiled;
}

/** Item i (from 1) of a list, compiled under its prefix `<name>[i]`. */
export function listItem(list: Extract<CNode, { k: 'list' }>, i: number): CNode {
  let item = list.items[i - 1];
  if (item === undefined) {
    item = compile(list.item, `${list.name}[${i}]`);
    list.items[i - 1] = item;
  }
  return item;
}

export function root(node: Node): CNode {
  return compile(node, '');
}
