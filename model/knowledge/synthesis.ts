/**
 * Synthesis (Paulson's `synth`; SET.md 9 "sends anything it can build from what it knows"): can
 * the attacker build `term` from its analysed facts? Because every key is an atom, a term is
 * derivable exactly when it is in synth(analz(knowledge)): no synthesised term ever opens
 * something analysis could not, so analysing first and then building is complete.
 *
 *   public atoms               always (names, numbers, amounts, constants, public keys)
 *   other atoms                only when held (nonces, secret data, PANs, private and symmetric keys)
 *   {a, b, ...}, H(t), Hmac(t, k), PANSecret(a, b), Crypt(pk, t)
 *                              when held, or when every argument is derivable
 *   Sign(sk, t), SymCrypt(k, t) when held, or when the key is held and t is derivable
 *   Cert(...)                  when held, or when the signer's private key is held and the subject,
 *                              subject key and issuer are derivable: no forgery without the CA's key
 */
import { isPublicAtom, type Term } from '../terms/index.ts';

/** `holds(id)`: is the term with this id one of the analysed facts? */
export function derivable(term: Term, holds: (id: number) => boolean): boolean {
  if (isPublicAtom(term) || holds(term.id)) return true;
  switch (term.kind) {
    case 'tuple':
      return term.items.every((item) => derivable(item, holds));
    case 'hash':
      return derivable(term.body, holds);
    case 'hmac':
      return derivable(term.body, holds) && derivable(term.key, holds);
    case 'panSecret':
      return derivable(term.left, holds) && derivable(term.right, holds);
    case 'crypt':
      return derivable(term.body, holds);
    case 'sign':
    case 'symCrypt':
      return holds(term.key.id) && derivable(term.body, holds);
    case 'cert':
      return holds(term.signer.id) && derivable(term.subject, holds) && derivable(term.issuer, holds);
    default:
      return false;
  }
}
