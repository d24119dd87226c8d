import { expect, test, vi } from 'vitest';
import type { DemoRun } from '../demo/eleven-steps.ts';
import { demoCommand } from './demo.ts';

async function runJson(args: string[]): Promise<{ code: number; run: DemoRun }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  try {
    const code = await demoCommand.run([...args, '--json']);
    return { code, run: JSON.parse(printed.join('\n')) as DemoRun };
  } finally {
    log.mockRestore();
  }
}

test('demo: all eleven seed steps, every SET message accepted with the checks its receiver logged, money moved', async () => {
  const { code, run } = await runJson(['--amount', '4200', '--items', '3']);
  expect(code).toBe(0);
  expect(run.outcome).toBe('captured');
  expect([...new Set(run.steps.map((s) => s.seedStep))].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const messages = run.steps.filter((s) => s.outcome !== 'recorded');
  expect(messages.map((s) => s.message)).toEqual([
    'CardCInitReq', 'CardCInitRes', 'RegFormReq', 'RegFormRes', 'CertReq', 'CertRes',
    'Me-AqCInitReq', 'Me-AqCInitRes', 'CertReq', 'CertRes',
    'PInitReq', 'PInitRes', 'PReq', 'AuthReq', 'AuthRes', 'PRes', 'CapReq', 'CapRes',
  ]);
  for (const s of messages) {
    expect(s.outcome).toBe('accepted');
    expect(s.bytes).toBeGreaterThan(50);
    expect(s.checks.every((c) => c.passed)).toBe(true);
  }
  // The gateway's checks are the ones SET.md 5.5 lists, logged by the gateway itself.
  expect(messages.find((s) => s.message === 'AuthReq')!.checks.map((c) => c.check)).toContain('dual signature over {H(PIData) computed, H(OIData) from the PI}');
  expect(run.ledgers.before['card:C1']).toBe(0);
  expect(run.ledgers.after).toMatchObject({ 'card:C1': -4200, 'merchant:M1': 4200, issuer: 0, clearing: 0, acquirer: 0 });
});

test('demo --decline: the issuer declines, nothing is captured, exit 0 because that was asked', async () => {
  const { code, run } = await runJson(['--decline', '--unsigned']);
  expect(code).toBe(0);
  expect(run.outcome).toBe('declined');
  expect(run.steps.some((s) => s.message.startsWith('issuer declines: insufficient-credit'))).toBe(true);
  expect(run.ledgers.after['card:C1']).toBe(0);
});

test('demo --variant merchant-skips-dual-signature: the merchant logs the skipped check', async () => {
  const { run } = await runJson(['--variant', 'merchant-skips-dual-signature']);
  expect(run.protocol).toBe('SET+merchant-skips-dual-signature');
  const preq = run.steps.find((s) => s.message === 'PReq')!;
  expect(preq.checks.some((c) => c.check.includes('(skipped: merchant-skips-dual-signature)'))).toBe(true);
});

test('demo: usage errors name what is wrong', async () => {
  await expect(demoCommand.run(['--provider', 'openssl'])).rejects.toThrow(/native or peculiar/);
  await expect(demoCommand.run(['--variant', 'no-such'])).rejects.toThrow(/unknown variant "no-such"; known: no-dual-signature/);
  await expect(demoCommand.run(['--amount', '0'])).rejects.toThrow(/--amount needs an integer >= 1/);
});
