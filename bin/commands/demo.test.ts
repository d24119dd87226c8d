import { expect, test, vi } from 'vitest';
import { demoCommand } from './demo.ts';

test('demo: the honest PReq is accepted by merchant and gateway, every forgery is rejected', async () => {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  try {
    expect(await demoCommand.run(['--json'])).toBe(0);
  } finally {
    log.mockRestore();
  }
  const demo = JSON.parse(printed.join('\n')) as {
    steps: { actor: string; outcome: string; checks: { passed: boolean }[] }[];
    rejections: { attempt: string; outcome: string }[];
  };
  const receivers = demo.steps.filter((s) => s.actor === 'M1' || s.actor === 'P1');
  expect(receivers.map((s) => s.outcome)).toEqual(['accepted', 'accepted']);
  for (const step of receivers) expect(step.checks.length).toBeGreaterThan(3);
  expect(demo.rejections.map((r) => (r.outcome.startsWith('malformed') ? 'malformed' : r.outcome))).toEqual([
    'malformed',
    'malformed',
    'bad-certificate:wrong-usage',
    'bad-certificate:wrong-type',
    'bad-certificate:untrusted',
    'bad-certificate:revoked',
    'bad-certificate:expired',
  ]);
});

test('demo: an unknown provider is a usage error', async () => {
  await expect(demoCommand.run(['--provider', 'openssl'])).rejects.toThrow(/native or peculiar/);
});
