/**
 * The main job through its real entry point (bin/set-verify.mjs, as `npx set-verify` runs it):
 * a deliberately broken protocol change loaded with --plugin makes it exit 1 with the attack in
 * report.html, and the run measures impl/'s line coverage with c8. Usage errors are exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, vi } from 'vitest';
import { main } from '../cli.ts';
import { schemaErrors, type Results, type SchemaNode } from '../../reports/results.ts';

const entry = fileURLToPath(new URL('../set-verify.mjs', import.meta.url));
const schema = JSON.parse(readFileSync(new URL('../../reports/results.schema.json', import.meta.url), 'utf8')) as SchemaNode;

test('--plugin with a change claimed harmless: exit 1, the matrix says so, report.html draws the attack, c8 measured impl/', () => {
  const out = mkdtempSync(join(tmpdir(), 'set-verify-out-'));
  const run = spawnSync(process.execPath, [entry, '--plugin', 'examples/lean-gateway.plugin.ts', '--variant', 'lean-gateway', '--quick', '--out', out], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(1);
  expect(run.stderr).toContain('lean-gateway: explorer (model)');
  expect(run.stdout).toContain('| money | **broken (');
  expect(run.stdout).toMatch(/Implementation line coverage of this run \(c8\): \d+ of \d+ lines/);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
  expect(schemaErrors(schema, results)).toEqual([]);
  expect(results.plugins).toEqual(['examples/lean-gateway.plugin.ts']);
  const lines = results.coverage.implLines!;
  expect(lines.covered).toBeGreaterThan(lines.total / 2);
  expect(lines.files.map((f) => f.file)).toContain('impl/parties/gateway/authorisation.ts');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const section = html.slice(html.indexOf('<section id="cx-lean-gateway-money">'));
  expect(section).toMatch(/^<section id="cx-lean-gateway-money">[\s\S]*?<pre class="mermaid">sequenceDiagram/);
  expect(section).toContain('npx set-verify replay --plugin examples/lean-gateway.plugin.ts');
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testcase [^>]*name="money"[^>]*>\s*<failure/);
}, 300_000);

test('usage errors are exit 2 and say what to do; options alone mean verify', async () => {
  const printed: string[] = [];
  const err = vi.spyOn(console, 'error').mockImplementation((text: string) => void printed.push(text));
  try {
    expect(await main(['--variant', 'nope'])).toBe(2);
    expect(await main(['verify', '--shard', '3/2'])).toBe(2);
    expect(await main(['verify', '--plugin', 'examples/missing.ts'])).toBe(2);
    expect(await main(['verify', 'extra'])).toBe(2);
  } finally {
    err.mockRestore();
  }
  expect(printed[0]).toMatch(/^set-verify verify: unknown variant "nope"; known: SET, no-dual-signature/);
  expect(printed[1]).toContain('--shard needs i/n with 1 <= i <= n, got 3/2');
  expect(printed[2]).toContain('cannot load plug-in examples/missing.ts');
  expect(printed[3]).toContain('unexpected argument "extra"');
});
