/**
 * Where each certificate field the model names (`CertS(M)`, `CertE(P)`, ...: the field lists of
 * model/messages, D26, D28) sits in the implementation's message bodies (impl/wire/messages.ts).
 * Certificates inside a signed part (a merchant's CertRes) are reached through that part;
 * a certificate inside an envelope (the cardholder's CertRes) is sealed and cannot be replaced.
 */
import type { MessageKind } from '../../model/index.ts';
import { decodeData, encodeData } from '../../impl/wire/data.ts';
import type { Message } from '../../impl/wire/messages.ts';

export interface CertificateSlot {
  readonly field: string;
  readonly get: (message: Message) => Uint8Array | undefined;
  readonly set: (message: Message, der: Uint8Array) => Message;
}

/** A certificate beside the message body's other parts: `body[key]`. */
const outer = (field: string, key: string, kinds: readonly MessageKind[]): [MessageKind, CertificateSlot][] =>
  kinds.map((kind) => [
    kind,
    {
      field,
      get: (m) => (m.kind === kind ? ((m.value as unknown as Record<string, Uint8Array | undefined>)[key] ?? undefined) : undefined),
      set: (m, der) => ({ kind: m.kind, value: { ...(m.value as object), [key]: der } }) as Message,
    },
  ]);

/** A merchant's CertRes carries its certificates inside S(MCA, ...): replacing one leaves the signature as it was. */
const merchantCertRes = (field: string, key: 'certS' | 'certE'): [MessageKind, CertificateSlot] => [
  'CertRes',
  {
    field,
    get: (m) => {
      if (m.kind !== 'CertRes' || m.value.kind !== 'signed') return undefined;
      const data = decodeData('MerchantCertResData', m.value.value.content, { name: 'lenient', rules: {} });
      return data.ok ? data.value[key] : undefined;
    },
    set: (m, der) => {
      if (m.kind !== 'CertRes' || m.value.kind !== 'signed') return m;
      const data = decodeData('MerchantCertResData', m.value.value.content, { name: 'lenient', rules: {} });
      if (!data.ok) return m;
      const content = encodeData('MerchantCertResData', { ...data.value, [key]: der });
      return { kind: 'CertRes', value: { kind: 'signed', value: { ...m.value.value, content } } };
    },
  },
];

/** A signed InqReq's CertS(C). */
const inqReq: [MessageKind, CertificateSlot] = [
  'InqReq',
  {
    field: 'CertS(C)',
    get: (m) => (m.kind === 'InqReq' && m.value.kind === 'signed' ? m.value.value.cardholderCertS : undefined),
    set: (m, der) => (m.kind === 'InqReq' && m.value.kind === 'signed' ? { kind: 'InqReq', value: { kind: 'signed', value: { ...m.value.value, cardholderCertS: der } } } : m),
  },
];

const SLOTS: [MessageKind, CertificateSlot][] = [
  ...outer('CertE(CCA)', 'caCertE', ['CardCInitRes']),
  ...outer('CertS(CCA)', 'caCertS', ['CardCInitRes']),
  ...outer('CertE(MCA)', 'caCertE', ['Me-AqCInitRes']),
  ...outer('CertS(MCA)', 'caCertS', ['Me-AqCInitRes']),
  merchantCertRes('CertS(M)', 'certS'),
  merchantCertRes('CertE(M)', 'certE'),
  ...outer('CertS(M)', 'merchantCertS', ['PInitRes', 'AuthReq', 'PRes', 'CapReq']),
  ...outer('CertE(M)', 'merchantCertE', ['PInitRes', 'AuthReq', 'CapReq']),
  ...outer('CertE(P)', 'gatewayCertE', ['PInitRes']),
  ...outer('CertS(C)', 'cardholderCertS', ['PReq', 'AuthReq']),
  ...outer('CertS(P)', 'gatewayCertS', ['AuthRes', 'CapRes']),
  inqReq,
];

/** The slots of a message that hold a certificate now, in the model's field order (D28's default is the first). */
export function certificateSlots(message: Message, order: readonly string[]): CertificateSlot[] {
  const present = SLOTS.filter(([kind, slot]) => kind === message.kind && slot.get(message) !== undefined).map(([, slot]) => slot);
  return order.flatMap((field) => present.filter((slot) => slot.field === field));
}
