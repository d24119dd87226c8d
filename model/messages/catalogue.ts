/**
 * Every SET message of this profile as a template (SET.md 4.1, 4.2, 5.1-5.9, 6.1-6.4), with the
 * shape changes of SET.md 10's variants (model/variants/switches.ts). Field names are SET.md's;
 * a field inside a named structure is qualified by it (`OIData.XID`, `PIHead.PurchAmt`,
 * `Items[2].CapReqAmt`). Key slots: `signer` (the sender's signature key), `recipient` (the
 * receiver's key-exchange key), `gateway` (the PI's and the AuthReq's gateway), `cardholder`
 * (the dual signature), `requester` (the new key of a CertReq), `self` (P's own key for a token).
 */
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import { shapeKey, type MessageShape } from '../variants/switches.ts';
import { E, Enc, EncB, EncK, EncX, EX, EXH, S } from './operators.ts';
import { field, hashOf, hmacOf, list, scope, seq, signatureOf, type Node } from './template.ts';

// ---- common fields (SET.md 3) -----------------------------------------------------------------
const RRPID = field('RRPID', 'nonce');
const BRAND_ID = field('BrandID', 'text');
const LID_EE = field('LID_EE', 'text');
const LID_CA = field('LID_CA', 'text');
const CHALL_EE = field('Chall_EE', 'nonce');
const CHALL_EE2 = field('Chall_EE2', 'nonce');
const CHALL_EE3 = field('Chall_EE3', 'nonce');
const CHALL_CA = field('Chall_CA', 'nonce');
const REG_FORM_ID = field('RegFormID', 'int');
const REG_FORM = field('RegForm', 'tuple');
const REG_FORM_VALUES = field('RegFormValues', 'tuple');
const CA_STATUS = field('CAStatus', 'text');
const EX_NONCE = field('EXNonce', 'nonce');
const PAN = field('PAN', 'pan');
const CARD_EXPIRY = field('CardExpiry', 'text');
const MERCHANT_ID = field('MerchantID', 'agent');
const LID_C = field('LID_C', 'text');
const LID_M = field('LID_M', 'text');
const XID = field('XID', 'nonce');
const CHALL_C = field('Chall_C', 'nonce');
const CHALL_M = field('Chall_M', 'nonce');
const TRANS_ID = seq(LID_C, LID_M, XID);
const OD = field('OD', 'secret');
const PURCH_AMT = field('PurchAmt', 'amount');
const OD_SALT = field('ODSalt', 'nonce');
const CARD_SECRET = field('CardSecret', 'nonce');
const AUTH_AMT = field('AuthAmt', 'amount');
const AUTH_CODE = field('AuthCode', 'nonce');

const cert = (name: string, optional = false): Node => field(name, 'certificate', { optional });

// ---- registration (SET.md 4.1, 4.2) -------------------------------------------------------------
function cardholderRegistration(kind: MessageKind): Node | undefined {
  const CERT_E_CA = cert('CertE(CCA)');
  switch (kind) {
    case 'CardCInitReq':
      return seq(RRPID, LID_EE, CHALL_EE, BRAND_ID);
    case 'CardCInitRes':
      return seq(S('signer', seq(RRPID, LID_EE, CHALL_EE, hashOf('CAEThumb', CERT_E_CA))), CERT_E_CA, cert('CertS(CCA)'));
    case 'RegFormReq':
      return EXH('recipient', seq(RRPID, LID_EE, CHALL_EE2, BRAND_ID), seq(PAN, EX_NONCE));
    case 'RegFormRes':
      return S('signer', seq(RRPID, LID_EE, CHALL_EE2, LID_CA, CHALL_CA, REG_FORM_ID, REG_FORM));
    case 'CertReq':
      return EncX(
        'requester', 'recipient',
        seq(RRPID, LID_EE, CHALL_EE3, LID_CA, CHALL_CA, REG_FORM_ID, REG_FORM_VALUES, field('CABackKey', 'symKey'), field('PublicKeyS', 'publicKey')),
        seq(PAN, CARD_EXPIRY, CARD_SECRET, EX_NONCE),
      );
    case 'CertRes':
      return EncK('CABackKey', 'signer', seq(RRPID, LID_EE, CHALL_EE3, LID_CA, CA_STATUS, field('CardCertNonce', 'nonce'), cert('Cert(C)', true)));
    default:
      return undefined;
  }
}

