/**
 * The worked plug-in of docs/plugins.md: its own attack strategy fails on the correct protocol on
 * both sides, and definePlugin rejects what does not fit, naming the field. Its protocol change
 * runs end to end through the real command in bin/commands/verify.test.ts (money breaks on both
 * sides, against its author's claim, and report.html draws the attack).
 */
import { expect, test } from 'vitest';
import { definePlugin, usePlugin, type ProtocolChange } from '../attacks/plugin.ts';
import { violatedGoals } from '../model/index.ts';
import { runBoth } from '../properties/conformance/run-both.ts';
import { buildScenario } from '../properties/conformance/scenario-builder.ts';
import plugin from './lean-gateway.plugin.ts';

usePlugin(plugin);

test('replayed-capture, the plug-in\'s own strategy, fails on the correct protocol: the gateway answers replay (SET.md 8), and the two sides agree', async () => {
  const strategy = plugin.strategies![0]!;
  const scenario = buildScenario(strategy.config, strategy.script);
  const run = await runBoth(strategy.config, scenario.actions);
  expect(run.difference).toBeNull();
  expect(violatedGoals(run.world)).toEqual([]);
  const replayed = run.impl.deliveries.filter((d) => d.message.ref.kind === 'CapReq').map((d) => d.outcome);
  expect(replayed).toEqual(['accepted', 'replay']);
}, 60_000);

test('definePlugin names what does not fit', () => {
  const base: ProtocolChange = { name: 'x-change', description: 'd', expectBroken: [], model: { skips: ['gateway.AuthReq.amount'] }, impl: { rules: { gatewayChecksAmount: false } } };
  const bad = (change: Partial<ProtocolChange>) => () => definePlugin({ name: 'p', variants: [{ ...base, ...change } as ProtocolChange] });
  expect(bad({ name: 'token-not-bound' })).toThrow(/variants\[0\] \(token-not-bound\)\.name: a built-in variant has this name/);
  expect(bad({ model: { skips: ['gateway.nothing' as never] } })).toThrow(/model\.skips: "gateway\.nothing" is not a CheckId/);
  expect(bad({ impl: { rules: { fastPath: false } as never } })).toThrow(/impl\.rules: "fastPath" is not a rule; known: purchaseInitiation/);
  expect(bad({ expectBroken: ['speed' as never] })).toThrow(/expectBroken: "speed" is not a goal/);
  expect(bad({ impl: {} })).toThrow(/change both sides/);
  expect(definePlugin({ name: 'p', variants: [base] }).variants).toHaveLength(1);
});
