/**
 * The fields `tamper(ref, field)` names (the model's field lists, D26) located in the
 * implementation's messages. A field in the clear (a plain request, the content of S(..), the
 * OI of a PReq, a certificate beside a message) is read and rewritten with the message
 * re-encoded and every signature left as it was; a field inside an envelope the attacker cannot
 * open is reached by corrupting that ciphertext (the innermost one), so whoever opens it finds
 * it `malformed`.
 */
import { Envelope } from '../../impl/wire/blobs.ts';
import { CapTokens } from '../../impl/wire/capture.ts';
import { decode, encode } from '../../impl/wire/codec.ts';
import { decodeData, encodeData, type DataKind } from '../../impl/wire/data.ts';
import type { Message } from '../../impl/wire/messages.ts';
import { PI } from '../../impl/wire/purchase.ts';

/** What a fresh value of the field is (D26), on the implementation's codec. */
export type FreshType = 'bytes20' | 'bytes32' | 'localId' | 'text' | 'digits' | 'int' | 'amount' | 'list' | 'signature' | 'certificate';

export type FieldAccess =
  | { readonly where: 'clear'; readonly type: FreshType; read(m: Message): unknown; write(m: Message, value: unknown): Message }
  | { readonly where: 'sealed'; corrupt(m: Message): Message };

const LENIENT = { name: 'lenient', rules: {} };
type Rec = Record<string, unknown>;

const getPath = (root: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v as Rec | undefined)?.[k], root);
function setPath(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) return root.map((item, i) => (String(i) === head ? setPath(item, rest, value) : item));
  return { ...(root as Rec), [head!]: setPath((root as Rec)[head!], rest, value) };
}

/** A field of the message body itself. */
const body = (path: readonly string[], type: FreshType): FieldAccess => ({
  where: 'clear',
  type,
  read: (m) => getPath(m.value, path),
  write: (m, v) => ({ kind: m.kind, value: setPath(m.value, path, v) }) as Message,
});

/** A field of the content of S(s, t) at `signedAt` in the body, t of `kind`: re-encoded, the signature left. */
const signed = (signedAt: readonly string[], kind: DataKind, path: readonly string[], type: FreshType): FieldAccess => ({
  where: 'clear',
  type,
  read: (m) => {
    const data = decodeData(kind, getPath(m.value, [...signedAt, 'content']) as Uint8Array, LENIENT);
    return data.ok ? getPath(data.value, path) : undefined;
  },
  write: (m, v) => {
    const data = decodeData(kind, getPath(m.value, [...signedAt, 'content']) as Uint8Array, LENIENT);
    if (!data.ok) return m;
    const content = encodeData(kind, setPath(data.value, path, v) as never);
    return { kind: m.kind, value: setPath(m.value, [...signedAt, 'content'], content) } as Message;
  },
});

const signatureOf = (signedAt: readonly string[]): FieldAccess => body([...signedAt, 'signature'], 'signature');

/**
 * Bytes of a ciphertext that no longer open: the last octet (of an AES-GCM tag or an OAEP block)
 * one more. Not an involution: corrupting the same ciphertext again (D26) does not restore it
 * (only the 256th corruption would).
 */
function corrupted(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1] = (out[out.length - 1]! + 1) & 0xff;
  return out;
}

/** Corrupts the ciphertext at `path`: it no longer opens. */
const flipAt = (path: readonly string[]): FieldAccess => ({
  where: 'sealed',
  corrupt: (m) => ({ kind: m.kind, value: setPath(m.value, path, corrupted(getPath(m.value, path) as Uint8Array)) }) as Message,
});

/** A ciphertext inside the baggage (DER) at `baggageAt`: decode it as `codec`, change `inner`, re-encode. */
function flipInBaggage<T>(baggageAt: readonly string[], codec: Parameters<typeof decode<T>>[0], inner: readonly string[]): FieldAccess {
  return {
    where: 'sealed',
    corrupt: (m) => {
      const decoded = decode(codec, getPath(m.value, baggageAt) as Uint8Array, 'baggage');
      if (!decoded.ok) return m;
      const bytes = corrupted(getPath(decoded.value, inner) as Uint8Array);
      return { kind: m.kind, value: setPath(m.value, baggageAt, encode(codec, setPath(decoded.value, inner, bytes) as T)) } as Message;
    },
  };
}

