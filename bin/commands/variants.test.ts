import { afterEach, expect, test, vi } from 'vitest';
import { VARIANT_NAMES } from '../../model/variants/index.ts';
import { main } from '../cli.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const code = await main(['variants', ...args]);
  return { code, stdout: out.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

test('variants --json: every variant of SET.md 10 with its description and the goals it must break', async () => {
  const { code, stdout } = await run(['--json']);
  expect(code).toBe(0);
  const listing = JSON.parse(stdout) as { name: string; description: string; mustBreak: string[]; needsDishonestParty: string[] }[];
  expect(listing.map((v) => v.name)).toEqual([...VARIANT_NAMES]);
  for (const v of listing) {
    expect(v.description.length).toBeGreaterThan(10);
    expect(v.mustBreak.length).toBeGreaterThan(0);
  }
  expect(listing.find((v) => v.name === 'pan-in-order')!.description).toBe('the PAN travels in OIData');
});

test('variants: one entry per variant, † on goals that need a dishonest party', async () => {
  const { code, stdout } = await run([]);
  expect(code).toBe(0);
  for (const name of VARIANT_NAMES) expect(stdout).toContain(name);
  expect(stdout).toContain('breaks: money †');
});

test('variants: usage errors exit 2', async () => {
  expect((await run(['--verbose'])).code).toBe(2);
  expect((await run(['extra'])).code).toBe(2);
});
