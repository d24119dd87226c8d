/**
 * The SET message names (SET.md 4, 5, 6): the `kind` of every message on the network and of
 * every message reference (docs/decisions.md D22). InqReq is answered by a PRes (SET.md 5.9).
 */
export const REGISTRATION_MESSAGE_KINDS = [
  'CardCInitReq', 'CardCInitRes', 'RegFormReq', 'RegFormRes', 'Me-AqCInitReq', 'Me-AqCInitRes', 'CertReq', 'CertRes',
] as const;

export const PURCHASE_MESSAGE_KINDS = ['PInitReq', 'PInitRes', 'PReq', 'AuthReq', 'AuthRes', 'PRes', 'InqReq'] as const;

export const CAPTURE_MESSAGE_KINDS = ['CapReq', 'CapRes'] as const;

export const MESSAGE_KINDS = [...REGISTRATION_MESSAGE_KINDS, ...PURCHASE_MESSAGE_KINDS, ...CAPTURE_MESSAGE_KINDS] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function isMessageKind(value: string): value is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(value);
}

/**
 * The forms a kind comes in, which change its fields (SET.md 4.1 vs 4.2, 5.3, 5.6, 5.9):
 * a CertReq / CertRes of a cardholder or of a merchant, a signed or unsigned PReq, AuthReq and
 * InqReq, an AuthRes that approves (with a capture token) or declines.
 */
export type MessageForm = 'plain' | 'cardholder' | 'merchant' | 'signed' | 'unsigned' | 'approved' | 'declined';

export const FORMS_OF_KIND: Readonly<Record<MessageKind, readonly MessageForm[]>> = {
  CardCInitReq: ['plain'],
  CardCInitRes: ['plain'],
  RegFormReq: ['plain'],
  RegFormRes: ['plain'],
  'Me-AqCInitReq': ['plain'],
  'Me-AqCInitRes': ['plain'],
  CertReq: ['cardholder', 'merchant'],
  CertRes: ['cardholder', 'merchant'],
  PInitReq: ['plain'],
  PInitRes: ['plain'],
  PReq: ['signed', 'unsigned'],
  AuthReq: ['signed', 'unsigned'],
  AuthRes: ['approved', 'declined'],
  PRes: ['plain'],
  InqReq: ['signed', 'unsigned'],
  CapReq: ['plain'],
  CapRes: ['plain'],
};