/** A field of the PI carried as baggage (AuthReq) in the clear: only PI.DS. */
const piInBaggage = (baggageAt: readonly string[]): FieldAccess => ({
  where: 'clear',
  type: 'signature',
  read: (m) => {
    const pi = decode(PI, getPath(m.value, baggageAt) as Uint8Array, 'PI');
    return pi.ok && pi.value.kind === 'signed' ? pi.value.value.ds : undefined;
  },
  write: (m, v) => {
    const pi = decode(PI, getPath(m.value, baggageAt) as Uint8Array, 'PI');
    if (!pi.ok || pi.value.kind !== 'signed') return m;
    return { kind: m.kind, value: setPath(m.value, baggageAt, encode(PI, { kind: 'signed', value: { ...pi.value.value, ds: v as Uint8Array } })) } as Message;
  },
});

/** SET.md 3's names of the TransID's parts, and the other common fields, to codec keys and fresh types. */
const COMMON: Record<string, [readonly string[], FreshType]> = {
  RRPID: [['rrpid'], 'bytes20'],
  LID_EE: [['lidEE'], 'localId'],
  LID_CA: [['lidCA'], 'localId'],
  Chall_EE: [['challEE'], 'bytes20'],
  Chall_EE2: [['challEE2'], 'bytes20'],
  Chall_EE3: [['challEE3'], 'bytes20'],
  Chall_CA: [['challCA'], 'bytes20'],
  Chall_C: [['challC'], 'bytes20'],
  Chall_M: [['challM'], 'bytes20'],
  BrandID: [['brandID'], 'text'],
  MerchantID: [['merchantID'], 'text'],
  AcquirerBIN: [['acquirerBIN'], 'digits'],
  CAEThumb: [['caeThumb'], 'bytes32'],
  PEThumb: [['peThumb'], 'bytes32'],
  RegFormID: [['regFormID'], 'int'],
  RegForm: [['regForm'], 'list'],
  LID_C: [['transID', 'lidC'], 'localId'],
  LID_M: [['transID', 'lidM'], 'localId'],
  XID: [['transID', 'xid'], 'bytes20'],
  HOD: [['hod'], 'bytes32'],
  ODSalt: [['odSalt'], 'bytes20'],
  'H(PIData)': [['piDataHash'], 'bytes32'],
  // Enumerations take a fresh text like any text field: the receiver's decoder finds it `malformed`.
  CompletionCode: [['completionCode'], 'text'],
  CAStatus: [['caStatus'], 'text'],
  PurchAmt: [['purchAmt'], 'amount'],
  AuthAmt: [['authAmt'], 'amount'],
};

const common = (name: string): [readonly string[], FreshType] | undefined => COMMON[name];
const signedField = (signedAt: readonly string[], kind: DataKind, name: string) => {
  const c = common(name);
  return c ? signed(signedAt, kind, c[0], c[1]) : undefined;
};

const CERTIFICATE_KEYS: Record<string, string> = {
  'CertE(CCA)': 'caCertE', 'CertS(CCA)': 'caCertS', 'CertE(MCA)': 'caCertE', 'CertS(MCA)': 'caCertS',
  'CertS(M)': 'merchantCertS', 'CertE(M)': 'merchantCertE', 'CertE(P)': 'gatewayCertE', 'CertS(C)': 'cardholderCertS', 'CertS(P)': 'gatewayCertS',
};

