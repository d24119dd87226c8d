import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { helpText, main } from './cli.ts';
import { COMMANDS } from './commands/index.ts';
import { intOption, parseArgs, rejectUnknown, UsageError } from './usage.ts';

const bin = fileURLToPath(new URL('./set-verify.mjs', import.meta.url));
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('the set-verify command', () => {
  test('--help lists every command, through the real bin script', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toContain(command.name);
    expect(result.stdout).toContain('SET_VERIFY_CRYPTO');
  });

  test('an unknown command is a usage error: exit 2 and the help text on stderr', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  test('an unknown option is a usage error naming the known ones', async () => {
    expect(await main(['demo', '--colour'])).toBe(2);
  });

  test('help text is the same in-process', () => {
    expect(helpText()).toMatch(/^set-verify: verification suite/);
  });
});

describe('argument parsing', () => {
  test('valued options, = syntax, flags and positionals', () => {
    const args = parseArgs(['x', '--runs', '5', '--seed=7', '--json'], ['runs', 'seed']);
    expect(args.positionals).toEqual(['x']);
    expect(args.flags.get('runs')).toBe('5');
    expect(args.flags.get('seed')).toBe('7');
    expect(args.flags.get('json')).toBe(true);
    expect(intOption(args, 'runs', 1)).toBe(5);
    expect(intOption(args, 'depth', 3)).toBe(3);
  });

  test('errors are UsageErrors with a message that says what to do', () => {
    expect(() => parseArgs(['--runs'], ['runs'])).toThrow(/--runs needs a value/);
    expect(() => intOption(parseArgs(['--runs', 'many'], ['runs']), 'runs', 1)).toThrow(UsageError);
    expect(() => rejectUnknown(parseArgs(['--x'], []), ['json'])).toThrow(/unknown option --x \(known: --json\)/);
  });
});
