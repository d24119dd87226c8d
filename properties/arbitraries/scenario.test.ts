/**
 * The random scenarios reach what they are meant to: every adversarial action type is generated
 * and carried out (not only skipped) on the model, `fake` included, and a tamper inside an
 * envelope the attacker can open, which the harness does not interpret, is never generated.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { setUpWorld, step, tamperReach } from '../../model/index.ts';
import { BASE_ADVERSARY, scenarioArbitrary } from './scenario.ts';

test('random scenarios carry out every adversarial action type, and no tamper the harness cannot interpret', () => {
  const carriedOut = new Map<string, number>();
  let tampers = 0;
  for (const scenario of fc.sample(scenarioArbitrary(), { numRuns: 150, seed: 7 })) {
    let world = setUpWorld(scenario.config).world;
    expect(scenario.actions.length - scenario.setUp).toBeLessThanOrEqual(24);
    for (const action of scenario.actions.slice(scenario.setUp)) {
      if (action.type === 'tamper') {
        tampers += 1;
        expect(tamperReach(world, action.ref, action.field)).not.toBe('opened');
      }
      world = step(world, action);
      if (world.last.kind === 'done') carriedOut.set(action.type, (carriedOut.get(action.type) ?? 0) + 1);
    }
  }
  expect(tampers).toBeGreaterThan(0);
  for (const type of BASE_ADVERSARY) expect(carriedOut.get(type) ?? 0, type).toBeGreaterThan(0);
});
