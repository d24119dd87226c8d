import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { checkCommand } from './check.ts';
import { replayCommand } from './replay.ts';

async function captured(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await run(), out: printed.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

test('check on the correct protocol: every goal holds on both sides, exit 0, the JSON of issue 6', async () => {
  const { code, out } = await captured(() => checkCommand.run(['--runs', '1', '--seed', '7', '--json']));
  const result = JSON.parse(out) as { variant: string; runs: number; seed: number; goals: { name: string; holds: boolean }[] };
  expect(code).toBe(0);
  expect(result).toMatchObject({ variant: 'SET', runs: 1, seed: 7 });
  expect(result.goals.map((g) => g.name)).toContain('conformance');
  expect(result.goals.every((g) => g.holds)).toBe(true);
}, 300_000);

test('check --variant token-not-bound: money broken with a counterexample, exit 1', async () => {
  const { code, out } = await captured(() => checkCommand.run(['--runs', '1', '--variant', 'token-not-bound', '--json']));
  const result = JSON.parse(out) as { goals: { name: string; holds: boolean; counterexample?: { steps: string[]; trace: { actions: unknown[] } } }[] };
  expect(code).toBe(1);
  const money = result.goals.find((g) => g.name === 'money')!;
  expect(money.holds).toBe(false);
  expect(money.counterexample!.steps.join('\n')).toMatch(/fakes a CapReq to P1 as M2/);
}, 300_000);

test('check and replay: usage errors are exit 2 with a message that says what to do', async () => {
  await expect(checkCommand.run(['--variant', 'nope'])).rejects.toThrow(/unknown variant "nope"; known: no-dual-signature/);
  await expect(checkCommand.run(['--only', 'impl'])).rejects.toThrow(/--only needs a --variant/);
  await expect(checkCommand.run(['--only', 'both', '--variant', 'pan-in-order'])).rejects.toThrow(/impl or model/);
  await expect(replayCommand.run([])).rejects.toThrow(/exactly one trace file/);
  const dir = mkdtempSync(join(tmpdir(), 'set-verify-'));
  writeFileSync(join(dir, 'bad.json'), '{"format":"other"}');
  await expect(replayCommand.run([join(dir, 'bad.json')])).rejects.toThrow(/not a set-verify trace file: format/);
});

test('replay FILE: a regression trace agrees on both sides, exit 0', async () => {
  const [trace] = JSON.parse(readFileSync(new URL('../../attacks/regressions.json', import.meta.url), 'utf8')) as unknown[];
  const dir = mkdtempSync(join(tmpdir(), 'set-verify-'));
  writeFileSync(join(dir, 'trace.json'), JSON.stringify(trace));
  const { code, out } = await captured(() => replayCommand.run([join(dir, 'trace.json'), '--json']));
  expect(code).toBe(0);
  expect(JSON.parse(out)).toMatchObject({ agree: true, difference: null });
}, 120_000);
