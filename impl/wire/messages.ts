/**
 * The 17 SET messages on the wire (SET.md sections 4-6):
 *
 *   MessageWrapper ::= SEQUENCE { version INTEGER (1), message CHOICE { [0] CardCInitReq, ... } }
 *
 * The CHOICE tag of a kind is its index in MESSAGE_KINDS. The bodies hold the operators'
 * blobs (blobs.ts) and full certificates; only the plaintext requests (CardCInitReq,
 * Me-AqCInitReq, PInitReq, the unsigned InqReq) and PReq's OI are read here, the rest is
 * read by whoever opens the blob, with decodeData (data.ts).
 */
import { err, ok } from '../result.ts';
import { decodeDer, readChildren, TagClass, Universal } from './der.ts';
import { expectUniversal } from './codec.ts';
import { Envelope, EnvelopeWithBaggage, ExtraEncrypted, Signed, SymmetricEncrypted } from './blobs.ts';
import { Certificate } from './certificate.ts';
import { CardCInitReq, MeAqCInitReq } from './registration.ts';
import { InqReqData, PInitReq, PReq } from './purchase.ts';
import { checkProfile, DEFAULT_WIRE_PROFILE, type WireProfile } from './profile.ts';
import { choice, integer, malformed, optional, sequence, type CodecValue, type Decoded, type ShapedCodec } from './schema.ts';

/** CardCInitRes = {S(CCA, CardCInitResData), CertE(CCA), CertS(CCA)} (SET.md 4.1 step 2). */
export const CardCInitRes = sequence('CardCInitRes', { signed: Signed, caCertE: Certificate, caCertS: Certificate });

/** RegFormReq = EXH(CCA, RegFormReqData, PANOnly) (SET.md 4.1 step 3). */
export const RegFormReq = ExtraEncrypted;

/** RegFormRes = S(CCA, RegFormResData) (SET.md 4.1 step 4). */
export const RegFormRes = Signed;

/** CertReq = EncX(EE, CA, CertReqData, AcctInfo): one wire kind for cardholder and merchant (SET.md 4.1 step 5, 4.2 step 3). */
export const CertReq = ExtraEncrypted;

/** CertRes: EncK to a cardholder, S(MCA, ...) to a merchant (SET.md 4.1 step 6, 4.2 step 4). */
export const CertRes = choice('CertRes', { encrypted: [0, SymmetricEncrypted], signed: [1, Signed] });

/** Me-AqCInitRes = {S(MCA, Me-AqCInitResData), CertE(MCA), CertS(MCA)} (SET.md 4.2 step 2). */
export const MeAqCInitRes = sequence('Me-AqCInitRes', { signed: Signed, caCertE: Certificate, caCertS: Certificate });

/** PInitRes = {S(M, PInitResData), CertS(M), CertE(M), CertE(P)} (SET.md 5.2). */
export const PInitRes = sequence('PInitRes', { signed: Signed, merchantCertS: Certificate, merchantCertE: Certificate, gatewayCertE: Certificate });

/** AuthReq = {EncB(M, P, AuthReqData, PI), CertS(M), CertE(M), CertS(C) in the signed form} (SET.md 5.4). */
export const AuthReq = sequence('AuthReq', {
  envelope: EnvelopeWithBaggage,
  merchantCertS: Certificate,
  merchantCertE: Certificate,
  cardholderCertS: optional(0, Certificate),
});

/** AuthRes = {EncB(P, M, AuthResData, CapToken) | Enc(P, M, AuthResData), CertS(P)} (SET.md 5.6). */
export const AuthRes = sequence('AuthRes', {
  result: choice('AuthResult', { approved: [0, EnvelopeWithBaggage], declined: [1, Envelope] }),
  gatewayCertS: Certificate,
});

/** PRes = {S(M, PResData), CertS(M)} (SET.md 5.7). */
export const PRes = sequence('PRes', { signed: Signed, merchantCertS: Certificate });

/** The signed InqReq: {S(C, InqReqData), CertS(C)} (SET.md 5.9). */
export const InqReqSigned = sequence('InqReqSigned', { signed: Signed, cardholderCertS: Certificate });

/** InqReq: signed, or InqReqData bare in the unsigned form (SET.md 5.9). */
export const InqReq = choice('InqReq', { signed: [0, InqReqSigned], unsigned: [1, InqReqData] });

/** CapReq = {EncB(M, P, CapReqData, CapTokens), CertS(M), CertE(M)} (SET.md 6.1). */
export const CapReq = sequence('CapReq', { envelope: EnvelopeWithBaggage, merchantCertS: Certificate, merchantCertE: Certificate });