/** Where `field` is in `m`, or undefined if the message has no such field. */
export function fieldAccess(m: Message, field: string): FieldAccess | undefined {
  const cert = CERTIFICATE_KEYS[field];
  switch (m.kind) {
    case 'CardCInitReq':
    case 'Me-AqCInitReq': {
      const c = common(field);
      return c ? body(c[0], c[1]) : undefined;
    }
    case 'PInitReq': {
      const c = field === 'LID_C' ? [['lidC'], 'localId'] as const : field === 'LID_M' ? [['lidM'], 'localId'] as const : common(field);
      return c ? body(c[0], c[1]) : undefined;
    }
    case 'CardCInitRes':
    case 'Me-AqCInitRes':
      if (cert) return body([cert], 'certificate');
      if (field === 'Signature') return signatureOf(['signed']);
      return signedField(['signed'], m.kind === 'CardCInitRes' ? 'CardCInitResData' : 'Me-AqCInitResData', field);
    case 'RegFormRes':
      return field === 'Signature' ? signatureOf([]) : signedField([], 'RegFormResData', field);
    case 'PInitRes':
      if (cert) return body([cert], 'certificate');
      if (field === 'Signature') return signatureOf(['signed']);
      return signedField(['signed'], 'PInitResData', field);
    case 'PRes':
      if (cert) return body([cert], 'certificate');
      if (field === 'Signature') return signatureOf(['signed']);
      return signedField(['signed'], 'PResData', field);
    case 'InqReq':
      if (m.value.kind === 'unsigned') {
        const c = common(field);
        return c ? body(['value', ...c[0]], c[1]) : undefined;
      }
      if (field === 'CertS(C)') return body(['value', 'cardholderCertS'], 'certificate');
      if (field === 'Signature') return signatureOf(['value', 'signed']);
      return signedField(['value', 'signed'], 'InqReqData', field);
    case 'CertRes':
      if (m.value.kind === 'encrypted') return flipAt(['value', 'encryptedContent']);
      if (field === 'CertS(M)' || field === 'CertE(M)') return signed(['value'], 'MerchantCertResData', [field === 'CertS(M)' ? 'certS' : 'certE'], 'certificate');
      if (field === 'Signature') return signatureOf(['value']);
      return signedField(['value'], 'MerchantCertResData', field);
    case 'RegFormReq':
      return ['PAN', 'EXNonce'].includes(field) ? flipAt(['oaepBlock']) : flipAt(['encryptedContent']);
    case 'CertReq':
      return ['PAN', 'CardExpiry', 'CardSecret', 'EXNonce', 'MerchantID', 'MerchantSecret'].includes(field) ? flipAt(['oaepBlock']) : flipAt(['encryptedContent']);
    case 'PReq': {
      if (field === 'CertS(C)') return body(['cardholderCertS'], 'certificate');
      if (field === 'PI.DS') return body(['pi', 'value', 'ds'], 'signature');
      if (field === 'OI.H(PIData)') return body(['oi', 'piDataHash'], 'bytes32');
      if (field.startsWith('OIData.')) {
        const c = common(field.slice(7));
        return c ? body(['oi', 'oiData', ...c[0]], c[1]) : undefined;
      }
      const ex = m.value.pi.kind === 'signed' ? ['pi', 'value', 'ex'] : ['pi', 'value'];
      if (field.startsWith('PANData.') || field.startsWith('PANToken.')) return flipAt([...ex, 'oaepBlock']);
      return flipAt([...ex, 'encryptedContent']);
    }
    case 'AuthReq': {
      if (cert) return body([cert], 'certificate');
      if (field.startsWith('AuthReqData.') || field === 'Signature') return flipAt(['envelope', 'envelope', 'encryptedContent']);
      if (field === 'PI.DS') return piInBaggage(['envelope', 'baggage']);
      const pi = decode(PI, m.value.envelope.baggage, 'PI');
      const inner = pi.ok && pi.value.kind === 'unsigned' ? ['value'] : ['value', 'ex'];
      return flipInBaggage(['envelope', 'baggage'], PI, [...inner, field.startsWith('PANData.') || field.startsWith('PANToken.') ? 'oaepBlock' : 'encryptedContent']);
    }
    case 'AuthRes':
      if (cert) return body([cert], 'certificate');
      if (m.value.result.kind === 'declined') return flipAt(['result', 'value', 'encryptedContent']);
      if (field.startsWith('CapToken.')) return flipInBaggage(['result', 'value', 'baggage'], Envelope, ['encryptedContent']);
      return flipAt(['result', 'value', 'envelope', 'encryptedContent']);
    case 'CapReq': {
      if (cert) return body([cert], 'certificate');
      const token = /^CapTokens\[(\d+)\]\./.exec(field);
      if (token) return flipInBaggage(['envelope', 'baggage'], CapTokens, [String(Number(token[1]) - 1), 'encryptedContent']);
      return flipAt(['envelope', 'envelope', 'encryptedContent']);
    }
    case 'CapRes':
      return cert ? body([cert], 'certificate') : flipAt(['envelope', 'encryptedContent']);
  }
  return undefined;
}
