/**
 * Hostile inputs for the decoders: valid encodings with a few byte-level mutations (flips,
 * overwrites, insertions, deletions, truncations); the same inside one element of the DER
 * tree with every enclosing length fixed up, so the damage reaches the field schemas instead
 * of stopping at the outermost length; random DER trees; and plain random bytes.
 */
import fc from 'fast-check';
import { concatBytes, encodeElement, readElement } from './der.ts';

export type Mutation =
  | { readonly type: 'flip'; readonly at: number; readonly bit: number }
  | { readonly type: 'set'; readonly at: number; readonly byte: number }
  | { readonly type: 'insert'; readonly at: number; readonly bytes: Uint8Array }
  | { readonly type: 'delete'; readonly at: number; readonly count: number }
  | { readonly type: 'truncate'; readonly at: number };

const position = fc.nat({ max: 0xffff });

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('flip' as const), at: position, bit: fc.nat({ max: 7 }) }),
  fc.record({ type: fc.constant('set' as const), at: position, byte: fc.nat({ max: 255 }) }),
  fc.record({ type: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ type: fc.constant('truncate' as const), at: position }),
);

/** Applies one mutation; positions wrap around the input's length. */
export function mutate(bytes: Uint8Array, mutation: Mutation): Uint8Array {
  const size = bytes.length;
  const at = size === 0 ? 0 : mutation.at % size;
  const out = Array.from(bytes);
  switch (mutation.type) {
    case 'flip':
      if (size > 0) out[at] = out[at]! ^ (1 << mutation.bit);
      break;
    case 'set':
      if (size > 0) out[at] = mutation.byte;
      break;
    case 'insert':
      out.splice(mutation.at % (size + 1), 0, ...mutation.bytes);
      break;
    case 'delete':
      out.splice(at, mutation.count);
      break;
    case 'truncate':
      out.length = at;
      break;
  }
  return Uint8Array.from(out);
}

export const mutationsArbitrary = fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 });

export const applyMutations = (bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array => mutations.reduce(mutate, bytes);

/** Identifier octets SET's schemas use, plus a few they do not. */
const IDENTIFIERS = [0x01, 0x02, 0x04, 0x05, 0x0c, 0x13, 0x30, 0x31, 0x24, 0x2c, 0x80, 0x81, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xaa, 0xb0];

/** A well-formed DER element with a random tag, nested up to a few levels. */
export const randomDerArbitrary: fc.Arbitrary<Uint8Array> = fc.letrec<{ element: Uint8Array }>((tie) => ({
  element: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...IDENTIFIERS), fc.uint8Array({ maxLength: 40 })).map(([id, content]) => encodeElement(id >> 6, false, id & 0x1f, content)),
    fc
      .tuple(fc.constantFrom(0x30, 0xa0, 0xa1, 0xa2, 0xa3, 0xaa), fc.array(tie('element'), { maxLength: 5 }))
      .map(([id, children]) => encodeElement(id >> 6, true, id & 0x1f, concatBytes(...children))),
  ),
})).element;

export const randomBytesArbitrary = fc.uint8Array({ maxLength: 256 });

// ---- mutations inside the DER tree, lengths fixed up ----

/** One element: its identifier octet and either children (constructed) or content octets. */
interface TreeNode {
  id: number;
  children: TreeNode[] | null;
  content: Uint8Array;
}

function parseTree(bytes: Uint8Array): TreeNode | null {
  const read = readElement(bytes, 0);
  if (!read.ok || read.value.next !== bytes.length) return null;
  const { element } = read.value;
  const id = element.raw[0]!;
  if (!element.constructed) return { id, children: null, content: element.content };
  const children: TreeNode[] = [];
  for (let pos = 0; pos < element.content.length; ) {
    const child = readElement(element.content, pos);
    if (!child.ok) return { id, children: null, content: element.content };
    const node = parseTree(child.value.element.raw);
    if (!node) return { id, children: null, content: element.content };
    children.push(node);
    pos = child.value.next;
  }
  return { id, children, content: element.content };
}

