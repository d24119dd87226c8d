/**
 * SET's cryptographic operators (SET.md 2, after Book 3) as combinations of the constructors.
 * Keys are passed explicitly: `s` is a signer's private signature key, `r` a recipient's public
 * key-exchange key, `k` the envelope's fresh symmetric key (SET.md 2: "every envelope has its own
 * fresh symmetric key"), minted by the caller. The tuples inside follow docs/decisions.md D2:
 * `{t, H(b)}`, `{t, H(p)}`, `{k, p}`, `{k, p, H(t)}`.
 */
import { crypt, hash, sign, symCrypt, tuple } from './constructors.ts';
import type { PrivateKey, PublicKey, Signature, SymCrypt, SymKey, Term, Tuple } from './term.ts';

/** `SO(s, t)`: the detached signature. */
export function SO(s: PrivateKey, t: Term): Signature {
  return sign(s, t);
}

/** `S(s, t) = {t, SO(s, t)}`: `t` travels in clear beside its signature. */
export function S(s: PrivateKey, t: Term): Tuple {
  return tuple(t, sign(s, t));
}

/** `E(r, t) = {OAEP_r(k), EK_k(t)}`: the digital envelope. */
export function E(r: PublicKey, t: Term, k: SymKey): Tuple {
  return tuple(crypt(r, k), symCrypt(k, t));
}

/** `Enc(s, r, t) = E(r, S(s, t))`: signed, then enveloped. */
export function Enc(s: PrivateKey, r: PublicKey, t: Term, k: SymKey): Tuple {
  return E(r, S(s, t), k);
}

/** `EncB(s, r, t, b) = {Enc(s, r, {t, H(b)}), b}`: the baggage `b` travels beside, bound by its hash. */
export function EncB(s: PrivateKey, r: PublicKey, t: Term, b: Term, k: SymKey): Tuple {
  return tuple(Enc(s, r, tuple(t, hash(b)), k), b);
}

/** `EX(r, t, p) = {EK_k({t, H(p)}), OAEP_r({k, p})}`: the secret `p` only ever under `r`'s key. */
export function EX(r: PublicKey, t: Term, p: Term, k: SymKey): Tuple {
  return tuple(symCrypt(k, tuple(t, hash(p))), crypt(r, tuple(k, p)));
}

/** `EXH(r, t, p) = {EK_k({t, H(p)}), OAEP_r({k, p, H(t)})}`: `t` bound inside the OAEP block too. */
export function EXH(r: PublicKey, t: Term, p: Term, k: SymKey): Tuple {
  return tuple(symCrypt(k, tuple(t, hash(p))), crypt(r, tuple(k, p, hash(t))));
}

/** `EncX(s, r, t, p) = {EK_k({t, SO(s, {t, p})}), OAEP_r({k, p})}`: signed, the secret in the OAEP block (CertReq). */
export function EncX(s: PrivateKey, r: PublicKey, t: Term, p: Term, k: SymKey): Tuple {
  return tuple(symCrypt(k, tuple(t, sign(s, tuple(t, p)))), crypt(r, tuple(k, p)));
}

/** `EncK(k, s, t) = EK_k(S(s, t))`: signed, under a key the receiver chose earlier (CertRes to a cardholder). */
export function EncK(k: SymKey, s: PrivateKey, t: Term): SymCrypt {
  return symCrypt(k, S(s, t));
}
