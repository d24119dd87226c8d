/**
 * Message templates: one definition of each SET message's structure (SET.md 2-6), interpreted
 * four ways. `build` (build.ts) makes the term an honest party (or the attacker's `fake`) sends;
 * `parse` (parse.ts) is a receiver's decoding (SET.md 8 step 1: the structure, the field types and
 * the envelopes addressed to it, else `malformed`); `locate` (locate.ts) finds a field in a sent
 * message for `tamper`, with the innermost envelope the attacker cannot open on the way;
 * `fieldNames` (locate.ts) is the fixed field list of a kind and `slots` (slots.ts) what a sender
 * fills in. Templates are compiled once per position (compile.ts).
 *
 * A template is a tree written as SET.md writes messages: tuples of named fields, SET.md 2's
 * operators (operators are compositions of `asym`, `sym`, `sign` and `hash`, see operators.ts),
 * and `scope`s that name a sub-structure (`PI`, `OIData`, `CapToken`). Inside a scope, field
 * names are qualified by the innermost scope: `OIData.XID`, `PIHead.XID`. A derived field
 * (`HOD = H({OD, PurchAmt, ODSalt})`, a signature) carries its derivation: `build` computes it
 * unless the caller gives the value, so honest parties and `fake` share the one definition.
 */
import type { FieldType } from './field-types.ts';

export interface ValueNode { readonly kind: 'value'; readonly name: string; readonly type: FieldType; readonly optional: boolean; readonly internal: boolean }
export interface TupleNode { readonly kind: 'tuple'; readonly items: readonly Node[] }
/** A non-empty sequence of items; item i (from 1) qualifies its fields `<name>[i].`. */
export interface ListNode { readonly kind: 'list'; readonly name: string; readonly item: Node }
/** A named sub-structure; qualifies the field names inside it and is bound as a whole. */
export interface ScopeNode { readonly kind: 'scope'; readonly name: string; readonly body: Node }
/** A 32-octet field derived as `H(of)`. `of` is a derivation source, not a position in the message. */
export interface HashNode { readonly kind: 'hash'; readonly name: string; readonly of: Node; readonly internal: boolean }
/** A 32-octet field derived as `HMAC(of, key)`. */
export interface HmacNode { readonly kind: 'hmac'; readonly name: string; readonly of: Node; readonly key: Node }
/** A signature field derived as `SO(signer, of)`; `signer` names a key slot. */
export interface SignNode { readonly kind: 'sign'; readonly name: string; readonly signer: string; readonly of: Node }
/** `OAEP_r(body)`: `recipient` names a key slot. */
export interface AsymNode { readonly kind: 'asym'; readonly recipient: string; readonly body: Node }
/** `EK_k(body)`: `key` names a symmetric-key value field in the same scope. */
export interface SymNode { readonly kind: 'sym'; readonly key: string; readonly body: Node }

export type Node = ValueNode | TupleNode | ListNode | ScopeNode | HashNode | HmacNode | SignNode | AsymNode | SymNode;

// ---- constructors ---------------------------------------------------------------------------

export function field(name: string, type: FieldType, options: { optional?: boolean; internal?: boolean } = {}): ValueNode {
  return Object.freeze({ kind: 'value', name, type, optional: options.optional ?? false, internal: options.internal ?? false });
}
export function seq(...items: Node[]): TupleNode {
  return Object.freeze({ kind: 'tuple', items: Object.freeze(items) });
}
export function list(name: string, item: Node): ListNode {
  return Object.freeze({ kind: 'list', name, item });
}
export function scope(name: string, body: Node): ScopeNode {
  return Object.freeze({ kind: 'scope', name, body });
}
export function hashOf(name: string, of: Node, options: { internal?: boolean } = {}): HashNode {
  return Object.freeze({ kind: 'hash', name, of, internal: options.internal ?? false });
}
export function hmacOf(name: string, of: Node, key: Node): HmacNode {
  return Object.freeze({ kind: 'hmac', name, of, key });
}
export function signatureOf(name: string, signer: string, of: Node): SignNode {
  return Object.freeze({ kind: 'sign', name, signer, of });
}
export function asym(recipient: string, body: Node): AsymNode {
  return Object.freeze({ kind: 'asym', recipient, body });
}
export function sym(key: string, body: Node): SymNode {
  return Object.freeze({ kind: 'sym', key, body });
}

/** `<scope>.<name>` inside a scope, `<name>` at the top. */
export function qualify(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** A scope's own name: its name, or inside a list item `<item>.<name>` (each token of a CapReq is its own scope). */
export function scopeName(prefix: string, name: string): string {
  return prefix.includes('[') ? `${prefix}.${name}` : name;
}
