/**
 * Strategies in which the attacker sends messages of its own (`fake`, SET.md 9): forged and
 * re-signed messages, relays through a dishonest merchant, stolen tokens, a compromised
 * merchant's over-capture, a made-up account's registration. They are the attacks SET.md 10
 * lists for the variants, as model/goals/attacks.test.ts states them.
 */
import type { Action, FakeValue, MessageKind, WorldConfig } from '../model/index.ts';
import { DELIVER_ALL, until } from '../properties/conformance/scenario-builder.ts';
import type { AttackStrategy } from './strategy.ts';

const ORDER = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };
const ref = (session: string, kind: MessageKind, occurrence = 1) => ({ session, kind, occurrence });
const deliver = (session: string, kind: MessageKind, occurrence = 1): Action => ({ type: 'deliver', ref: ref(session, kind, occurrence) });
const start = (purchase: string, cardholder = 'C1', merchant = 'M1'): Action => ({ type: 'startPurchase', purchase, cardholder, merchant, order: ORDER, form: 'signed' });
const pinit = ref('p1', 'PInitRes');
const preq = ref('p1', 'PReq');
const WORLD: WorldConfig = { cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'] };

function authReqFields(merchant: string, amount: number): Record<string, FakeValue> {
  return {
    'AuthReqData.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'AuthReqData.LID_M': { copy: preq, field: 'OIData.LID_M' },
    'AuthReqData.XID': { copy: preq, field: 'OIData.XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: merchant },
    'AuthReqData.AuthReqAmt': { amount }, 'AuthReqData.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
    'AuthReqData.HOD': { copy: preq, field: 'OIData.HOD' }, PI: { copy: preq, field: 'PI' },
    'CertS(M)': { certificate: merchant, usage: 'signature' }, 'CertE(M)': { certificate: merchant, usage: 'keyExchange' }, 'CertS(C)': { copy: preq },
  };
}

const captureFields = (merchant: string, amount: number): Record<string, FakeValue> => ({
  'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: merchant },
  'Items[1].LID_C': { copy: pinit, field: 'LID_C' }, 'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' },
  'Items[1].CapReqAmt': { amount }, 'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
  'CertS(M)': { certificate: merchant, usage: 'signature' }, 'CertE(M)': { certificate: merchant, usage: 'keyExchange' },
});

/**
 * M2, played by the attacker, asks P1 for its own authorisation of p1's TransID, paying with the
 * card of C2 (also the attacker's): the first half of the authorisation relay (SET.md 10,
 * authres-without-merchant). The harness's fake tests run it too.
 */
export const OWN_AUTHORISATION: Action = {
  type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att', keys: { cardholder: 'C2' },
  fields: {
    'AuthReqData.LID_C': { copy: pinit, field: 'LID_C' }, 'AuthReqData.LID_M': { copy: pinit, field: 'LID_M' },
    'AuthReqData.XID': { copy: pinit, field: 'XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: 'M2' },
    'AuthReqData.AuthReqAmt': { amount: 4200 }, 'AuthReqData.H(OIData)': { hashOf: { text: 'attacker-order' } }, 'AuthReqData.HOD': { hashOf: { text: 'attacker-hod' } },
    'PIHead.LID_C': { copy: pinit, field: 'LID_C' }, 'PIHead.LID_M': { copy: pinit, field: 'LID_M' }, 'PIHead.XID': { copy: pinit, field: 'XID' },
    'PIHead.HOD': { hashOf: { text: 'attacker-hod' } }, PurchAmt: { amount: 4200 }, 'PIHead.MerchantID': { agent: 'M2' },
    CardSecret: { secret: 'cardSecret:C2' }, 'PANData.PAN': { secret: 'pan:C2' }, 'PANData.CardExpiry': { secret: 'expiry:C2' },
    'PANData.PANSecret': { secret: 'panSecret:C2' }, 'PANData.EXNonce': { fresh: true }, 'PI.H(OIData)': { hashOf: { text: 'attacker-order' } },
    'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertS(C)': { certificate: 'C2', usage: 'signature' },
  },
};

export const RELAYS: readonly AttackStrategy[] = [
  {
    name: 'forged-merchant-signs-pinitres-and-pres',
    description: "a forged merchant certificate, and a PInitRes and a PRes signed with the attacker's key behind it",
    targets: ['cardholder-agrees-with-merchant', 'certificate-binding'],
    config: WORLD,
    registerCardholders: ['C1'],
    script: [
      start('p1'), until('p1', 'PInitRes'),
      { type: 'substituteCertificate', ref: pinit, substitute: 'forged' },
      { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'att-1', session: 'p1', template: pinit },
      { type: 'drop', ref: pinit }, deliver('p1', 'PInitRes', 2),
      {
        type: 'fake', kind: 'PRes', to: 'C1', as: 'att-1', session: 'p1',
        fields: {
          LID_C: { copy: pinit }, LID_M: { copy: pinit }, XID: { copy: pinit }, RRPID: { copy: preq, field: 'OIData.RRPID' }, Chall_C: { copy: pinit },
          HOD: { copy: preq, field: 'OIData.HOD' }, 'H(PIData)': { copy: preq, field: 'OI.H(PIData)' }, CompletionCode: { text: 'authorised' },
          PurchAmt: { amount: 4200 }, AuthAmt: { amount: 4200 }, 'CertS(M)': { copy: pinit },
        },
      },
      deliver('p1', 'PRes'),
    ],
    breaks: { 'no-chain-validation': ['cardholder-agrees-with-merchant', 'certificate-binding'] },
  },
  {
    name: 'merchant-key-as-gateway-key',
    description: "a dishonest merchant names its own key-exchange certificate as the gateway's and reads the PAN",
    targets: ['pan-secrecy'],
    config: { ...WORLD, dishonest: ['M2'] },
    registerCardholders: ['C1'],
    script: [
      start('p1', 'C1', 'M2'),
      {
        type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1',
        fields: {
          LID_C: { copy: ref('p1', 'PInitReq') }, LID_M: { copy: ref('p1', 'PInitReq') }, XID: { fresh: true }, RRPID: { copy: ref('p1', 'PInitReq') }, Chall_C: { copy: ref('p1', 'PInitReq') }, Chall_M: { fresh: true },
          'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertE(P)': { certificate: 'M2', usage: 'keyExchange' },
        },
      },
      deliver('p1', 'PInitRes'),
    ],
    breaks: { 'any-cert-for-encryption': ['pan-secrecy'] },
  },
  {
    name: 'token-theft',
    description: "a dishonest merchant captures a token copied off the network into its own account",
    targets: ['money'],
    config: { ...WORLD, dishonest: ['M2'] },
    registerCardholders: ['C1'],
    script: [start('p1'), DELIVER_ALL, { type: 'fake', kind: 'CapReq', to: 'P1', as: 'M2', session: 'att', fields: captureFields('M2', 4200) }, deliver('att', 'CapReq')],
    breaks: { 'token-not-bound': ['money'] },
  },
  {
    name: 'over-capture',
    description: 'a compromised merchant captures more than was authorised',
    targets: ['money'],
    config: WORLD,
    registerCardholders: ['C1'],
    script: [start('p1'), DELIVER_ALL, { type: 'compromise', party: 'M1' }, { type: 'fake', kind: 'CapReq', to: 'P1', as: 'M1', session: 'att', fields: captureFields('M1', 9000) }, deliver('att', 'CapReq')],
    breaks: { 'capture-over-authorisation': ['money'] },
  },
  {
    name: 'over-authorisation',
    description: 'a compromised merchant asks the gateway for more than the cardholder agreed',
    targets: ['money'],
    config: WORLD,
    registerCardholders: ['C1'],
    script: [start('p1'), until('p1', 'AuthReq'), { type: 'compromise', party: 'M1' }, { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M1', session: 'att', fields: authReqFields('M1', 9000) }, deliver('att', 'AuthReq')],
    breaks: { 'gateway-ignores-amount': ['money'] },
  },
  {
    name: 'payment-redirection',
    description: "a dishonest merchant has the cardholder's payment approved for itself",
    targets: ['no-redirection'],
    config: { ...WORLD, dishonest: ['M2'] },
    registerCardholders: ['C1'],
    script: [start('p1'), until('p1', 'AuthReq'), { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att', fields: authReqFields('M2', 4200) }, deliver('att', 'AuthReq')],
    breaks: { 'pi-without-merchant': ['no-redirection'] },
  },
  {
    name: 'made-up-account',
    description: 'a CertReq for a PAN no account has',
    targets: ['certificate-binding'],
    config: WORLD,
    registerCardholders: ['C1'],
    script: [
      { type: 'register', party: 'C1', registration: 'reg-2' }, until('reg-2', 'RegFormRes'),
      {
        type: 'fake', kind: 'CertReq', form: 'cardholder', to: 'CCA', session: 'att',
        fields: {
          RRPID: { fresh: true }, LID_EE: { text: 'att' }, Chall_EE3: { fresh: true }, LID_CA: { copy: ref('reg-2', 'RegFormRes') }, Chall_CA: { copy: ref('reg-2', 'RegFormRes') }, RegFormID: { copy: ref('reg-2', 'RegFormRes') },
          RegFormValues: { fresh: true }, CABackKey: { fresh: true }, PublicKeyS: { fresh: true }, PAN: { fresh: true }, CardExpiry: { text: '202712' },
          CardSecret: { fresh: true }, EXNonce: { fresh: true },
        },
      },
      deliver('att', 'CertReq'),
    ],
    breaks: { 'registration-without-issuer-check': ['certificate-binding'] },
  },
  {
    name: 'authorisation-relay',
    description: "a dishonest merchant gets its own authorisation for the same XID and re-envelopes it to M, who fulfils unpaid",
    targets: ['merchant-agrees-with-gateway', 'money'],
    config: { ...WORLD, dishonest: ['C2', 'M2'] },
    registerCardholders: ['C1', 'C2'],
    script: [
      start('p1'), until('p1', 'AuthReq'), { type: 'drop', ref: ref('p1', 'AuthReq') },
      OWN_AUTHORISATION,
      deliver('att', 'AuthReq'),
      { type: 'fake', kind: 'AuthRes', form: 'approved', to: 'M1', as: 'P1', session: 'p1', template: ref('att', 'AuthRes'), fields: { Signature: { copy: ref('att', 'AuthRes') } } },
      deliver('p1', 'AuthRes'), { type: 'fulfil', purchase: 'p1' },
    ],
    breaks: { 'authres-without-merchant': ['merchant-agrees-with-gateway', 'money'] },
  },
  {
    name: 'purchase-relay',
    description: "a dishonest merchant shops at M under the LID_M it gives C, relays C's messages, and M accepts C's PReq meant for it",
    targets: ['merchant-agrees-with-cardholder'],
    config: { ...WORLD, dishonest: ['C2', 'M2'] },
    registerCardholders: ['C1', 'C2'],
    script: [
      start('pm', 'C2', 'M1'), { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M2', order: ORDER, form: 'signed', lidM: 'pm' },
      { type: 'redirect', ref: ref('p1', 'PInitReq'), to: 'M1' }, deliver('p1', 'PInitReq'),
      { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1', template: pinit, fields: { 'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' } } },
      { type: 'drop', ref: pinit }, deliver('p1', 'PInitRes', 2),
      { type: 'redirect', ref: preq, to: 'M1' }, deliver('p1', 'PReq'),
    ],
    breaks: { 'oi-without-merchant': ['merchant-agrees-with-cardholder'] },
  },
];
