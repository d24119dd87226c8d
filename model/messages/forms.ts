/**
 * Which form a message of a kind is in, read from its structure as a decoder would (SET.md 4.1
 * vs 4.2, 5.3, 5.6, 5.9): signed messages carry a certificate the unsigned ones lack; an approving
 * AuthRes has its token beside the envelope; a CertRes to a cardholder is encrypted, to a
 * merchant signed. `undefined` when the structure fits no form (the decoder then says
 * `malformed`).
 */
import type { Term } from '../terms/index.ts';
import { FORMS_OF_KIND, type MessageForm, type MessageKind } from '../vocabulary/message-kinds.ts';

export function formOf(kind: MessageKind, term: Term): MessageForm | undefined {
  const forms = FORMS_OF_KIND[kind];
  if (forms.length === 1) return forms[0];
  switch (kind) {
    case 'CertReq':
      return undefined; // the receiving CA decides (a CCA takes the cardholder form, an MCA the merchant form)
    case 'CertRes':
      return term.kind === 'symCrypt' ? 'cardholder' : term.kind === 'tuple' ? 'merchant' : undefined;
    case 'PReq':
      return term.kind !== 'tuple' ? undefined : term.items.length === 3 ? 'signed' : term.items.length === 2 ? 'unsigned' : undefined;
    case 'AuthReq':
      return term.kind !== 'tuple' ? undefined : term.items.length === 4 ? 'signed' : term.items.length === 3 ? 'unsigned' : undefined;
    case 'AuthRes': {
      if (term.kind !== 'tuple' || term.items.length !== 2) return undefined;
      const envelope = term.items[0]!;
      if (envelope.kind !== 'tuple' || envelope.items.length !== 2) return undefined;
      return envelope.items[0]!.kind === 'tuple' ? 'approved' : 'declined';
    }
    case 'InqReq': {
      if (term.kind !== 'tuple' || term.items.length !== 2) return undefined;
      return term.items[1]!.kind === 'cert' ? 'signed' : 'unsigned';
    }
    default:
      return undefined;
  }
}
