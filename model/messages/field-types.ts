/**
 * The types of message fields (SET.md 3; docs/decisions.md D4): each names the term kinds a
 * receiver's decoder accepts in that position. A value of the wrong kind is `malformed` (SET.md
 * 8: "a field ... of the wrong type"), as a 20-octet nonce in a 32-octet hash field fails impl/'s
 * strict decoder. Opaque byte fields accept every kind that has their length: a 32-octet field
 * takes a hash or an HMAC, a 20-octet secret takes a nonce or a PANSecret.
 */
import type { Term, TermKind } from '../terms/index.ts';

export const FIELD_TYPES = [
  'nonce', 'text', 'agent', 'int', 'amount', 'hash', 'signature', 'certificate', 'publicKey', 'symKey', 'pan', 'secret', 'secret20', 'tuple',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const KINDS: Readonly<Record<FieldType, readonly TermKind[]>> = {
  nonce: ['nonce'],
  text: ['text'],
  agent: ['agent'],
  int: ['int'],
  amount: ['amount'],
  hash: ['hash', 'hmac'],
  signature: ['sign'],
  certificate: ['cert'],
  publicKey: ['publicKey'],
  symKey: ['symKey'],
  pan: ['pan'],
  secret: ['data'],
  secret20: ['nonce', 'panSecret'],
  tuple: ['tuple'],
};

export function hasFieldType(term: Term, type: FieldType): boolean {
  return KINDS[type].includes(term.kind);
}
