/** Traces as numbered protocol steps (trace.ts): what each action did, readable, from the action list alone. */
import { describe, expect, test } from 'vitest';
import type { Action } from '../scenario/actions.ts';
import { ref } from '../scenario/worlds.test-helpers.ts';
import { EXPLORATION_ORDER, settingsWith } from './settings.ts';
import { startConfigOf, startWorld } from './start.ts';
import { formatTrace, messageName, partyName } from './trace.ts';

const start = (variants: string[] = []) => startWorld(startConfigOf(settingsWith({ variants })));
const begin: Action[] = [
  { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: EXPLORATION_ORDER, form: 'signed' },
  { type: 'deliver', ref: ref('p1', 'PInitReq') },
  { type: 'deliver', ref: ref('p1', 'PInitRes') },
  { type: 'deliver', ref: ref('p1', 'PReq') },
];

describe('formatTrace', () => {
  test('numbers the steps and says what each delivery did and what it made the receiver send', () => {
    const trace = formatTrace(start(), begin);
    expect(trace.steps).toEqual([
      '1. C1 starts purchase p1 (signed) at M1; C1 sends PInitReq to M1',
      '2. deliver PInitReq of purchase p1 to merchant M1 -> accepted; M1 sends PInitRes to C1',
      '3. deliver PInitRes of purchase p1 to cardholder C1 -> accepted; C1 sends PReq to M1',
      '4. deliver PReq of purchase p1 to merchant M1 -> accepted; M1 sends AuthReq to P1',
    ]);
    expect(trace.actions).toBe(begin);
  });

  test('adversarial actions and rejections, as the issue words them', () => {
    const actions: Action[] = [
      ...begin.slice(0, 3),
      { type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.BrandID' },
      { type: 'deliver', ref: ref('p1', 'PReq') },
      { type: 'replay', ref: ref('p1', 'PReq'), to: 'M2' },
      { type: 'fulfil', purchase: 'p1' },
    ];
    const steps = formatTrace(start(), actions).steps.slice(3);
    expect(steps).toEqual([
      '4. attacker tampers with OIData.BrandID in PReq of purchase p1',
      '5. deliver PReq of purchase p1 to merchant M1 -> bad-signature',
      '6. attacker replays PReq of purchase p1 to merchant M2',
      '7. M1 fulfils p1 (refused: unexpected)',
    ]);
  });

  test('a fake says whom the attacker claims to be, what it is made from and which values it sets', () => {
    const actions: Action[] = [
      { type: 'startPurchase', purchase: 'p2', cardholder: 'C1', merchant: 'M2', order: EXPLORATION_ORDER, form: 'signed', lidM: 'p1' },
      {
        type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p2',
        fields: {
          LID_C: { copy: ref('p2', 'PInitReq') }, LID_M: { copy: ref('p2', 'PInitReq') }, XID: { fresh: true }, RRPID: { copy: ref('p2', 'PInitReq') },
          Chall_C: { copy: ref('p2', 'PInitReq') }, Chall_M: { fresh: true }, 'CertS(M)': { certificate: 'M2', usage: 'signature' },
          'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertE(P)': { certificate: 'M2', usage: 'keyExchange' },
        },
      },
    ];
    expect(formatTrace(start(['any-cert-for-encryption']), actions).steps[1]).toBe(
      '2. attacker, as M2, sends a fake PInitRes to cardholder C1 (from PInitReq of purchase p2; XID = a fresh value; Chall_M = a fresh value; CertE(P) = M2\'s key-exchange certificate)',
    );
  });

  test('names', () => {
    expect(partyName('M2')).toBe('merchant M2');
    expect(partyName('CCA')).toBe('CA CCA');
    expect(partyName('att-3')).toBe('att-3');
    expect(messageName(ref('p1', 'PReq', 2))).toBe('PReq #2 of purchase p1');
    expect(messageName(ref('capture:M1:1', 'CapReq'))).toBe('CapReq of M1\'s capture 1');
  });
});
