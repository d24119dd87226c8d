/**
 * Decoding a message with a template (template.ts), as a receiver does (SET.md 8 step 1): the
 * structure, the field types, and the envelopes addressed to it, else `malformed`; parts it does
 * not open yet (`opaque`) are read only as far as their envelopes. The attacker's reading is the
 * lenient variant: what does not open or does not fit is left out.
 */
import type { PublicKey, SymKey, Term } from '../terms/index.ts';
import { listItem, root, type CNode } from './compile.ts';
import { hasFieldType } from './field-types.ts';
import { Fields } from './fields.ts';
import type { Node } from './template.ts';

/** What a decoder can open: the private halves it holds and the symmetric keys it chose earlier. */
export interface Capability {
  opens(key: PublicKey): boolean;
  holds(key: SymKey): boolean;
}

export interface ParseOptions {
  readonly capability: Capability;
  /** Read the structure only, opening nothing (a kind the receiver never takes, docs/decisions.md D15). */
  readonly structureOnly?: boolean;
  /** Scopes read only as far as their envelopes (the PI at M, a capture token at M or in a CapReq). */
  readonly opaque?: ReadonlySet<string>;
  /** The attacker's reading: skip what does not open or does not fit instead of failing. */
  readonly lenient?: boolean;
}

export type ParseResult = { readonly ok: true; readonly fields: Fields } | { readonly ok: false; readonly reason: string };

class Parser {
  readonly bound = new Map<string, Term>();
  readonly counts = new Map<string, number>();

  constructor(private readonly options: ParseOptions) {}

  /** Returns a failure reason, or undefined. `open` is false inside an opaque scope. */
  parse(node: CNode, term: Term, open: boolean): string | undefined {
    switch (node.k) {
      case 'value':
        if (!hasFieldType(term, node.type)) return this.soft(`${node.q}: expected ${node.type}, got ${term.kind}`);
        this.bound.set(node.q, term);
        return undefined;
      case 'hash':
      case 'hmac':
        if (term.kind !== 'hash' && term.kind !== 'hmac') return this.soft(`${node.q}: expected hash, got ${term.kind}`);
        this.bound.set(node.q, term);
        return undefined;
      case 'sign':
        if (term.kind !== 'sign') return this.soft(`${node.q}: expected signature, got ${term.kind}`);
        this.bound.set(node.q, term);
        return undefined;
      case 'tuple':
        return this.parseTuple(node, term, open);
      case 'list': {
        if (term.kind !== 'tuple' || term.items.length === 0) return `${node.name}: expected a non-empty list`;
        this.counts.set(node.name, term.items.length);
        for (let i = 0; i < term.items.length; i++) {
          const failure = this.parse(listItem(node, i + 1), term.items[i]!, open);
          if (failure !== undefined) return failure;
        }
        return undefined;
      }
      case 'scope':
        this.bound.set(node.name, term);
        return this.parse(node.body, term, open && !(this.options.opaque?.has(node.opaqueKey) ?? false));
      case 'asym': {
        if (term.kind !== 'crypt') return `expected an OAEP block, got ${term.kind}`;
        if (!open) return undefined;
        if (!this.options.capability.opens(term.key)) return this.soft('envelope for another key');
        return this.parse(node.body, term.body, open);
      }
      case 'sym': {
        if (term.kind !== 'symCrypt') return `expected a symmetric ciphertext, got ${term.kind}`;
        if (!open) return undefined;
        const key = this.bound.get(node.keyQ);
        if (key !== undefined ? key !== term.key : !this.options.capability.holds(term.key)) return this.soft(`${node.keyQ}: the ciphertext does not open`);
        this.bound.set(node.keyQ, term.key);
        return this.parse(node.body, term.body, open);
      }
    }
  }

  private parseTuple(node: Extract<CNode, { k: 'tuple' }>, term: Term, open: boolean): string | undefined {
    if (term.kind !== 'tuple') return `expected a sequence, got ${term.kind}`;
    const length = term.items.length;
    if (length < node.required || length > node.items.length) return `expected ${node.required}-${node.items.length} items, got ${length}`;
    // An envelope's symmetric part needs the key its OAEP block gives, wherever the block stands.
    for (let i = 0; i < length; i++) {
      const item = node.items[i]!;
      if (node.hasSym && item.k === 'sym') continue;
      const failure = this.parse(item, term.items[i]!, open);
      if (failure !== undefined) return failure;
    }
    if (node.hasSym) {
      for (let i = 0; i < length; i++) {
        const item = node.items[i]!;
        if (item.k !== 'sym') continue;
        const failure = this.parse(item, term.items[i]!, open);
        if (failure !== undefined) return failure;
      }
    }
    return undefined;
  }

  private soft(reason: string): string | undefined {
    return this.options.lenient ? undefined : reason;
  }
}

export function parse(template: Node, term: Term, options: ParseOptions): ParseResult {
  const parser = new Parser(options);
  const failure = parser.parse(root(template), term, !options.structureOnly);
  if (failure !== undefined) return { ok: false, reason: failure };
  return { ok: true, fields: new Fields(parser.bound, parser.counts) };
}
