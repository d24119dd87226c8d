/**
 * Short attack scenarios (SET.md 9, 10, 12). On the correct protocol each is rejected and every
 * goal holds; on the variant SET.md 10 names, the same scenario breaks the goal it lists.
 */
import { describe, expect, test } from 'vitest';
import type { GoalName } from '../vocabulary/goal-names.ts';
import type { VariantName } from '../vocabulary/variant-names.ts';
import { deliverAll, type FakeValue } from '../scenario/index.ts';
import { deliver, must, ref, registered, run, start, until } from '../scenario/worlds.test-helpers.ts';
import { step, type World, type WorldConfig } from '../world/index.ts';
import { STANDARD_SHAPE, type Variant } from '../variants/index.ts';
import { checkableFields, checkGoals, violatedGoals } from './index.ts';

function play(config: WorldConfig, scenario: (world: World) => World): World {
  return scenario(registered(config));
}

function outcomes(world: World): string[] {
  return world.log.flatMap((e) => (e.type === 'delivery' ? [`${e.kind}:${e.outcome}`] : []));
}

/** The scenario on the correct protocol violates nothing; on the variant it violates `goal`. */
function expectCaught(name: VariantName, config: WorldConfig, scenario: (world: World) => World, goals: GoalName[]): void {
  const correct = play(config, scenario);
  expect(checkGoals(correct).filter((g) => !g.verdict.holds), 'the correct protocol').toEqual([]);
  const weakened = play({ ...config, variants: [name] }, scenario);
  const broken = violatedGoals(weakened);
  for (const goal of goals) expect(broken, `${name} breaks ${goal}`).toContain(goal);
}

describe('on the correct protocol, short attacks are rejected', () => {
  test('a replayed PReq', () => {
    const world = run(deliverAll(run(registered(), start('p1'))).world, { type: 'duplicate', ref: ref('p1', 'PReq') }, deliver('p1', 'PReq', 2));
    expect(world.last).toMatchObject({ outcome: 'replay' });
    expect(violatedGoals(world)).toEqual([]);
  });

  test('swapped order data', () => {
    const world = until(run(registered(), start('p1'), start('p2')), 'p2', 'PReq');
    const swapped = run(world, { type: 'swapOrderData', purchase: 'p1', from: 'p2' }, deliver('p1', 'PReq'));
    expect(swapped.last).not.toMatchObject({ outcome: 'accepted' });
    expect(violatedGoals(deliverAll(swapped).world)).toEqual([]);
  });

  test('a forged certificate', () => {
    const world = run(until(run(registered(), start('p1')), 'p1', 'PInitRes'), { type: 'substituteCertificate', ref: ref('p1', 'PInitRes'), substitute: 'forged' }, deliver('p1', 'PInitRes'));
    expect(world.last).toMatchObject({ outcome: 'bad-certificate:bad-chain-signature' });
    expect(violatedGoals(world)).toEqual([]);
  });

  test('a tampered field', () => {
    const world = run(until(run(registered(), start('p1')), 'p1', 'PReq'), { type: 'tamper', ref: ref('p1', 'PReq'), field: 'OIData.BrandID' }, deliver('p1', 'PReq'));
    expect(world.last).toMatchObject({ outcome: 'bad-signature' });
    expect(violatedGoals(world)).toEqual([]);
  });

  test('a redirected PReq', () => {
    const world = run(until(run(registered(), start('p1')), 'p1', 'PReq'), { type: 'redirect', ref: ref('p1', 'PReq'), to: 'M2' }, deliver('p1', 'PReq'));
    expect(world.last).toMatchObject({ outcome: 'unexpected' });
    expect(violatedGoals(deliverAll(world).world)).toEqual([]);
  });
});

const pinit = ref('p1', 'PInitRes');
const preq = ref('p1', 'PReq');

