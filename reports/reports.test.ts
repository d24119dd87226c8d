/**
 * The reports of issue 7 from one results document: the document matches its committed JSON
 * Schema; JUnit has one test case per goal x protocol; the HTML page is self-contained, loads in
 * headless Chromium (Debian's package, driven by playwright-core) with no console error, renders
 * every chart, and the test keeps a screenshot; sharded runs together give the unsharded result.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { chromium } from 'playwright-core';
import { reportHtml } from './html.ts';
import { junitXml } from './junit.ts';
import { schemaErrors, type Results, type SchemaNode } from './results.ts';
import { runVerify, shardOf, ALL_PROTOCOLS } from './run-verify.ts';
import { summaryMarkdown } from './summary.ts';

const schema = JSON.parse(readFileSync(new URL('./results.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const CHROMIUM = process.env.SET_VERIFY_CHROMIUM ?? '/usr/bin/chromium';

let cached: Results | undefined;
/** A real run on two quick protocols: a variant that breaks a goal, and one more. */
async function results(): Promise<Results> {
  cached ??= await runVerify({ protocols: ['pan-in-order', 'od-to-gateway'], runs: 0, seed: 1, quick: true, shard: { index: 1, count: 1 } });
  return cached;
}

test('the results document matches results.schema.json; a broken one names what is wrong', async () => {
  const r = await results();
  expect(schemaErrors(schema, JSON.parse(JSON.stringify(r)))).toEqual([]);
  expect(r.cells.filter((c) => c.model === 'broken').map((c) => `${c.protocol}:${c.goal}`)).toEqual(['pan-in-order:pan-secrecy', 'od-to-gateway:order-privacy']);
  expect(r.cells.every((c) => c.pass)).toBe(true);
  expect(schemaErrors(schema, { ...r, format: 'other', cells: [{ protocol: 'SET' }] })).toEqual(expect.arrayContaining(['$.format: expected "set-verify/results@1"', '$.cells[0].goal: missing']));
}, 120_000);

test('JUnit: one test case per goal x protocol; a cell off the expected table is a failure with the attack', async () => {
  const r = await results();
  const xml = junitXml(r);
  expect(xml.match(/<testcase /g)).toHaveLength(r.cells.length);
  expect(xml).not.toContain('<failure');
  const flipped: Results = { ...r, cells: r.cells.map((c) => (c.goal === 'pan-secrecy' && c.protocol === 'pan-in-order' ? { ...c, expected: 'holds', pass: false } : c)) };
  const failing = junitXml(flipped);
  expect(failing.match(/<failure /g)).toHaveLength(1);
  expect(failing).toContain('expected holds, model broken, implementation broken');
  expect(summaryMarkdown(flipped)).toContain('**broken (3) (expected holds)**');
}, 120_000);

test('the HTML report loads in headless Chromium with no console error and renders every chart', async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (.ci/run does) or set SET_VERIFY_CHROMIUM`);
  const r = await results();
  const page = reportHtml(r);
  expect(page).not.toMatch(/<script[^>]+src=/);
  expect(page).not.toMatch(/<link[^>]+href=["']?https?:|@import\s+url\(["']?https?:/i);
  mkdirSync('out', { recursive: true });
  writeFileSync('out/report-test.html', page);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    tab.on('pageerror', (e) => errors.push(String(e)));
    // Self-contained: the page asks for nothing beyond its own file.
    const fetched: string[] = [];
    tab.on('request', (req) => req.url().startsWith('file:') || req.url().startsWith('data:') || fetched.push(req.url()));
    await tab.goto(`file://${process.cwd()}/out/report-test.html`);
    const charts = await tab.locator('pre.mermaid').count();
    await tab.waitForFunction((n) => document.querySelectorAll('pre.mermaid svg').length === n, charts, { timeout: 60_000 });
    expect(charts).toBeGreaterThanOrEqual(2 + 6);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
    await tab.screenshot({ path: 'out/report.png', fullPage: true });
  } finally {
    await browser.close();
  }
}, 180_000);

test('the shards together run every protocol once, and give the unsharded cells', async () => {
  const shards = [1, 2, 3].map((index) => shardOf(ALL_PROTOCOLS, { index, count: 3 }));
  expect(shards.flat().sort()).toEqual([...ALL_PROTOCOLS].sort());
  const protocols = ['pan-in-order', 'od-to-gateway'];
  const whole = await results();
  const parts = await Promise.all([1, 2].map((index) => runVerify({ protocols, runs: 0, seed: 1, quick: true, shard: { index, count: 2 } })));
  const strip = (r: Results) => r.cells.map((c) => `${c.protocol}:${c.goal}:${c.model}:${c.impl}:${c.pass}`);
  expect(parts.flatMap(strip).sort()).toEqual(strip(whole).sort());
}, 180_000);
