/**
 * `fake` on the implementation (docs/decisions.md D29) against the model's: the attacks of SET.md
 * 10 that fake a message (model/goals/attacks.test.ts, same action lists) run on both sides with
 * the same step kinds and observations after every action; fakes the attacker cannot derive are
 * skipped on both; a fake of every kind and form from a message on the network is built, and
 * then taken or rejected, the same way on both, before and after the attacker holds every key.
 */
import { describe, expect, test } from 'vitest';
import {
  deliverAll, setUpWorld, step, type Action, type FakeValue, type MessageKind, type MessageRef, type VariantName, type World, type WorldConfig,
} from '../../model/index.ts';
import { findMessage } from '../../model/world/index.ts';
import { FORMS_OF_KIND } from '../../model/vocabulary/index.ts';
import { runBoth } from '../conformance/run-both.ts';
import { OWN_AUTHORISATION } from '../../attacks/relays.ts';

const ORDER = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };
const ref = (session: string, kind: MessageKind, occurrence = 1): MessageRef => ({ session, kind, occurrence });
const deliver = (session: string, kind: MessageKind, occurrence = 1): Action => ({ type: 'deliver', ref: ref(session, kind, occurrence) });
const start = (purchase: string, form: 'signed' | 'unsigned' = 'signed', cardholder = form === 'signed' ? 'C1' : 'C2', merchant = 'M1'): Action =>
  ({ type: 'startPurchase', purchase, cardholder, merchant, order: ORDER, form });

/**
 * A scenario written against the model, as model/scenario/worlds.test-helpers.ts writes them
 * (`registered`, `until`, `deliverAll`), kept as the plain action list both sides run.
 */
class Script {
  readonly config: WorldConfig;
  world: World;
  readonly actions: Action[];
  /** What the model did with each action after the set-up. */
  readonly results: World['last'][] = [];

  constructor(config: WorldConfig = {}) {
    this.config = { cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'], ...config };
    const setUp = setUpWorld(this.config, { registerCardholders: ['C1', ...(config.dishonest?.includes('C2') ? ['C2'] : [])] });
    this.world = setUp.world;
    this.actions = [...setUp.actions];
  }

  run(...actions: Action[]): this {
    for (const action of actions) {
      this.world = step(this.world, action);
      this.actions.push(action);
      this.results.push(this.world.last);
    }
    return this;
  }

  /** Delivers the honest messages in order until message `kind` of `session` is on the network. */
  until(session: string, kind: MessageKind, occurrence = 1): this {
    for (let i = 0; i < 200; i++) {
      if (findMessage(this.world.network, ref(session, kind, occurrence))) return this;
      const next = this.world.network.find((m) => m.status === 'pending' && this.world.parties[m.to] !== undefined && !this.world.config.dishonest.includes(m.to));
      if (!next) throw new Error(`no ${session}/${kind}#${occurrence} comes`);
      this.run({ type: 'deliver', ref: next.ref });
    }
    throw new Error('until: too many steps');
  }

  deliverAll(): this {
    return this.run(...deliverAll(this.world).actions);
  }
}

/** Runs the scenario on both sides; fails with the first difference runBoth finds. */
async function expectSame(script: Script): Promise<void> {
  const run = await runBoth(script.config, script.actions);
  if (run.difference) {
    const { at, action, paths, what, model, impl } = run.difference;
    throw new Error(`model and implementation differ after action ${at + 1} ${JSON.stringify(action)}:\n${paths.join('\n')}${what === 'step' ? `\nmodel ${JSON.stringify(model)}\nimpl ${JSON.stringify(impl)}` : ''}`);
  }
  expect(run.observations).toHaveLength(script.actions.length);
  // the same att-<n> names were used (D27)
  expect(run.impl.attackerNames).toBe(run.world.attackerNames);
}

const pinit = ref('p1', 'PInitRes');
const preq = ref('p1', 'PReq');

function authReqFields(merchant: string, amount: number): Record<string, FakeValue> {
  return {
    'AuthReqData.LID_C': { copy: preq, field: 'OIData.LID_C' }, 'AuthReqData.LID_M': { copy: preq, field: 'OIData.LID_M' },
    'AuthReqData.XID': { copy: preq, field: 'OIData.XID' }, 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: merchant },
    'AuthReqData.AuthReqAmt': { amount }, 'AuthReqData.H(OIData)': { hashOf: { copy: preq, field: 'OIData' } },
    'AuthReqData.HOD': { copy: preq, field: 'OIData.HOD' }, PI: { copy: preq, field: 'PI' },
    'CertS(M)': { certificate: merchant, usage: 'signature' }, 'CertE(M)': { certificate: merchant, usage: 'keyExchange' }, 'CertS(C)': { copy: preq },
  };
}