function merchantRegistration(kind: MessageKind): Node | undefined {
  const CERT_E_CA = cert('CertE(MCA)');
  switch (kind) {
    case 'Me-AqCInitReq':
      return seq(RRPID, LID_EE, CHALL_EE, MERCHANT_ID, field('AcquirerBIN', 'text'));
    case 'Me-AqCInitRes':
      return seq(
        S('signer', seq(RRPID, LID_EE, CHALL_EE, LID_CA, CHALL_CA, REG_FORM_ID, REG_FORM, hashOf('CAEThumb', CERT_E_CA))),
        CERT_E_CA, cert('CertS(MCA)'),
      );
    case 'CertReq':
      return EncX(
        'requester', 'recipient',
        seq(RRPID, LID_EE, CHALL_EE3, LID_CA, CHALL_CA, REG_FORM_ID, REG_FORM_VALUES, field('PublicKeyS', 'publicKey'), field('PublicKeyE', 'publicKey')),
        seq(MERCHANT_ID, field('MerchantSecret', 'nonce'), EX_NONCE),
      );
    case 'CertRes':
      return S('signer', seq(RRPID, LID_EE, CHALL_EE3, LID_CA, CA_STATUS, cert('CertS(M)', true), cert('CertE(M)', true)));
    default:
      return undefined;
  }
}

// ---- purchase (SET.md 5) ----------------------------------------------------------------------

const present = <T>(condition: boolean, node: T): T[] => (condition ? [node] : []);

/** OIData (SET.md 5.3), with the shape's changes. */
function oiData(shape: MessageShape): Node {
  return scope('OIData', seq(
    TRANS_ID, RRPID, ...present(shape.challenges, CHALL_C), hashOf('HOD', seq(OD, PURCH_AMT, OD_SALT)), OD_SALT,
    ...present(shape.challenges, CHALL_M), BRAND_ID, ...present(shape.merchantInOIData, MERCHANT_ID), ...present(shape.panInOIData, PAN),
  ));
}

/** The PI: signed (PIDualSigned) or unsigned (SET.md 5.3), and the OI beside it. */
function paymentInstruction(shape: MessageShape, form: 'signed' | 'unsigned'): { pi: Node; oi: Node } {
  const OI_DATA = oiData(shape);
  const HOD = hashOf('HOD', seq(OD, PURCH_AMT, OD_SALT));
  const H_OI_DATA = hashOf('H(OIData)', OI_DATA);
  if (form === 'unsigned') {
    const PI_HEAD = scope('PIHead', seq(TRANS_ID, HOD, PURCH_AMT, ...present(shape.merchantInPIHead, MERCHANT_ID)));
    const PAN_TOKEN = scope('PANToken', seq(PAN, CARD_EXPIRY, EX_NONCE));
    return {
      pi: scope('PI', EXH('gateway', seq(PI_HEAD, H_OI_DATA), PAN_TOKEN)),
      oi: scope('OI', seq(OI_DATA, hashOf('H(PIData)', seq(PI_HEAD, PAN_TOKEN)))),
    };
  }
  const PI_HEAD = scope('PIHead', seq(
    TRANS_ID, HOD, PURCH_AMT, ...present(shape.merchantInPIHead, MERCHANT_ID), hmacOf('TransStain', XID, CARD_SECRET),
  ));
  const PAN_DATA = scope('PANData', seq(PAN, CARD_EXPIRY, field('PANSecret', 'secret20'), EX_NONCE));
  const PI_DATA = seq(PI_HEAD, PAN_DATA);
  const H_PI_DATA = hashOf('H(PIData)', PI_DATA);
  if (!shape.dualSignature) {
    return {
      pi: scope('PI', seq(signatureOf('PISignature', 'cardholder', PI_DATA), EX('gateway', PI_HEAD, PAN_DATA))),
      oi: scope('OI', seq(OI_DATA, H_PI_DATA, signatureOf('OISignature', 'cardholder', OI_DATA))),
    };
  }
  return {
    pi: scope('PI', seq(signatureOf('DS', 'cardholder', seq(H_PI_DATA, H_OI_DATA)), EX('gateway', seq(PI_HEAD, H_OI_DATA), PAN_DATA))),
    oi: scope('OI', seq(OI_DATA, H_PI_DATA)),
  };
}

/** The capture token (SET.md 5.6): `Enc(P, P, {TokenID, TransID, MerchantID, AuthAmt, AuthCode, HoldRef})`. */
const CAP_TOKEN = scope('CapToken', Enc('signer', 'self', seq(
  field('TokenID', 'nonce'), TRANS_ID, MERCHANT_ID, AUTH_AMT, AUTH_CODE, field('HoldRef', 'nonce'),
)));

