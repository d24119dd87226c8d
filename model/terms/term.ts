/**
 * The term algebra of the symbolic (Dolev-Yao) model of SET (SET.md sections 1-3 and 9; the
 * message algebra of Isabelle's `Message_SET`). A term is an atom or a constructor applied to
 * terms. No real cryptography: a key, a nonce or a PAN is an atom, and `Sign`, `Crypt`, ... are
 * free constructors the attacker can apply or take apart only as knowledge/ allows.
 *
 * Every term is **interned** (intern.ts): building the same structure twice returns the same
 * object, carrying a small integer `id`. So equality is `===`, and a set of terms is a set of ids.
 * Build terms only through the constructor functions (atoms.ts, keys.ts, constructors.ts,
 * certificate.ts, set-values.ts); a hand-made object literal is not interned and breaks `===`.
 */

/** SET.md 1: keys are split by usage; a certificate of one usage is never accepted for the other. */
export const KEY_USAGES = ['signature', 'keyExchange'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

/** SET.md 1: the value of `setCext-certType` (one per certificate in this profile). */
export const CERT_TYPES = ['root', 'brand', 'cca', 'mca', 'pca', 'cardholder', 'merchant', 'gateway'] as const;
export type CertType = (typeof CERT_TYPES)[number];

interface Interned {
  /** Unique per structure within this process, in creation order; never persist it (use formatTerm). */
  readonly id: number;
}

// ---- atoms ---------------------------------------------------------------------------------

/** A party's name ('C1', 'M2', 'P1', 'CCA', 'Spy', 'att-1'). Public. */
export interface Agent extends Interned { readonly kind: 'agent'; readonly name: string }
/** A fresh 20-byte value (RRPID, XID, challenges, ODSalt, EXNonce, CardSecret, CardCertNonce, MerchantSecret). Unguessable. */
export interface Nonce extends Interned { readonly kind: 'nonce'; readonly label: string }
/** A secret that is not a fresh nonce but that SET treats as unguessable (the order description OD, form values). */
export interface SecretData extends Interned { readonly kind: 'data'; readonly label: string }
/** A card number. Unguessable (SET.md 8 lists every PAN as a secret). */
export interface Pan extends Interned { readonly kind: 'pan'; readonly label: string }
/** An integer (RegFormID, a counter). Public. */
export interface Int extends Interned { readonly kind: 'int'; readonly value: number }
/** `{currency, amount}` of SET.md 3 as one atom, amount in integer minor units. Public. */
export interface Amount extends Interned { readonly kind: 'amount'; readonly currency: string; readonly minorUnits: number }
/** A constant or free text (status codes, BrandID, local ids, CardExpiry). Public. */
export interface Text extends Interned { readonly kind: 'text'; readonly value: string }
/** The public half of a key pair. Public. `generation` tells apart a party's successive pairs of one usage. */
export interface PublicKey extends Interned {
  readonly kind: 'publicKey';
  readonly owner: string;
  readonly usage: KeyUsage;
  readonly generation: number;
}
/** The private half of a key pair. Secret. */
export interface PrivateKey extends Interned {
  readonly kind: 'privateKey';
  readonly owner: string;
  readonly usage: KeyUsage;
  readonly generation: number;
}
/** A fresh symmetric key (the `k` of every envelope, CABackKey). Secret. */
export interface SymKey extends Interned { readonly kind: 'symKey'; readonly label: string }

export type Atom = Agent | Nonce | SecretData | Pan | Int | Amount | Text | PublicKey | PrivateKey | SymKey;

// ---- constructors --------------------------------------------------------------------------

/** `{a, b, ...}`: a sequence. `{a, {b, c}}` and `{a, b, c}` are different terms, as in DER. */
export interface Tuple extends Interned { readonly kind: 'tuple'; readonly items: readonly Term[] }
/** `H(t)`: one-way. */
export interface Hash extends Interned { readonly kind: 'hash'; readonly body: Term }
/** `HMAC(t, k)`: message `t`, key `k` (docs/decisions.md D3). One-way. */
export interface Hmac extends Interned { readonly kind: 'hmac'; readonly body: Term; readonly key: Term }
/** `SO(s, t)`: SET's detached signature. Reveals nothing of `t`; checked against `t` with the public key. */
export interface Signature extends Interned { readonly kind: 'sign'; readonly key: PrivateKey; readonly body: Term }
/** Asymmetric encryption (the OAEP block): opened only with the matching private key. */
export interface Crypt extends Interned { readonly kind: 'crypt'; readonly key: PublicKey; readonly body: Term }
/** Symmetric encryption `EK_k(t)`: opened only with `k`. */
export interface SymCrypt extends Interned { readonly kind: 'symCrypt'; readonly key: SymKey; readonly body: Term }
/** An X.509 certificate as a CA-signed binding (certificate.ts). Its fields are public. */
export interface Certificate extends Interned {
  readonly kind: 'cert';
  /** An agent, or for a cardholder its UniqueCardholderID (SET.md 1: never the PAN). */
  readonly subject: Term;
  readonly subjectKey: PublicKey;
  readonly certType: CertType;
  readonly usage: KeyUsage;
  /** Validity in days, both ends inclusive (docs/decisions.md D1). */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly serial: number;
  /** The CA the certificate names as its issuer. */
  readonly issuer: Term;
  /** The key that actually signed it: the issuer's, unless forged. */
  readonly signer: PrivateKey;
}
/** `PANSecret = CardSecret ⊕ CardCertNonce`, without xor algebra (set-values.ts says why). */
export interface PanSecret extends Interned { readonly kind: 'panSecret'; readonly left: Term; readonly right: Term }

export type Compound = Tuple | Hash | Hmac | Signature | Crypt | SymCrypt | Certificate | PanSecret;
export type Term = Atom | Compound;
export type TermKind = Term['kind'];

/**
 * Atoms anyone can produce without having seen them: names, numbers, amounts, constants and
 * public keys. Everything else (nonces, secret data, PANs, private and symmetric keys) is known
 * only once learned. This is the attacker's initial, unlimited knowledge.
 */
export function isPublicAtom(term: Term): boolean {
  switch (term.kind) {
    case 'agent':
    case 'int':
    case 'amount':
    case 'text':
    case 'publicKey':
      return true;
    default:
      return false;
  }
}

const ATOM_KINDS: ReadonlySet<TermKind> = new Set<TermKind>([
  'agent', 'nonce', 'data', 'pan', 'int', 'amount', 'text', 'publicKey', 'privateKey', 'symKey',
]);

export function isAtom(term: Term): term is Atom {
  return ATOM_KINDS.has(term.kind);
}
