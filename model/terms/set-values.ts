/**
 * Values SET derives from secrets (SET.md sections 1, 2 and 5.3), as terms:
 *   PANSecret          = CardSecret ⊕ CardCertNonce
 *   UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret)
 *   HOD                = H({OD, PurchAmt, ODSalt})
 *   TransStain         = HMAC(XID, CardSecret)
 *   PEThumb, CAEThumb  = H(certificate)
 *
 * PANSecret is a constructor of its own, not xor algebra: anyone holding both inputs can build
 * it, nobody can take it apart. Its arguments are kept in id order, so the one algebraic fact
 * the model uses, commutativity, holds by construction. What this leaves out: from PANSecret and
 * one input, real xor gives the other input. The model's attacker cannot do that, and neither
 * can impl/'s byte search (SET.md 8), so both sides agree; and an attacker who holds PANSecret
 * has already broken `pan-secrecy` (SET.md 12), so no goal verdict depends on the gap.
 */
import { hash, hmac, tuple } from './constructors.ts';
import { BinaryTable } from './intern.ts';
import type { Amount, Certificate, Hash, Hmac, PanSecret, Term } from './term.ts';

const panSecrets = new BinaryTable<PanSecret>((id, left, right) => ({ id, kind: 'panSecret', left, right }));

export function panSecret(cardSecret: Term, cardCertNonce: Term): PanSecret {
  const [left, right] = cardSecret.id <= cardCertNonce.id ? [cardSecret, cardCertNonce] : [cardCertNonce, cardSecret];
  return panSecrets.intern(left, right);
}

export function uniqueCardholderId(card: { pan: Term; cardExpiry: Term }, secret: Term): Hmac {
  return hmac(tuple(card.pan, card.cardExpiry), secret);
}

export function hashedOrderDescription(order: { od: Term; purchAmt: Amount; odSalt: Term }): Hash {
  return hash(tuple(order.od, order.purchAmt, order.odSalt));
}

export function transStain(xid: Term, cardSecret: Term): Hmac {
  return hmac(xid, cardSecret);
}

/** `H(DER)` of a certificate; symbolically the hash of the certificate term. */
export function thumbprint(cert: Certificate): Hash {
  return hash(cert);
}