function purchase(kind: MessageKind, form: MessageForm, shape: MessageShape): Node | undefined {
  switch (kind) {
    case 'PInitReq':
      return seq(RRPID, LID_C, LID_M, CHALL_C, BRAND_ID);
    case 'PInitRes': {
      const CERT_E_P = cert('CertE(P)');
      return seq(S('signer', seq(TRANS_ID, RRPID, CHALL_C, CHALL_M, hashOf('PEThumb', CERT_E_P))), cert('CertS(M)'), cert('CertE(M)'), CERT_E_P);
    }
    case 'PReq': {
      if (form !== 'signed' && form !== 'unsigned') return undefined;
      const { pi, oi } = paymentInstruction(shape, form);
      return form === 'signed' ? seq(pi, oi, cert('CertS(C)')) : seq(pi, oi);
    }
    case 'AuthReq': {
      if (form !== 'signed' && form !== 'unsigned') return undefined;
      const data = scope('AuthReqData', seq(
        TRANS_ID, RRPID, MERCHANT_ID, field('AuthReqAmt', 'amount'), field('H(OIData)', 'hash'), field('HOD', 'hash'), ...present(shape.odInAuthReq, OD),
      ));
      const head = [EncB('signer', 'gateway', data, paymentInstruction(shape, form).pi, 'PI'), cert('CertS(M)'), cert('CertE(M)')];
      return form === 'signed' ? seq(...head, cert('CertS(C)')) : seq(...head);
    }
    case 'AuthRes': {
      const named = present(shape.merchantInAuthRes, MERCHANT_ID);
      if (form === 'approved') {
        const data = scope('AuthResData', seq(TRANS_ID, RRPID, ...named, AUTH_AMT, AUTH_CODE));
        return seq(EncB('signer', 'recipient', data, CAP_TOKEN, 'CapToken'), cert('CertS(P)'));
      }
      if (form === 'declined') {
        const data = scope('AuthResData', seq(TRANS_ID, RRPID, ...named, AUTH_AMT, field('DeclineReason', 'text')));
        return seq(Enc('signer', 'recipient', data), cert('CertS(P)'));
      }
      return undefined;
    }
    case 'PRes':
      // D31: the merchant's signature certificate travels beside the signed data, as in PInitRes.
      return seq(S('signer', seq(
        TRANS_ID, RRPID, ...present(shape.challenges, CHALL_C), field('HOD', 'hash'), field('H(PIData)', 'hash'),
        field('CompletionCode', 'text'), PURCH_AMT, AUTH_AMT,
      )), cert('CertS(M)'));
    case 'InqReq':
      if (form === 'signed') return seq(S('signer', seq(TRANS_ID, RRPID)), cert('CertS(C)'));
      if (form === 'unsigned') return seq(TRANS_ID, RRPID);
      return undefined;
    default:
      return undefined;
  }
}

// ---- capture (SET.md 6) -----------------------------------------------------------------------
function capture(kind: MessageKind): Node | undefined {
  switch (kind) {
    case 'CapReq': {
      const data = scope('CapReqData', seq(RRPID, MERCHANT_ID, list('Items', seq(TRANS_ID, field('CapReqAmt', 'amount')))));
      return seq(EncB('signer', 'gateway', data, scope('CapTokens', list('CapTokens', CAP_TOKEN)), 'CapTokens'), cert('CertS(M)'), cert('CertE(M)'));
    }
    case 'CapRes':
      return seq(
        Enc('signer', 'recipient', seq(RRPID, MERCHANT_ID, list('Items', seq(TRANS_ID, field('CapCode', 'text'), field('CapAmt', 'amount'))))),
        cert('CertS(P)'),
      );
    default:
      return undefined;
  }
}

const cache = new Map<string, Node>();
const byShape = new WeakMap<MessageShape, Map<string, Node>>();

/** The template of a message kind in a form, under a shape. Throws for a form the kind does not have. */
export function templateOf(kind: MessageKind, form: MessageForm, shape: MessageShape): Node {
  let forShape = byShape.get(shape);
  if (forShape === undefined) byShape.set(shape, (forShape = new Map()));
  const local = forShape.get(kind + form);
  if (local !== undefined) return local;
  const key = `${kind}/${form}/${shapeKey(shape)}`;
  let node = cache.get(key);
  if (node === undefined) {
    node =
      form === 'cardholder' ? cardholderRegistration(kind)
      : form === 'merchant' ? merchantRegistration(kind)
      : kind === 'CapReq' || kind === 'CapRes' ? capture(kind)
      : form === 'plain' ? cardholderRegistration(kind) ?? merchantRegistration(kind) ?? purchase(kind, form, shape)
      : purchase(kind, form, shape);
    if (node === undefined) throw new RangeError(`${kind} has no form "${form}"`);
    cache.set(key, node);
  }
  forShape.set(kind + form, node);
  return node;
}

/** The PI alone (SET.md 5.3), as P opens it inside an AuthReq (SET.md 5.5). */
export function paymentInstructionTemplate(shape: MessageShape, form: 'signed' | 'unsigned'): Node {
  const key = `PI/${form}/${shapeKey(shape)}`;
  let node = cache.get(key);
  if (node === undefined) {
    node = paymentInstruction(shape, form).pi;
    cache.set(key, node);
  }
  return node;
}

/** The capture token alone (SET.md 5.6), as P opens it in a CapReq (SET.md 6.2). */
export function capTokenTemplate(): Node {
  return CAP_TOKEN;
}

/** The envelope of SET.md 2 alone, for checking that a capture token "decodes as an Envelope" (docs/decisions.md D10). */
export const ENVELOPE_TEMPLATE: Node = E('recipient', field('body', 'tuple'));