/** The scenarios of model/goals/attacks.test.ts that fake a message, on a world with or without the variant SET.md 10 names. */
const ATTACKS: Record<string, { readonly variant: VariantName; readonly config?: WorldConfig; readonly script: (config: WorldConfig) => Script }> = {
  'no-chain-validation: a forged merchant certificate, a PInitRes and a PRes signed with its key': {
    variant: 'no-chain-validation',
    script: (config) => new Script(config).run(start('p1')).until('p1', 'PInitRes').run(
      { type: 'substituteCertificate', ref: pinit, substitute: 'forged' },
      { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'att-1', session: 'p1', template: pinit },
      { type: 'drop', ref: pinit },
      deliver('p1', 'PInitRes', 2),
      {
        type: 'fake', kind: 'PRes', to: 'C1', as: 'att-1', session: 'p1',
        fields: {
          LID_C: { copy: pinit }, LID_M: { copy: pinit }, XID: { copy: pinit }, RRPID: { copy: preq, field: 'OIData.RRPID' }, Chall_C: { copy: pinit },
          HOD: { copy: preq, field: 'OIData.HOD' }, 'H(PIData)': { copy: preq, field: 'OI.H(PIData)' }, CompletionCode: { text: 'authorised' },
          PurchAmt: { amount: 4200 }, AuthAmt: { amount: 4200 }, 'CertS(M)': { copy: pinit },
        },
      },
      deliver('p1', 'PRes'),
    ),
  },
  'any-cert-for-encryption: a dishonest merchant names its own key as the gateway\'s': {
    variant: 'any-cert-for-encryption',
    config: { dishonest: ['M2'] },
    script: (config) => {
      const pinitReq = ref('p1', 'PInitReq');
      return new Script(config).run(start('p1', 'signed', 'C1', 'M2'), {
        type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1',
        fields: {
          LID_C: { copy: pinitReq }, LID_M: { copy: pinitReq }, XID: { fresh: true }, RRPID: { copy: pinitReq }, Chall_C: { copy: pinitReq }, Chall_M: { fresh: true },
          'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' }, 'CertE(P)': { certificate: 'M2', usage: 'keyExchange' },
        },
      }, deliver('p1', 'PInitRes'));
    },
  },
  'token-not-bound: a token copied off the network captured into another merchant\'s account': {
    variant: 'token-not-bound',
    config: { dishonest: ['M2'] },
    script: (config) => new Script(config).run(start('p1')).deliverAll().run({
      type: 'fake', kind: 'CapReq', to: 'P1', as: 'M2', session: 'att',
      fields: {
        'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M2' },
        'Items[1].LID_C': { copy: pinit, field: 'LID_C' }, 'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' },
        'Items[1].CapReqAmt': { amount: 4200 }, 'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
        'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' },
      },
    }, deliver('att', 'CapReq')),
  },
  'capture-over-authorisation: a compromised merchant captures more than authorised': {
    variant: 'capture-over-authorisation',
    script: (config) => new Script(config).run(start('p1')).deliverAll().run({ type: 'compromise', party: 'M1' }, {
      type: 'fake', kind: 'CapReq', to: 'P1', as: 'M1', session: 'att',
      fields: {
        'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: 'M1' }, 'Items[1].LID_C': { copy: pinit, field: 'LID_C' },
        'Items[1].LID_M': { copy: pinit, field: 'LID_M' }, 'Items[1].XID': { copy: pinit, field: 'XID' }, 'Items[1].CapReqAmt': { amount: 9000 },
        'CapTokens[1].CapToken': { copy: ref('p1', 'AuthRes'), field: 'CapToken' },
        'CertS(M)': { certificate: 'M1', usage: 'signature' }, 'CertE(M)': { certificate: 'M1', usage: 'keyExchange' },
      },
    }, deliver('att', 'CapReq')),
  },
  'gateway-ignores-amount: a compromised merchant asks more than the cardholder agreed': {
    variant: 'gateway-ignores-amount',
    script: (config) => new Script(config).run(start('p1')).until('p1', 'AuthReq').run({ type: 'compromise', party: 'M1' },
      { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M1', session: 'att', fields: authReqFields('M1', 9000) }, deliver('att', 'AuthReq')),
  },
  'pi-without-merchant: a dishonest merchant has C\'s payment approved for itself': {
    variant: 'pi-without-merchant',
    config: { dishonest: ['M2'] },
    script: (config) => new Script(config).run(start('p1')).until('p1', 'AuthReq').run(
      { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att', fields: authReqFields('M2', 4200) }, deliver('att', 'AuthReq')),
  },
  'registration-without-issuer-check: a CertReq for a made-up account': {
    variant: 'registration-without-issuer-check',
    script: (config) => {
      const form = ref('reg-2', 'RegFormRes');
      return new Script(config).run({ type: 'register', party: 'C1', registration: 'reg-2' }).until('reg-2', 'RegFormRes').run({
        type: 'fake', kind: 'CertReq', form: 'cardholder', to: 'CCA', session: 'att',
        fields: {
          RRPID: { fresh: true }, LID_EE: { text: 'att' }, Chall_EE3: { fresh: true }, LID_CA: { copy: form }, Chall_CA: { copy: form }, RegFormID: { copy: form },
          RegFormValues: { fresh: true }, CABackKey: { fresh: true }, PublicKeyS: { fresh: true }, PAN: { fresh: true }, CardExpiry: { text: '202712' },
          CardSecret: { fresh: true }, EXNonce: { fresh: true },
        },
      }, deliver('att', 'CertReq'));
    },
  },
  'authres-without-merchant: an own authorisation for the XID, re-enveloped to M (AuthReq signed with C2\'s card; AuthRes approved)': {
    variant: 'authres-without-merchant',
    config: { dishonest: ['C2', 'M2'] },
    script: (config) => {
      const answer = ref('att', 'AuthRes');
      return new Script(config).run(start('p1')).until('p1', 'AuthReq').run({ type: 'drop', ref: ref('p1', 'AuthReq') }, OWN_AUTHORISATION, deliver('att', 'AuthReq'), {
        type: 'fake', kind: 'AuthRes', form: 'approved', to: 'M1', as: 'P1', session: 'p1', template: answer, fields: { Signature: { copy: answer } },
      }, deliver('p1', 'AuthRes'), { type: 'fulfil', purchase: 'p1' });
    },
  },
  'oi-without-merchant: E re-signs M\'s PInitRes as itself and relays C\'s PReq to M': {
    variant: 'oi-without-merchant',
    config: { dishonest: ['C2', 'M2'] },
    script: (config) => new Script(config)
      .run(start('pm', 'signed', 'C2', 'M1'), { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M2', order: ORDER, form: 'signed', lidM: 'pm' })
      .run({ type: 'redirect', ref: ref('p1', 'PInitReq'), to: 'M1' }, deliver('p1', 'PInitReq'))
      .run(
        {
          type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M2', session: 'p1', template: pinit,
          fields: { 'CertS(M)': { certificate: 'M2', usage: 'signature' }, 'CertE(M)': { certificate: 'M2', usage: 'keyExchange' } },
        },
        { type: 'drop', ref: pinit }, deliver('p1', 'PInitRes', 2),
      )
      .run({ type: 'redirect', ref: preq, to: 'M1' }, deliver('p1', 'PReq')),
  },
};

/** The model's result (its kind) of every fake in the scenario. */
function modelFakeResults(script: Script): string[] {
  return script.actions.slice(script.actions.length - script.results.length).flatMap((action, i) => (action.type === 'fake' ? [script.results[i]!.kind] : []));
}

describe('the attacks of SET.md 10 that fake a message, on both sides', () => {
  for (const [name, attack] of Object.entries(ATTACKS)) {
    test(`${name}: the variant (the fakes are sent and the attack runs)`, async () => {
      const script = attack.script({ ...attack.config, variants: [attack.variant] });
      expect(modelFakeResults(script).every((kind) => kind === 'done')).toBe(true);
      await expectSame(script);
    });
    test(`${name}: the correct protocol`, async () => {
      await expectSame(attack.script({ ...attack.config }));
    });
  }
});

describe('fakes the attacker cannot derive are skipped on both sides', () => {
  test('a signer key it does not hold, a field it cannot read, a secret or certificate it does not hold; no SET receiver, no such form, a template of another kind', async () => {
    const authReq = ref('p1', 'AuthReq');
    const regFormReq = (pan: string): Action => ({ type: 'fake', kind: 'RegFormReq', to: 'CCA', session: 'att', fields: { PAN: { secret: pan } } });
    // a PRes signed by the merchant the attacker plays, carrying a cardholder's certificate
    const pres = (certificate: string): Action => ({
      type: 'fake', kind: 'PRes', to: 'C1', as: 'M2', session: 'p1',
      fields: {
        LID_C: { text: 'p1' }, LID_M: { text: 'p1' }, XID: { fresh: true }, RRPID: { fresh: true }, Chall_C: { fresh: true },
        HOD: { hashOf: { text: 'h' } }, 'H(PIData)': { hashOf: { text: 'p' } }, CompletionCode: { text: 'authorised' },
        PurchAmt: { amount: 4200 }, AuthAmt: { amount: 4200 }, 'CertS(M)': { certificate, usage: 'signature' },
      },
    });
    const skippedFakes: Action[] = [
      // M1's signature over a changed PInitRes: the attacker holds neither M1's key nor such a signature
      { type: 'fake', kind: 'PInitRes', to: 'C1', as: 'M1', session: 'p1', template: pinit, fields: { Chall_M: { fresh: true } } },
      // a field of an AuthReq sealed to P1
      { type: 'fake', kind: 'AuthReq', form: 'signed', to: 'P1', as: 'M2', session: 'att', fields: { ...authReqFields('M2', 4200), 'AuthReqData.RRPID': { copy: authReq } } },
      // an honest cardholder's PAN
      regFormReq('pan:C1'),
      { type: 'fake', kind: 'PInitReq', to: 'Issuer', fields: {} },
      { type: 'fake', kind: 'PReq', form: 'approved', to: 'M1', fields: {} },
      { type: 'fake', kind: 'PRes', to: 'C1', template: authReq },
    ];
    // C1's certificate is not the attacker's until C1's PReq shows it
    const script = new Script({ dishonest: ['C2', 'M2'] }).run(pres('C1'), start('p1')).until('p1', 'AuthReq').run(...skippedFakes);
    // the same fakes with what the attacker does hold are sent
    script.run(regFormReq('pan:C2'), pres('C1'), deliver('p1', 'PRes', 1), { type: 'fake', kind: 'CardCInitReq', to: 'CCA' });
    expect(modelFakeResults(script)).toEqual(['skipped', ...skippedFakes.map(() => 'skipped'), 'done', 'done', 'done']);
    await expectSame(script);
  });
});

describe('what the attacker reads of the answers to its fakes', () => {
  test('a certificate issued for its made-up account comes back under its own CABackKey, and signs an InqReq with its own key', async () => {
    for (const variants of [['registration-without-issuer-check' as const], []]) {
      const script = ATTACKS['registration-without-issuer-check: a CertReq for a made-up account']!.script({ variants });
      // the CertReq's fresh values are att-1.. in slot order: PublicKeyS is att-5 (D27)
      script.run({
        type: 'fake', kind: 'InqReq', form: 'signed', to: 'M1', as: 'att-5',
        fields: { LID_C: { text: 'p1' }, LID_M: { text: 'p1' }, 'CertS(C)': { copy: ref('att', 'CertRes'), field: 'Cert(C)' } },
      }, deliver('att-11', 'InqReq'));
      expect(modelFakeResults(script)).toEqual(['done', variants.length > 0 ? 'done' : 'skipped']);
      await expectSame(script);
    }
  });
});

describe('a fake of every kind and form from a message on the network, unchanged', () => {
  /** For each kind and form, a fake of its first honest message, as its sender to its receiver, then delivered. */
  function templateFakes(script: Script, tag: string): void {
    const seen = new Set<string>();
    for (const m of [...script.world.network]) {
      if (m.origin !== 'sent' || seen.has(`${m.kind}/${m.form}`)) continue;
      seen.add(`${m.kind}/${m.form}`);
      const session = `${tag}-${m.kind}-${m.form}`;
      script.run({ type: 'fake', kind: m.kind, form: m.form, to: m.to, as: m.from, session, template: m.ref }, deliver(session, m.kind));
    }
  }

  test('taken or rejected the same way, before and after the attacker holds every key', async () => {
    const script = new Script()
      .run(start('p1', 'signed', 'C1', 'M1')).deliverAll()
      .run(start('p2', 'unsigned', 'C2', 'M1')).deliverAll()
      .run({ type: 'block', card: 'C2' }, start('p3', 'unsigned', 'C2', 'M2')).deliverAll()
      .run({ type: 'inquire', purchase: 'p1' }, { type: 'inquire', purchase: 'p2' }).deliverAll()
      .run({ type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }, { purchase: 'p2', amount: 4200 }] }).deliverAll();
    templateFakes(script, 'a');
    script.run(...['C1', 'C2', 'M1', 'M2', 'P1', 'CCA', 'MCA'].map((party): Action => ({ type: 'compromise', party })));
    templateFakes(script, 'b');
    const results = modelFakeResults(script);
    // every kind in every form, twice; once the attacker holds every key it makes each of them
    const forms = Object.values(FORMS_OF_KIND).flat().length;
    expect(results).toHaveLength(2 * forms);
    expect(results.slice(forms)).toEqual(Array.from({ length: forms }, () => 'done'));
    await expectSame(script);
  });
});
