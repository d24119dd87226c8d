import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../cli.ts';
import { exploreCommand } from './explore.ts';

interface Printed { readonly code: number; readonly stdout: string; readonly stderr: string }

async function run(args: string[]): Promise<Printed> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  const code = await main(['explore', ...args]);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('set-verify explore', () => {
  test('the correct protocol, a small bound: every goal holds, exit 0, a plain summary line on a non-terminal stderr', async () => {
    const { code, stdout, stderr } = await run(['--depth', '4']);
    expect(code).toBe(0);
    expect(stdout).toContain('explore: the correct protocol');
    expect(stdout).toMatch(/explored [\d,]+ states .* complete within the bounds/);
    expect(stdout).toContain('every goal holds');
    expect(stderr).toMatch(/^explore: \d+ states, \d+ steps in [\d.]+ s, complete, 0 goal\(s\) violated$/);
  });

  test('--json: variant, statesExplored, complete, seconds, and each violation with its trace as steps and actions; exit 1', async () => {
    const { code, stdout } = await run(['--variant', 'pan-in-order', '--depth', '4', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Record<string, unknown> & { violations: { goal: string; trace: { steps: string[]; actions: { type: string }[] } }[] };
    expect(report).toMatchObject({ variant: 'pan-in-order', complete: true, depth: 4 });
    expect(report.statesExplored).toBeGreaterThan(0);
    expect(typeof report.seconds).toBe('number');
    expect(report.violations.map((v) => v.goal)).toEqual(['pan-secrecy']);
    const { steps, actions } = report.violations[0]!.trace;
    expect(actions).toHaveLength(3);
    expect(steps).toHaveLength(3);
    expect(steps[0]).toMatch(/^1\. C1 starts purchase/);
    expect(report.start).toMatchObject({ world: { variants: ['pan-in-order'] } });
  });

  test('--json on the correct protocol: violations is an empty list', async () => {
    const { code, stdout } = await run(['--depth', '3', '--adversary', '1', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ variant: null, complete: true, adversary: 1, violations: [] });
  });

  test('a violation prints as numbered protocol steps', async () => {
    const { code, stdout } = await run(['--variant', 'any-cert-for-encryption']);
    expect(code).toBe(1);
    expect(stdout).toContain('VIOLATED pan-secrecy (3 actions): the attacker holds pan:C1');
    expect(stdout).toContain('  2. attacker, as M2, sends a fake PInitRes to cardholder C1');
    expect(stdout).toContain('  3. deliver PInitRes of purchase p2 to cardholder C1 -> accepted; C1 sends PReq to M2');
  });

  test('--walks and --seed add random walks to the report', async () => {
    const { stdout } = await run(['--variant', 'pan-in-order', '--depth', '2', '--walks', '3', '--seed', '5', '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ walks: { walks: 3, seed: 5 } });
  });

  test('usage errors exit 2; an unknown variant names the known ones', async () => {
    const unknown = await run(['--variant', 'no-such']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown variant "no-such"; known: no-dual-signature, oi-without-merchant');
    expect((await run(['--depth', '-1'])).code).toBe(2);
    expect((await run(['--budget', '0'])).code).toBe(2);
    expect((await run(['--colour'])).code).toBe(2);
    expect((await run(['somewhere'])).code).toBe(2);
    await expect(exploreCommand.run(['--adversary', 'two'])).rejects.toThrow(/--adversary needs an integer >= 0/);
  });
});
