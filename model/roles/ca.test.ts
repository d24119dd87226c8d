/** The CAs (SET.md 4.1 step 5, 4.2 step 3; D15, D17, D19): each outcome and each status. */
import { describe, expect, test } from 'vitest';
import { initialWorld, observe } from '../world/index.ts';
import { deliver, expectDelivery, lastRef, must, ref, run, until } from '../scenario/worlds.test-helpers.ts';
import type { Action, FakeValue } from '../scenario/index.ts';

const opened = (...more: Action[]) =>
  run(initialWorld({ cardholders: ['C1', 'C2'] }), { type: 'openAccount', card: 'C1', limit: 1000, expiry: '202712' }, ...more, { type: 'register', party: 'C1' });
const atCertReq = (...more: Action[]) => until(opened(...more), 'reg-C1', 'CertReq');
const statusOf = (world: ReturnType<typeof opened>) => observe(run(world, deliver('reg-C1', 'CertRes'))).views.cardholders['C1']!.registrations['reg-C1'];

describe('CertReq (D17, D19), in order', () => {
  test('accepted and issued; again: replay (its RRPID), and the form is used', () => {
    const world = expectDelivery(atCertReq(), ref('reg-C1', 'CertReq'), 'accepted');
    expect(statusOf(world)).toBe('issued');
    expectDelivery(must(world, { type: 'duplicate', ref: ref('reg-C1', 'CertReq') }), ref('reg-C1', 'CertReq', 2), 'replay');
  });

  test('a sealed field changed: malformed', () => {
    expectDelivery(must(atCertReq(), { type: 'tamper', ref: ref('reg-C1', 'CertReq'), field: 'PAN' }), ref('reg-C1', 'CertReq'), 'malformed');
  });

  const request = (changes: Record<string, FakeValue>, form = ref('reg-C1', 'RegFormRes')): Action => ({
    type: 'fake', kind: 'CertReq', form: 'cardholder', to: 'CCA', session: 'att-reg',
    fields: {
      RRPID: { fresh: true }, LID_EE: { text: 'att-reg' }, Chall_EE3: { fresh: true }, LID_CA: { copy: form }, Chall_CA: { copy: form },
      RegFormID: { copy: form }, RegFormValues: { fresh: true }, CABackKey: { fresh: true }, PublicKeyS: { fresh: true }, PAN: { fresh: true },
      CardExpiry: { text: '202712' }, CardSecret: { fresh: true }, EXNonce: { fresh: true }, ...changes,
    },
  });

  test('an unused form: an unknown account is refused:unknown-account; the form is then used (replay), an unknown one unexpected', () => {
    const world = must(atCertReq(), request({}));
    const answered = expectDelivery(world, lastRef(world), 'accepted');
    expect(answered.log.find((e) => e.type === 'registration-answered')).toMatchObject({ status: 'refused:unknown-account' });
    expectDelivery(answered, ref('reg-C1', 'CertReq'), 'replay');
    const unknown = must(atCertReq(), request({ Chall_CA: { fresh: true } }));
    expectDelivery(unknown, lastRef(unknown), 'unexpected');
  });

  test('a signature not made with the enclosed key: bad-signature', () => {
    const world = must(atCertReq(), request({ Signature: { fresh: true } }));
    expectDelivery(world, lastRef(world), 'bad-signature');
  });

  test('a key certified before: refused:key-reused (the cardholder\'s key stolen)', () => {
    const issued = run(until(opened(), 'reg-C1', 'CertRes'), deliver('reg-C1', 'CertRes'), { type: 'compromise', party: 'C1' }, { type: 'register', party: 'C1', registration: 'reg-2' });
    const second = until(issued, 'reg-2', 'RegFormRes');
    const world = must(second, request({ PublicKeyS: { publicKey: 'C1', usage: 'signature' } }, ref('reg-2', 'RegFormRes')));
    const answered = expectDelivery(world, lastRef(world), 'accepted');
    expect(answered.log.filter((e) => e.type === 'registration-answered').at(-1)).toMatchObject({ status: 'refused:key-reused' });
  });

  test('a blocked account: refused:identity', () => {
    const world = run(atCertReq(), { type: 'block', card: 'C1' }, deliver('reg-C1', 'CertReq'));
    expect(statusOf(world)).toBe('refused:identity');
  });
});

describe('kinds a CA never takes (D15)', () => {
  test('a CardCInitReq to the MCA, a RegFormReq to the PCA: unexpected', () => {
    const world = opened();
    expectDelivery(must(world, { type: 'redirect', ref: ref('reg-C1', 'CardCInitReq'), to: 'MCA' }), ref('reg-C1', 'CardCInitReq'), 'unexpected');
    const atForm = until(world, 'reg-C1', 'RegFormReq');
    expectDelivery(must(atForm, { type: 'redirect', ref: ref('reg-C1', 'RegFormReq'), to: 'PCA' }), ref('reg-C1', 'RegFormReq'), 'unexpected');
  });

  test('a RegFormReq for another CA\'s key: malformed; with a PAN it does not hold, the attacker cannot even build it', () => {
    const atForm = until(opened(), 'reg-C1', 'RegFormReq');
    const world = must(atForm, { type: 'fake', kind: 'RegFormReq', to: 'CCA', session: 'att', keys: { recipient: 'MCA' }, fields: { PAN: { fresh: true } } });
    expectDelivery(world, lastRef(world), 'malformed');
    const stolen = run(atForm, { type: 'fake', kind: 'RegFormReq', to: 'CCA', session: 'att', fields: { PAN: { secret: 'pan:C1' } } });
    expect(stolen.last).toEqual({ kind: 'skipped', reason: 'fake: the attacker cannot derive this message' });
  });
});
