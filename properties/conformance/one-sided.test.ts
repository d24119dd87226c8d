/**
 * Conformance is shown failing (issue 6): a variant run on one side only (`--only impl` or
 * `--only model`) makes the two readings disagree, and the harness names the action and the
 * observation where they part.
 */
import { expect, test } from 'vitest';
import { buildScenario, DELIVER_ALL } from './scenario-builder.ts';
import { runBoth } from './run-both.ts';

const order = { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] };

test.each(['impl', 'model'] as const)('pan-in-order on the %s only: the attacker holds the PAN on one side only', async (only) => {
  const config = { variants: ['pan-in-order'] };
  const scenario = buildScenario(config, [{ type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order, form: 'signed' }, DELIVER_ALL]);
  const run = await runBoth(config, scenario.actions, { only });
  expect(run.difference).not.toBeNull();
  expect(run.difference!.paths.join('\n')).toMatch(/attacker\.pan:C1: model (true|false) \/ impl (true|false)/);
  expect(scenario.actions[run.difference!.at]).toMatchObject({ type: 'deliver', ref: { kind: 'PInitRes' } });
});

test('token-not-bound on the impl only is invisible to an honest run (both sides agree): a variant changes behaviour only where its name says', async () => {
  const config = { variants: ['token-not-bound'] };
  const scenario = buildScenario(config, [{ type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order, form: 'signed' }, DELIVER_ALL, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }] }, DELIVER_ALL]);
  expect((await runBoth(config, scenario.actions, { only: 'impl' })).difference).toBeNull();
});
