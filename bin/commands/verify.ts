/** `set-verify` / `set-verify verify`: the main job (issue 7): every protocol, both sides, all reports. */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { implLineCoverage } from '../../reports/impl-coverage.ts';
import type { Results } from '../../reports/results.ts';
import { allProtocols, runVerify } from '../../reports/run-verify.ts';
import { summaryMarkdown } from '../../reports/summary.ts';
import { writeReports } from '../../reports/write.ts';
import { loadPluginOptions } from '../load-plugins.ts';
import { intOption, parseArgs, rejectUnknown, repeatedOption, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify [verify] [--variant NAME]... [--plugin FILE]... [--runs N] [--seed S] [--quick] [--out DIR] [--shard i/n] [--no-coverage]

On the correct protocol and on every variant of SET.md 10: the model's explorer, then every
counterexample it found, the attack catalogue and random scenarios, each on the model and on the
implementation side by side. Prints the goal x protocol matrix against the expected verdicts of
reports/expected.json and writes results.json, junit.xml, summary.md, report.html and the
counterexamples' trace files into DIR. Exit 0 when every cell is as expected, 1 otherwise,
2 on a usage error.

  --variant NAME  only this protocol (SET for the correct one); repeat for several
  --plugin FILE   load your own protocol changes and attack strategies (docs/plugins.md); repeat
  --runs N        random scenarios per protocol on both sides (default 2; --quick: 0)
  --seed S        seed of the random scenarios (default 20260101)
  --quick         a shallower exploration of the correct protocol and no random scenarios
  --out DIR       where the reports go (default out/)
  --shard i/n     run every n-th protocol from the i-th (CI machines split the work)
  --no-coverage   skip the implementation's line coverage (the run then stays in one process)`;

/** Set in the child that runs under V8 coverage, so it does not spawn another. */
const COVERAGE_CHILD = 'SET_VERIFY_COVERAGE_CHILD';
const ENTRY = fileURLToPath(new URL('../set-verify.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function shardOption(text: string | true | undefined): { index: number; count: number } {
  if (text === undefined) return { index: 1, count: 1 };
  const match = /^(\d+)\/(\d+)$/.exec(String(text));
  if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new UsageError(`--shard needs i/n with 1 <= i <= n, got ${String(text)}`);
  return { index: Number(match[1]), count: Number(match[2]) };
}

/** Runs this same command in a child process that writes V8 coverage, then adds impl/'s line coverage to its reports. */
async function runUnderCoverage(argv: readonly string[], out: string): Promise<number> {
  const v8 = await mkdtemp(join(tmpdir(), 'set-verify-v8-'));
  // An old results.json must not be mistaken for this run's if the child fails before writing one.
  await rm(join(out, 'results.json'), { force: true });
  try {
    const code = await new Promise<number>((done, fail) =>
      spawn(process.execPath, [ENTRY, 'verify', ...argv], { stdio: 'inherit', env: { ...process.env, NODE_V8_COVERAGE: v8, [COVERAGE_CHILD]: '1' } })
        .on('error', fail)
        .on('exit', (status) => done(status ?? 1)),
    );
    const written = await readFile(join(out, 'results.json'), 'utf8').catch(() => null);
    if (code === 2 || written === null) return code === 0 ? 1 : code;
    const results = JSON.parse(written) as Results;
    const implLines = await implLineCoverage(v8, ROOT);
    await writeReports({ ...results, coverage: { ...results.coverage, implLines } }, out);
    console.log(`Implementation line coverage of this run (c8): ${implLines.covered} of ${implLines.total} lines of impl/ (${Math.round((100 * implLines.covered) / implLines.total)}%); per file in report.html.`);
    return code;
  } finally {
    await rm(v8, { recursive: true, force: true });
  }
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'the main job: every protocol, model and implementation, all reports (the default command)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['variant', 'plugin', 'runs', 'seed', 'out', 'shard']);
    rejectUnknown(args, ['variant', 'plugin', 'runs', 'seed', 'quick', 'out', 'shard', 'no-coverage']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const plugins = await loadPluginOptions(argv);
    const protocols = repeatedOption(argv, 'variant');
    const known = allProtocols();
    for (const p of protocols) if (!known.includes(p)) throw new UsageError(`unknown variant "${p}"; known: ${known.join(', ')}`);
    const shard = shardOption(args.flags.get('shard'));
    const quick = args.flags.has('quick');
    const runs = intOption(args, 'runs', quick ? 0 : 2);
    const seed = intOption(args, 'seed', 20260101);
    const out = resolve(String(args.flags.get('out') ?? 'out'));
    if (!args.flags.has('no-coverage') && !process.env[COVERAGE_CHILD]) return runUnderCoverage(argv, out);

    const tty = process.stderr.isTTY;
    const started = performance.now();
    const results = await runVerify({
      ...(protocols.length ? { protocols } : {}),
      runs,
      seed,
      quick,
      shard,
      plugins,
      onStage: (text) => process.stderr.write(tty ? `\r\x1b[2K${text} (${Math.round((performance.now() - started) / 1000)} s)` : `${text}\n`),
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    const written = await writeReports(results, out);
    console.log(summaryMarkdown(written, { stages: false }));
    console.log(`reports: ${out}/{results.json, junit.xml, summary.md, report.html, traces/}; ${Math.round((performance.now() - started) / 1000)} s`);
    return written.cells.every((c) => c.pass) ? 0 : 1;
  },
};
