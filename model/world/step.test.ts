/** `step` is pure, references resolve per D22, skipped actions change nothing, keys and observations are canonical (D21). */
import { describe, expect, test } from 'vitest';
import type { Action } from '../scenario/index.ts';
import { authorised, deliver, ref, registered, run, start, until } from '../scenario/worlds.test-helpers.ts';
import { findMessage, initialWorld, observe, step, worldKey, type World } from './index.ts';

/** Everything observable about a world, as text (to show nothing changed). */
function fingerprint(world: World): string {
  return JSON.stringify({
    key: worldKey({ ...world }),
    observation: observe(world),
    network: world.network.map((m) => [m.ref, m.status, m.to, m.term.id]),
    log: world.log.length,
    knowledge: world.knowledge.key(),
    learned: world.learned,
  });
}

const actions: Action[] = [
  start('p1'),
  deliver('p1', 'PInitReq'),
  { type: 'tamper', ref: ref('p1', 'PInitRes'), field: 'Chall_M' },
  { type: 'advanceClock', days: 3 },
  { type: 'compromise', party: 'M2' },
  { type: 'fake', kind: 'PInitReq', to: 'M1', fields: { LID_M: { text: 'p1' } } },
];

describe('step is pure', () => {
  test('the input world is not changed, and the same input gives the same output', () => {
    let world = registered();
    for (const action of actions) {
      const before = fingerprint(world);
      const a = step(world, action);
      const b = step(world, action);
      expect(fingerprint(world)).toBe(before);
      expect(fingerprint(a)).toBe(fingerprint(b));
      world = a;
    }
  });

  test('a world after an accepted delivery shares every unchanged party with its predecessor', () => {
    const world = run(registered(), start('p1'));
    const next = step(world, deliver('p1', 'PInitReq'));
    expect(next.parties['C1']).toBe(world.parties['C1']);
    expect(next.parties['M1']).not.toBe(world.parties['M1']);
  });
});

describe('message references (D22)', () => {
  test('a reaction belongs to the session of the message it answers; occurrences count per session and kind', () => {
    const world = until(run(registered(), start('p1'), start('p2', 'unsigned')), 'p2', 'PRes');
    expect(world.network.map((m) => `${m.ref.session}/${m.kind}#${m.ref.occurrence}`).filter((r) => r.startsWith('p'))).toEqual([
      'p1/PInitReq#1', 'p2/PInitReq#1', 'p1/PInitRes#1', 'p2/PInitRes#1', 'p1/PReq#1', 'p2/PReq#1', 'p1/AuthReq#1', 'p2/AuthReq#1',
      'p1/AuthRes#1', 'p2/AuthRes#1', 'p1/PRes#1', 'p2/PRes#1',
    ]);
    const copied = step(world, { type: 'duplicate', ref: ref('p1', 'PReq') });
    expect(findMessage(copied.network, ref('p1', 'PReq', 2))?.origin).toBe('duplicated');
  });

  test('a capture batch is its own session, capture:<merchant>:<n>', () => {
    const world = step(authorised(), { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }] });
    expect(findMessage(world.network, ref('capture:M1:1', 'CapReq'))).toBeDefined();
  });

  test('a reference that names no message, or no pending one, is skipped and changes nothing', () => {
    const world = run(registered(), start('p1'));
    for (const action of [deliver('p9', 'PInitReq'), deliver('p1', 'PInitReq', 2), { type: 'drop', ref: ref('p1', 'PReq') } as Action]) {
      const next = step(world, action);
      expect(next.last.kind).toBe('skipped');
      expect(worldKey(next)).toBe(worldKey(world));
    }
    const delivered = step(world, deliver('p1', 'PInitReq'));
    expect(step(delivered, deliver('p1', 'PInitReq')).last).toEqual({ kind: 'skipped', reason: 'the message is delivered' });
  });
});

describe('the world key', () => {
  test('equal worlds have equal keys; the key ignores `last`', () => {
    const a = run(registered(), start('p1'), deliver('p1', 'PInitReq'));
    const b = run(registered(), start('p1'), deliver('p1', 'PInitReq'));
    expect(worldKey(a)).toBe(worldKey(b));
    expect(worldKey({ ...a, last: { kind: 'done' } })).toBe(worldKey(a));
  });

  test('different worlds have different keys', () => {
    const a = run(registered(), start('p1'));
    expect(worldKey(step(a, deliver('p1', 'PInitReq')))).not.toBe(worldKey(a));
    expect(worldKey(step(a, { type: 'advanceClock', days: 1 }))).not.toBe(worldKey(a));
    expect(worldKey(step(a, { type: 'drop', ref: ref('p1', 'PInitReq') }))).not.toBe(worldKey(a));
  });

  test('the order of messages of different kinds does not matter: two interleavings, one key', () => {
    const a = run(registered(), start('p1'), start('p2', 'unsigned'), deliver('p1', 'PInitReq'));
    const b = run(registered(), start('p1'), deliver('p1', 'PInitReq'), start('p2', 'unsigned'));
    expect(a.network.map((m) => m.kind)).not.toEqual(b.network.map((m) => m.kind));
    expect(worldKey(a)).toBe(worldKey(b));
  });
});

describe('observations (D21)', () => {
  test('shape and sorted keys', () => {
    const world = step(run(registered(), start('p1')), deliver('p1', 'PInitReq'));
    const o = observe(world);
    expect(Object.keys(o)).toEqual(['attacker', 'delivery', 'views']);
    expect(o.delivery).toEqual({ outcome: 'accepted' });
    expect(Object.keys(o.views)).toEqual(['cardholders', 'cas', 'gateways', 'ledgers', 'merchants']);
    expect(o.views.cardholders['C1']).toEqual({ purchases: { p1: 'initiated' }, registrations: { 'reg-C1': 'issued' } });
    expect(o.views.merchants['M1']!.purchases['p1']).toEqual({ authAmt: null, captured: 0, fulfilled: false, status: 'initiated' });
    expect(o.views.ledgers.cards['card:C1']).toEqual({ holds: 0, limit: 100000, status: 'open' });
    expect(o.views.cas['CCA']!.certificates).toEqual([{ key: 'key:C1:signature', revoked: false, subject: 'C1', type: 'cardholder', usage: 'signature' }]);
    const sortedDeep = (value: unknown): boolean =>
      typeof value !== 'object' || value === null || Array.isArray(value)
        ? !Array.isArray(value) || value.every(sortedDeep)
        : Object.keys(value).join() === Object.keys(value).sort().join() && Object.values(value).every(sortedDeep);
    expect(sortedDeep(o)).toBe(true);
    expect(o.attacker['od:p1']).toBe(false);
    expect(o.attacker['key:P1:keyExchange']).toBe(false);
    expect(o.attacker['key:C2:signature']).toBeUndefined(); // C2 made no key pair
  });

  test('no delivery field for other actions; a skipped delivery has none either', () => {
    expect(observe(run(registered(), start('p1'))).delivery).toBeUndefined();
    expect(observe(step(registered(), deliver('p9', 'PReq'))).delivery).toBeUndefined();
  });

  test('an empty world shows every party with empty views', () => {
    const o = observe(initialWorld());
    expect(o.views.cardholders).toEqual({ C1: { purchases: {}, registrations: {} } });
    expect(o.views.gateways).toEqual({ P1: {} });
    expect(o.views.ledgers).toEqual({ balances: { acquirer: 0, clearing: 0, issuer: 0 }, cards: {} });
  });
});