/** CapRes = {Enc(P, M, CapResData), CertS(P)} (SET.md 6.4). */
export const CapRes = sequence('CapRes', { envelope: Envelope, gatewayCertS: Certificate });

/** The 17 message kinds; a kind's CHOICE tag is its index here. */
export const MESSAGE_KINDS = [
  'CardCInitReq',
  'CardCInitRes',
  'RegFormReq',
  'RegFormRes',
  'CertReq',
  'CertRes',
  'Me-AqCInitReq',
  'Me-AqCInitRes',
  'PInitReq',
  'PInitRes',
  'PReq',
  'AuthReq',
  'AuthRes',
  'PRes',
  'InqReq',
  'CapReq',
  'CapRes',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The body codec of each kind. */
export const MESSAGE_BODIES = {
  CardCInitReq,
  CardCInitRes,
  RegFormReq,
  RegFormRes,
  CertReq,
  CertRes,
  'Me-AqCInitReq': MeAqCInitReq,
  'Me-AqCInitRes': MeAqCInitRes,
  PInitReq,
  PInitRes,
  PReq,
  AuthReq,
  AuthRes,
  PRes,
  InqReq,
  CapReq,
  CapRes,
} as const satisfies { readonly [K in MessageKind]: ShapedCodec<any> };

type Bodies = typeof MESSAGE_BODIES;
export type MessageBody<K extends MessageKind> = CodecValue<Bodies[K]>;

/** One decoded message: `kind` names it, `value` is its body. */
export type Message = { [K in MessageKind]: { readonly kind: K; readonly value: MessageBody<K> } }[MessageKind];

/** SET's messages as one CHOICE, [n] = index in MESSAGE_KINDS (SET.md sections 4-6). */
export const SETMessage = choice(
  'SETMessage',
  Object.fromEntries(MESSAGE_KINDS.map((kind, tag) => [kind, [tag, MESSAGE_BODIES[kind]]])) as unknown as { [K in MessageKind]: readonly [number, Bodies[K]] },
);

/** The version this profile speaks (the wrapper's first field). */
export const WIRE_VERSION = 1;
const Version = integer({ min: WIRE_VERSION, max: WIRE_VERSION });

/** MessageWrapper ::= SEQUENCE { version INTEGER (1), message SETMessage } (this profile's frame of every message). */
export const MessageWrapper = sequence('MessageWrapper', { version: Version, message: SETMessage });

export function encodeMessage(message: Message): Uint8Array {
  return MessageWrapper.encode({ version: WIRE_VERSION, message });
}

const WRAPPER = 'MessageWrapper';

/**
 * Decodes one message and applies the wire profile. Errors inside a body are labelled from
 * the kind (`PReq.oi.oiData.hod: expected 32 octets, got 31`), errors around it from
 * `MessageWrapper`. Accepts exactly the bytes MessageWrapper.encode writes.
 */
export function decodeMessage(bytes: Uint8Array, profile: WireProfile = DEFAULT_WIRE_PROFILE): Decoded<Message> {
  const root = decodeDer(bytes);
  if (!root.ok) return malformed(WRAPPER, root.error.rule);
  const wrong = expectUniversal(root.value, Universal.sequence, true, WRAPPER, 'SEQUENCE (MessageWrapper)');
  if (wrong) return err(wrong);
  const children = readChildren(root.value);
  if (!children.ok) return malformed(WRAPPER, children.error.rule);
  const [versionElement, messageElement] = children.value;
  if (!versionElement) return malformed(`${WRAPPER}.version`, 'missing');
  const version = Version.decodeElement(versionElement, `${WRAPPER}.version`);
  if (!version.ok) return version;
  if (!messageElement) return malformed(`${WRAPPER}.message`, 'missing');
  if (children.value.length > 2) return malformed(WRAPPER, `${children.value.length - 2} unexpected trailing field(s)`);
  if (messageElement.tagClass !== TagClass.context || !messageElement.constructed) {
    return malformed(`${WRAPPER}.message`, 'expected a [n] EXPLICIT message kind');
  }
  const kind = MESSAGE_KINDS[messageElement.tagNumber];
  if (!kind) return malformed(`${WRAPPER}.message`, `[${messageElement.tagNumber}] is not a message kind`);
  const inner = decodeDer(messageElement.content);
  if (!inner.ok) return malformed(kind, inner.error.rule);
  const codec: ShapedCodec<unknown> = MESSAGE_BODIES[kind];
  const body = codec.decodeElement(inner.value, kind);
  if (!body.ok) return body;
  const violation = checkProfile(codec.shape, body.value, profile, kind);
  if (violation) return err(violation);
  return ok({ kind, value: body.value } as Message);
}
