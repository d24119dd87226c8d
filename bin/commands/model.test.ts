import { afterEach, expect, test, vi } from 'vitest';
import { main } from '../cli.ts';

async function run(args: string[]): Promise<{ code: number; stdout: string }> {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const code = await main(['model', ...args]);
  return { code, stdout: out.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

test('model --mermaid: one stateDiagram-v2 per role machine, SET-message transitions as labelled self-loops with their rules', async () => {
  const { code, stdout } = await run(['--mermaid']);
  expect(code).toBe(0);
  expect(stdout.match(/```mermaid\nstateDiagram-v2/g)).toHaveLength(6);
  for (const heading of ['## cardholder', '## merchant', '## payment gateway', '## certificate authorities', '## issuer', '## acquirer']) expect(stdout).toContain(heading);
  expect(stdout).toContain('serving --> serving : PReq / PReqS');
  expect(stdout).toContain('serving --> serving : PReq / PReqUns');
  expect(stdout).toContain('serving --> serving : AuthReq');
  expect(stdout).toContain('serving --> serving : (startPurchase)');
  expect(stdout).toMatch(/PReqS - SET\.md 5\.3-5\.4, signed - TransID, CertS\(C\), challenges, MerchantID, HOD, DS/);
  // what Mermaid's parser treats specially stays out of the notes
  for (const line of stdout.split('\n').filter((l) => l.startsWith('    '))) expect(line).not.toMatch(/[;#{}]/);
});

test('model: the same machines as text', async () => {
  const { code, stdout } = await run([]);
  expect(code).toBe(0);
  expect(stdout).toContain('merchant (SET.md 4.2, 5, 6): state serving');
  expect(stdout).toMatch(/PReq \/ PReqS +SET\.md 5\.3-5\.4/);
});

test('model: usage errors exit 2', async () => {
  expect((await run(['--svg'])).code).toBe(2);
});