function encodeTree(node: TreeNode): Uint8Array {
  const content = node.children ? concatBytes(...node.children.map(encodeTree)) : node.content;
  return encodeElement(node.id >> 6, (node.id & 0x20) !== 0, node.id & 0x1f, content);
}

/** Every node with its parent, in document order. */
function walk(node: TreeNode, parent: TreeNode | null = null, into: { node: TreeNode; parent: TreeNode | null }[] = []) {
  into.push({ node, parent });
  for (const child of node.children ?? []) walk(child, node, into);
  return into;
}

export type TreeMutation =
  | { readonly type: 'bytes'; readonly node: number; readonly mutation: Mutation }
  | { readonly type: 'retag'; readonly node: number; readonly id: number }
  | { readonly type: 'drop' | 'duplicate' | 'swap'; readonly node: number }
  | { readonly type: 'replace'; readonly node: number; readonly element: Uint8Array };

const nodeIndex = fc.nat({ max: 0xffff });

export const treeMutationArbitrary: fc.Arbitrary<TreeMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('bytes' as const), node: nodeIndex, mutation: mutationArbitrary }) },
  fc.record({ type: fc.constant('retag' as const), node: nodeIndex, id: fc.oneof(fc.constantFrom(...IDENTIFIERS), fc.nat({ max: 255 })) }),
  fc.record({ type: fc.constantFrom('drop' as const, 'duplicate' as const, 'swap' as const), node: nodeIndex }),
  fc.record({ type: fc.constant('replace' as const), node: nodeIndex, element: randomDerArbitrary }),
);

function applyTreeMutation(tree: TreeNode, mutation: TreeMutation): void {
  const all = walk(tree);
  const { node, parent } = all[mutation.node % all.length]!;
  const siblings = parent?.children;
  const index = siblings ? siblings.indexOf(node) : -1;
  switch (mutation.type) {
    case 'bytes': {
      const content = node.children ? concatBytes(...node.children.map(encodeTree)) : node.content;
      node.children = null;
      node.content = mutate(content, mutation.mutation);
      break;
    }
    case 'retag':
      // A high tag number would change the identifier's length; keep it to low numbers.
      node.id = (mutation.id & 0x1f) === 0x1f ? mutation.id & 0xfe : mutation.id;
      if ((node.id & 0x20) === 0 && node.children) {
        node.content = concatBytes(...node.children.map(encodeTree));
        node.children = null;
      } else if ((node.id & 0x20) !== 0 && !node.children) {
        node.children = parseChildren(node.content);
      }
      break;
    case 'drop':
      siblings?.splice(index, 1);
      break;
    case 'duplicate':
      siblings?.splice(index, 0, structuredClone(node));
      break;
    case 'swap':
      if (siblings && index + 1 < siblings.length) [siblings[index], siblings[index + 1]] = [siblings[index + 1]!, siblings[index]!];
      break;
    case 'replace': {
      const replacement = parseTree(mutation.element);
      if (replacement) Object.assign(node, replacement);
      break;
    }
  }
}

function parseChildren(content: Uint8Array): TreeNode[] | null {
  const wrapped = parseTree(encodeElement(0, true, 0x10, content));
  return wrapped?.children ?? null;
}

export const treeMutationsArbitrary = fc.array(treeMutationArbitrary, { minLength: 1, maxLength: 3 });

/** Applies mutations inside the DER tree of `bytes` (plain byte mutations if it does not parse). */
export function applyTreeMutations(bytes: Uint8Array, mutations: readonly TreeMutation[]): Uint8Array {
  const tree = parseTree(bytes);
  if (!tree) return bytes;
  for (const mutation of mutations) applyTreeMutation(tree, mutation);
  return encodeTree(tree);
}