describe('each variant: the goal SET.md 10 lists breaks', () => {
  test('merchant-skips-dual-signature: a changed OIData field is accepted', () => {
    expectCaught('merchant-skips-dual-signature', {}, (w) => run(until(run(w, start('p1')), 'p1', 'PReq'), { type: 'tamper', ref: preq, field: 'OIData.BrandID' }, deliver('p1', 'PReq')),
      ['merchant-agrees-with-cardholder', 'integrity']);
  });

  test('no-dual-signature: H(PIData) travels unsigned', () => {
    expectCaught('no-dual-signature', {}, (w) => run(until(run(w, start('p1')), 'p1', 'PReq'), { type: 'tamper', ref: preq, field: 'OI.H(PIData)' }, deliver('p1', 'PReq')),
      ['merchant-agrees-with-cardholder']);
  });

  test('pan-in-order: an honest purchase shows the PAN to the network', () => {
    expectCaught('pan-in-order', {}, (w) => until(run(w, start('p1')), 'p1', 'AuthReq'), ['pan-secrecy']);
  });

  test('od-to-gateway: the gateway learns the order', () => {
    expectCaught('od-to-gateway', {}, (w) => until(run(w, start('p1')), 'p1', 'AuthRes'), ['order-privacy']);
  });

  test('no-challenges: a replayed PReq is accepted again', () => {
    const scenario = (w: World) => {
      const sent = deliverAll(run(w, start('p1'))).world;
      return run(sent, { type: 'duplicate', ref: preq }, deliver('p1', 'PReq', 2));
    };
    expectCaught('no-challenges', {}, scenario, ['merchant-agrees-with-cardholder']);
  });

  test('no-revocation-check: a revoked merchant keeps trading', () => {
    expectCaught('no-revocation-check', {}, (w) => run(until(run(w, { type: 'revoke', party: 'M1' }, start('p1')), 'p1', 'PInitRes'), deliver('p1', 'PInitRes')),
      ['certificate-binding']);
  });

  test('no-chain-validation: a forged merchant certificate, a PInitRes and a PRes signed with its key', () => {
    const scenario = (w: World) => {
      const forged = run(until(run(w, start('p1')), 'p1', 'PInitRes'), { type: 'substituteCertificate', ref: pinit, substitute: 'forged' });
      const resigned = run(forged,
        { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'att-1', session: 'p1', template: pinit },
        { type: 'drop', ref: pinit },
        deliver('p1', 'PInitRes', 2));
      return run(resigned, {
        type: 'fake', kind: 'PRes', to: 'C1', as: 'att-1', session: 'p1',
        fields: {
          LID_C: { copy: pinit }, LID_M: { copy: pinit }, XID: { copy: pinit }, RRPID: { copy: preq, field: 'OIData.RRPID' }, Chall_C: { copy: pinit },
          HOD: { copy: preq, field: 'OIData.HOD' }, 'H(PIData)': { copy: preq, field: 'OI.H(PIData)' }, CompletionCode: { text: 'authorised' },
          PurchAmt: { amount: 4200 }, AuthAmt: { amount: 4200 }, 'CertS(M)': { copy: pinit },
        },
      }, deliver('p1', 'PRes'));
    };
    expectCaught('no-chain-validation', {}, scenario, ['cardholder-agrees-with-merchant', 'certificate-binding']);
  });

  test('any-cert-for-encryption: a dishonest merchant names its own key as the gateway\'s and reads the PAN', () => {
    const scenario = (w: World) => {
      const asked = run(w, start('p1', 'signed', 'C1', 'M2'));
      const pinitReq = ref('p1', 'PInitReq');
      const faked = must(asked, {
        type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1',
        fields: {
          LID_C: { copy: pinitReq }, LID_M: { copy: pinitReq }, XID: { fresh: true }, RRPID: { copy: pinitReq }, Chall_C: { copy: pinitReq }, Chall_M: { fresh: true },
          'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertE(P)': { certificate: 'M2', usage: 'keyExchange' },
        },
      });
      return step(faked, deliver('p1', 'PInitRes'));
    };
    expectCaught('any-cert-for-encryption', { dishonest: ['M2'] }, scenario, ['pan-secrecy']);
  });

  test('token-not-bound: a token copied off the network is captured into another merchant\'s account', () => {
    const scenario = (w: World) => run(deliverAll(run(w, start('p1'))).world, {
      type: 'fake', kind: 'CapReq', to: 'P1', as: 'M2', session: 'att',
      fields: {
        'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M2' },
        'Items[1].LID_C': { copy: pinit, field: 'LID_C' }, 'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' },
        'Items[1].CapReqAmt': { amount: 4200 }, 'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
        'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' },
      },
    }, deliver('att', 'CapReq'));
    expectCaught('token-not-bound', { dishonest: ['M2'] }, scenario, ['money']);
  });

  test('capture-over-authorisation: a merchant captures more than authorised', () => {
    const item: Record<string, FakeValue> = {
      'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M1' }, 'Items[1].LID_C': { copy: pinit, field: 'LID_C' },
      'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' }, 'Items[1].CapReqAmt': { amount: 9000 },
      'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
      'CertS(M)': { certificate: 'M1', usage: 'signature' }, 'CertE(M)': { certificate: 'M1', usage: 'keyExchange' },
    };
    const scenario = (w: World) => run(deliverAll(run(w, start('p1'))).world, { type: 'compromise', party: 'M1' },
      { type: 'fake', kind: 'CapReq', to: 'P1', as: 'M1', session: 'att', fields: item }, deliver('att', 'CapReq'));
    expectCaught('capture-over-authorisation', {}, scenario, ['money']);
  });

  test('gateway-ignores-amount: a merchant authorises more than the cardholder agreed', () => {
    const honest: Record<string, FakeValue> = {
      'AuthReqData.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'AuthReqData.LID_M': { copy: preq, field: 'OIData.LID_M' },
      'AuthReqData.XID': { copy: preq, field: 'OIData.XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: 'M1' },
      'AuthReqData.AuthReqAmt': { amount: 9000 }, 'AuthReqData.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
      'AuthReqData.HOD': { copy: preq, field: 'OIData.HOD' }, PI: { copy: preq, field: 'PI' },
      'CertS(M)': { certificate: 'M1', usage: 'signature' }, 'CertE(M)': { certificate: 'M1', usage: 'keyExchange' }, 'CertS(C)': { copy: preq },
    };
    const scenario = (w: World) => run(until(run(w, start('p1')), 'p1', 'AuthReq'), { type: 'compromise', party: 'M1' },
      { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M1', session: 'att', fields: honest }, deliver('att', 'AuthReq'));
    expectCaught('gateway-ignores-amount', {}, scenario, ['money']);
  });

  test('pi-without-merchant: a dishonest merchant has C\'s payment approved for itself', () => {
    const scenario = (w: World) => {
      const sent = until(run(w, start('p1')), 'p1', 'AuthReq');
      return run(sent, {
        type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att',
        fields: {
          'AuthReqData.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'AuthReqData.LID_M': { copy: preq, field: 'OIData.LID_M' },
          'AuthReqData.XID': { copy: preq, field: 'OIData.XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: 'M2' },
          'AuthReqData.AuthReqAmt': { amount: 4200 }, 'AuthReqData.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
          'AuthReqData.HOD': { copy: preq, field: 'OIData.HOD' }, PI: { copy: preq, field: 'PI' },
          'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertS(C)': { copy: preq },
        },
      }, deliver('att', 'AuthReq'));
    };
    expectCaught('pi-without-merchant', { dishonest: ['M2'] }, scenario, ['no-redirection']);
  });

  test('registration-without-issuer-check: a certificate for a made-up account', () => {
    const scenario = (w: World) => {
      const world = until(run(w, { type: 'register', party: 'C1', registration: 'reg-2' }), 'reg-2', 'RegFormRes');
      const form = ref('reg-2', 'RegFormRes');
      return run(world, {
        type: 'fake', kind: 'CertReq', form: 'cardholder', to: 'CCA', session: 'att',
        fields: {
          RRPID: { fresh: true }, LID_EE: { text: 'att' }, Chall_EE3: { fresh: true }, LID_CA: { copy: form }, Chall_CA: { copy: form }, RegFormID: { copy: form },
          RegFormValues: { fresh: true }, CABackKey: { fresh: true }, PublicKeyS: { fresh: true }, PAN: { fresh: true }, CardExpiry: { text: '202712' },
          CardSecret: { fresh: true }, EXNonce: { fresh: true },
        },
      }, deliver('att', 'CertReq'));
    };
    expectCaught('registration-without-issuer-check', {}, scenario, ['certificate-binding']);
  });
});

describe('a relay attack needing two dishonest roles', () => {
  test('authres-without-merchant: a dishonest merchant gets its own authorisation for the same XID and re-envelopes it to M, who fulfils unpaid', () => {
    const config: WorldConfig = { dishonest: ['C2', 'M2'] };
    const scenario = (w: World) => {
      // C1 buys p1 at M1; the attacker holds back M1's AuthReq
      const waiting = run(until(run(w, start('p1')), 'p1', 'AuthReq'), { type: 'drop', ref: ref('p1', 'AuthReq') });
      // as M2, with a PI of its own card C2 for p1's TransID, it asks P for (M2, XID)
      const own = run(waiting, {
        type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att', keys: { cardholder: 'C2' },
        fields: {
          'AuthReqData.LID_C': { copy: pinit, field: 'LID_C' }, 'AuthReqData.LID_M': { copy: pinit, field: 'LID_M' },
          'AuthReqData.XID': { copy: pinit, field: 'XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: 'M2' },
          'AuthReqData.AuthReqAmt': { amount: 4200 }, 'AuthReqData.H(OIData)': { hashOf: { text: 'attacker-order' } }, 'AuthReqData.HOD': { hashOf: { text: 'attacker-hod' } },
          'PIHead.LID_C': { copy: pinit, field: 'LID_C' }, 'PIHead.LID_M': { copy: pinit, field: 'LID_M' }, 'PIHead.XID': { copy: pinit, field: 'XID' },
          'PIHead.HOD': { hashOf: { text: 'attacker-hod' } }, PurchAmt: { amount: 4200 }, 'PIHead.MerchantID': { agent: 'M2' },
          CardSecret: { secret: 'cardSecret:C2' }, 'PANData.PAN': { secret: 'pan:C2' }, 'PANData.CardExpiry': { secret: 'expiry:C2' },
          'PANData.PANSecret': { secret: 'panSecret:C2' }, 'PANData.EXNonce': { fresh: true }, 'PI.H(OIData)': { hashOf: { text: 'attacker-order' } },
          'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' },
          'CertS(C)': { certificate: 'C2', usage: 'signature' },
        },
      }, deliver('att', 'AuthReq'));
      // it opens P's answer (sent to M2's key) and re-envelopes P's signed AuthResData to M1
      const answer = ref('att', 'AuthRes');
      const relayed = run(own, {
        type: 'fake', kind: 'AuthRes', form: 'approved', to: 'M1', as: 'P1', session: 'p1', template: answer, fields: { Signature: { copy: answer } },
      }, deliver('p1', 'AuthRes'));
      return run(relayed, { type: 'fulfil', purchase: 'p1' });
    };
    expectCaught('authres-without-merchant', config, scenario, ['merchant-agrees-with-gateway', 'money']);
  });
});

describe('a relay of the purchase into another merchant\'s session', () => {
  test('oi-without-merchant: E shops at M for the same order under the LID_M it gives C, relays C\'s messages, and M accepts C\'s PReq meant for E', () => {
    const config: WorldConfig = { dishonest: ['C2', 'M2'] };
    const scenario = (w: World) => {
      // E (M2, with its own card C2) agrees the same order at M1 under LID_M "pm", and gives C1 that LID_M
      const agreed = run(w, start('pm', 'signed', 'C2', 'M1'), { ...start('p1', 'signed', 'C1', 'M2'), lidM: 'pm' });
      const toM1 = run(agreed, { type: 'redirect', ref: ref('p1', 'PInitReq'), to: 'M1' }, deliver('p1', 'PInitReq'));
      // E re-signs M1's PInitRes as itself
      const resigned = run(toM1,
        { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1', template: pinit,
          fields: { 'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' } } },
        { type: 'drop', ref: pinit }, deliver('p1', 'PInitRes', 2));
      // C1's PReq, sent to E, goes to M1
      return run(resigned, { type: 'redirect', ref: preq, to: 'M1' }, deliver('p1', 'PReq'));
    };
    expectCaught('oi-without-merchant', config, scenario, ['merchant-agrees-with-cardholder']);
  });
});

describe('integrity and the PRes\'s CertS(M) (D31)', () => {
  test('C can check the certificate beside the PRes', () => {
    expect(checkableFields('PRes', 'plain', STANDARD_SHAPE).has('CertS(M)')).toBe(true);
  });

  test('an expired copy of M1\'s certificate put beside the PRes: rejected (mismatch:merchant); a C that neither compares nor validates it breaks integrity', () => {
    const scenario = (w: World) => run(until(run(w, start('p1')), 'p1', 'PRes'),
      { type: 'substituteCertificate', ref: ref('p1', 'PRes'), substitute: 'expired', certificate: 'CertS(M)' }, deliver('p1', 'PRes'));
    const correct = play({}, scenario);
    expect(correct.last).toMatchObject({ outcome: 'mismatch:merchant' });
    expect(violatedGoals(correct)).toEqual([]);
    const blind: Variant = {
      name: 'pres-certificate-unchecked', description: 'C neither compares nor validates the PRes\'s CertS(M)', attack: 'a changed certificate accepted',
      mustBreak: ['integrity'], needsDishonestParty: [], skips: ['cardholder.PRes.merchant', 'cardholder.PRes.merchant-certificate'],
    };
    const weakened = play({ variants: [blind] }, scenario);
    expect(weakened.last).toMatchObject({ outcome: 'accepted' });
    expect(violatedGoals(weakened)).toContain('integrity');
  });
});

describe('honesty conditions', () => {
  test('a goal that assumes a party honest is not claimed once it is compromised', () => {
    const world = run(until(run(registered(), start('p1')), 'p1', 'AuthReq'), { type: 'compromise', party: 'P1' });
    const pan = checkGoals(world).find((g) => g.goal === 'pan-secrecy')!.verdict;
    expect(pan).toEqual({ holds: true, notClaimed: 'P1 is compromised' });
  });

  test('outcomes of a scenario are in the log, in order', () => {
    expect(outcomes(until(run(registered(), start('p1')), 'p1', 'PReq')).slice(-2)).toEqual(['PInitReq:accepted', 'PInitRes:accepted']);
  });
});
