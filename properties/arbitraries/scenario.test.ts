/**
 * The random scenarios reach what they are meant to: every adversarial action type is generated
 * and carried out (not only skipped) on the model, `fake` included, and tampers come after a
 * compromise too (the attacker then holds keys). Whether both sides agree on them is the
 * conformance suite's business (properties/conformance).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { setUpWorld, step } from '../../model/index.ts';
import { BASE_ADVERSARY, scenarioArbitrary } from './scenario.ts';

test('random scenarios carry out every adversarial action type, and tamper after a compromise too', () => {
  const carriedOut = new Map<string, number>();
  let tampersWithKeys = 0;
  for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 150, seed: 7 })) {
    let world = setUpWorld(scenario.config).world;
    expect(scenario.actions.length - scenario.setUp).toBeLessThanOrEqual(24);
    for (const action of scenario.actions.slice(scenario.setUp)) {
      const compromised = world.compromised.length > 0;
      world = step(world, action);
      if (world.last.kind !== 'done') continue;
      carriedOut.set(action.type, (carriedOut.get(action.type) ?? 0) + 1);
      if (action.type === 'tamper' && compromised) tampersWithKeys += 1;
    }
  }
  for (const type of BASE_ADVERSARY) expect(carriedOut.get(type) ?? 0, type).toBeGreaterThan(0);
  expect(tampersWithKeys).toBeGreaterThan(0);
});
