/**
 * SET.md 2's operators as template fragments, composed exactly as model/terms/operators.ts
 * composes the terms (and docs/decisions.md D2 the DER): built with the same keys they give the
 * same term. Slots name keys (`signer`, `recipient`, `gateway`, ...); `k` is the envelope's
 * fresh symmetric key, an internal field of the scope the envelope stands in. Hashes an operator
 * adds (`H(b)`, `H(p)`, `H(t)`) are internal fields: not in a kind's field list, but bound when
 * a receiver decodes, so the checks that name them can read them (SET.md 5.5, D10).
 */
import { asym, field, hashOf, seq, signatureOf, sym, type Node } from './template.ts';

const ENVELOPE_KEY = 'k';
const envelopeKey = field(ENVELOPE_KEY, 'symKey', { internal: true });

/** `S(s, t) = {t, SO(s, t)}`. */
export function S(signer: string, t: Node, signature = 'Signature'): Node {
  return seq(t, signatureOf(signature, signer, t));
}

/** `E(r, t) = {OAEP_r(k), EK_k(t)}`. */
export function E(recipient: string, t: Node): Node {
  return seq(asym(recipient, envelopeKey), sym(ENVELOPE_KEY, t));
}

/** `Enc(s, r, t) = E(r, S(s, t))`. */
export function Enc(signer: string, recipient: string, t: Node): Node {
  return E(recipient, S(signer, t));
}

/** `EncB(s, r, t, b) = {Enc(s, r, {t, H(b)}), b}`; the baggage hash is the internal field `H(<baggage>)`. */
export function EncB(signer: string, recipient: string, t: Node, b: Node, baggage: string): Node {
  return seq(Enc(signer, recipient, seq(t, hashOf(`H(${baggage})`, b, { internal: true }))), b);
}

/** `EX(r, t, p) = {EK_k({t, H(p)}), OAEP_r({k, p})}`. */
export function EX(recipient: string, t: Node, p: Node): Node {
  return seq(sym(ENVELOPE_KEY, seq(t, hashOf('H(p)', p, { internal: true }))), asym(recipient, seq(envelopeKey, p)));
}

/** `EXH(r, t, p) = {EK_k({t, H(p)}), OAEP_r({k, p, H(t)})}`. */
export function EXH(recipient: string, t: Node, p: Node): Node {
  return seq(
    sym(ENVELOPE_KEY, seq(t, hashOf('H(p)', p, { internal: true }))),
    asym(recipient, seq(envelopeKey, p, hashOf('H(t)', t, { internal: true }))),
  );
}

/** `EncX(s, r, t, p) = {EK_k({t, SO(s, {t, p})}), OAEP_r({k, p})}`. */
export function EncX(signer: string, recipient: string, t: Node, p: Node): Node {
  return seq(sym(ENVELOPE_KEY, seq(t, signatureOf('Signature', signer, seq(t, p)))), asym(recipient, seq(envelopeKey, p)));
}

/** `EncK(k, s, t) = EK_k(S(s, t))`, `k` a field the receiver chose earlier (CABackKey). */
export function EncK(key: string, signer: string, t: Node): Node {
  return sym(key, S(signer, t));
}
