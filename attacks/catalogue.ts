/**
 * The adversary's catalogue (issue 6; SET.md 9, 10): named attack strategies, each a short
 * directed scenario. On the correct protocol every one of them must fail (every goal holds on
 * both sides); on the variants it names it must break at least the goals listed.
 */
import type { Action, MessageKind } from '../model/index.ts';
import { DELIVER_ALL } from '../properties/conformance/scenario-builder.ts';
import { RELAYS } from './relays.ts';
import type { AttackStrategy } from './strategy.ts';

const order = { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] };
const start = (purchase = 'p1', merchant = 'M1', cardholder = 'C1'): Action => ({ type: 'startPurchase', purchase, cardholder, merchant, order, form: 'signed' });
const ref = (kind: MessageKind, session = 'p1', occurrence = 1) => ({ session, kind, occurrence });
const deliver = (kind: MessageKind, session = 'p1', occurrence = 1): Action => ({ type: 'deliver', ref: ref(kind, session, occurrence) });
/** C1's purchase p1 at M1 delivered up to (not including) its PReq. */
const untilPReq: Action[] = [start(), deliver('PInitReq'), deliver('PInitRes')];

const DIRECT: readonly AttackStrategy[] = [
  {
    name: 'replayed-preq',
    description: "the network delivers C's PReq to the merchant a second time",
    targets: ['merchant-agrees-with-cardholder'],
    config: {},
    script: [start(), DELIVER_ALL, { type: 'replay', ref: ref('PReq') }, DELIVER_ALL],
    breaks: { 'no-challenges': ['merchant-agrees-with-cardholder'] },
  },
  {
    name: 'swapped-order-data',
    description: "the OI of another purchase's PReq is put in place of p1's",
    targets: ['merchant-agrees-with-cardholder', 'integrity'],
    config: {},
    script: [start(), start('p2'), deliver('PInitReq'), deliver('PInitReq', 'p2'), deliver('PInitRes'), deliver('PInitRes', 'p2'), { type: 'swapOrderData', purchase: 'p1', from: 'p2' }, DELIVER_ALL],
    breaks: {},
  },
  {
    name: 'tampered-order-field',
    description: "a field of C's OIData is changed on the way to the merchant",
    targets: ['merchant-agrees-with-cardholder', 'integrity'],
    config: {},
    script: [...untilPReq, { type: 'tamper', ref: ref('PReq'), field: 'OIData.BrandID' }, deliver('PReq')],
    breaks: { 'merchant-skips-dual-signature': ['merchant-agrees-with-cardholder', 'integrity'] },
  },
  {
    name: 'unsigned-pi-hash',
    description: 'H(PIData) beside OIData is changed on the way to the merchant',
    targets: ['merchant-agrees-with-cardholder'],
    config: {},
    script: [...untilPReq, { type: 'tamper', ref: ref('PReq'), field: 'OI.H(PIData)' }, deliver('PReq')],
    breaks: { 'no-dual-signature': ['merchant-agrees-with-cardholder'] },
  },
  {
    name: 'redirected-preq',
    description: "C's PReq is redirected to another merchant",
    targets: ['merchant-agrees-with-cardholder'],
    config: { merchants: ['M1', 'M2'] },
    script: [...untilPReq, { type: 'redirect', ref: ref('PReq'), to: 'M2' }, DELIVER_ALL],
    breaks: {},
  },
  ...(['forged', 'expired', 'revoked', 'wrongUsage', 'wrongType', 'otherParty'] as const).map(
    (substitute): AttackStrategy => ({
      name: `${substitute}-merchant-certificate`,
      description: `a ${substitute} certificate in place of the merchant's in PInitRes`,
      targets: ['certificate-binding', 'cardholder-agrees-with-merchant'],
      config: { merchants: ['M1', 'M2'] },
      script: [start(), deliver('PInitReq'), { type: 'substituteCertificate', ref: ref('PInitRes'), substitute, certificate: 'CertS(M)' }, DELIVER_ALL],
      breaks: {},
    }),
  ),
  {
    name: 'revoked-merchant-keeps-trading',
    description: 'a merchant revoked before the purchase sells anyway',
    targets: ['certificate-binding'],
    config: {},
    script: [{ type: 'revoke', party: 'M1' }, start(), DELIVER_ALL],
    breaks: { 'no-revocation-check': ['certificate-binding'] },
  },
  {
    name: 'honest-purchase-observed',
    description: 'the network and the gateway only watch an honest purchase',
    targets: ['pan-secrecy', 'order-privacy'],
    config: {},
    script: [start(), DELIVER_ALL],
    breaks: { 'pan-in-order': ['pan-secrecy'], 'od-to-gateway': ['order-privacy'] },
  },
];

/** Every strategy: the network attacker's first, then those that send messages of their own. */
export const CATALOGUE: readonly AttackStrategy[] = [...DIRECT, ...RELAYS];
