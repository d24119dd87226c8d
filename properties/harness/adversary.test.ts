/**
 * `tamper` on the implementation where D26 has the attacker re-encode a field inside an envelope
 * it can open: the harness does not interpret that case and says so (a typed skip, which the
 * conformance check then shows as a difference), rather than corrupt the ciphertext as if the
 * attacker could not open it; the random scenarios do not generate it (`tamperReach`).
 */
import { describe, expect, test } from 'vitest';
import { setUpWorld, step, tamperReach, type Action, type MessageRef, type World } from '../../model/index.ts';
import { findMessage } from '../../model/world/index.ts';
import { runBoth } from '../conformance/run-both.ts';
import { NOT_INTERPRETED } from './adversary.ts';

const CONFIG = { cardholders: ['C1'], merchants: ['M1'] };
const AUTH_REQ: MessageRef = { session: 'p1', kind: 'AuthReq', occurrence: 1 };
const FIELD = 'AuthReqData.AuthReqAmt';

/** Set-up, then a signed purchase delivered until its AuthReq waits at the gateway. */
function untilAuthReq(): { world: World; actions: Action[] } {
  const setUp = setUpWorld(CONFIG);
  let world = setUp.world;
  const actions: Action[] = [...setUp.actions];
  const run = (action: Action) => {
    world = step(world, action);
    actions.push(action);
  };
  run({ type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] }, form: 'signed' });
  for (const kind of ['PInitReq', 'PInitRes', 'PReq'] as const) run({ type: 'deliver', ref: { session: 'p1', kind, occurrence: 1 } });
  expect(findMessage(world.network, AUTH_REQ)?.status).toBe('pending');
  return { world, actions };
}

describe('tamper inside an envelope', () => {
  test('that the attacker cannot open: the ciphertext is corrupted on both sides, which agree', async () => {
    const { world, actions } = untilAuthReq();
    expect(tamperReach(world, AUTH_REQ, FIELD)).toBe('sealed');
    const both = await runBoth(CONFIG, [...actions, { type: 'tamper', ref: AUTH_REQ, field: FIELD }, { type: 'deliver', ref: AUTH_REQ }]);
    expect(both.difference).toBeNull();
    expect(both.observations.at(-1)?.delivery?.outcome).toBe('malformed');
  });

  test('that the attacker opens (the gateway compromised): the model re-encodes, the harness says it does not interpret it', async () => {
    const { world, actions } = untilAuthReq();
    const compromised = step(world, { type: 'compromise', party: 'P1' });
    expect(tamperReach(compromised, AUTH_REQ, FIELD)).toBe('opened');
    const tamper: Action = { type: 'tamper', ref: AUTH_REQ, field: FIELD };
    expect(step(compromised, tamper).last.kind).toBe('done');
    const both = await runBoth(CONFIG, [...actions, { type: 'compromise', party: 'P1' }, tamper]);
    expect(both.difference?.what).toBe('step');
    expect(both.impl.last).toEqual({ kind: 'skipped', reason: NOT_INTERPRETED });
  });

  test('corrupted before the attacker got the key: still sealed (nobody opens the corrupted bytes), corrupted again on both sides', async () => {
    const { actions } = untilAuthReq();
    const tamper: Action = { type: 'tamper', ref: AUTH_REQ, field: FIELD };
    const both = await runBoth(CONFIG, [...actions, tamper, { type: 'compromise', party: 'P1' }, tamper, { type: 'deliver', ref: AUTH_REQ }]);
    expect(both.difference).toBeNull();
    expect(both.world.log.filter((e) => e.type === 'delivery').at(-1)).toMatchObject({ outcome: 'malformed' });
  });
});
