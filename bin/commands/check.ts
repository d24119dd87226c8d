/** `set-verify check`: the model-against-implementation suites outside vitest (issue 6). */
import { VARIANT_NAMES } from '../../model/index.ts';
import { runCheck, type CheckResult } from '../../properties/check/run-check.ts';
import { intOption, parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify check [--runs N] [--seed S] [--variant NAME]... [--only impl|model] [--json]

Runs the attack catalogue and N random scenarios on the symbolic model and on the reference
implementation, demands that they observe the same after every action, and judges every goal
of SET.md 12 on both. Exit 0 when every goal holds, 1 with counterexamples when one fails,
2 on a usage error.

  --runs N        random scenarios (default 30)
  --seed S        fast-check seed (default 20260101)
  --variant NAME  a weakened protocol (SET.md 10); repeat to combine
  --only SIDE     run the variant on one side only (impl or model): conformance must fail
  --json          { variant, runs, seed, goals: [ { name, holds, counterexample? } ] }`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'run model and implementation side by side on random and directed scenarios',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['runs', 'seed', 'variant', 'only']);
    rejectUnknown(args, ['runs', 'seed', 'variant', 'only', 'json']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const variants = argv.flatMap((arg, i) => (arg === '--variant' ? [argv[i + 1]!] : arg.startsWith('--variant=') ? [arg.slice(10)] : []));
    for (const v of variants) if (!VARIANT_NAMES.includes(v as never)) throw new UsageError(`unknown variant "${v}"; known: ${VARIANT_NAMES.join(', ')}`);
    const only = args.flags.get('only');
    if (only !== undefined && only !== 'impl' && only !== 'model') throw new UsageError(`--only must be impl or model, got ${String(only)}`);
    if (only !== undefined && variants.length === 0) throw new UsageError('--only needs a --variant to run on one side');
    const tty = process.stderr.isTTY;
    let last = '';
    const result = await runCheck({
      variants,
      runs: intOption(args, 'runs', 30, 1),
      seed: intOption(args, 'seed', 20260101),
      ...(only ? { only } : {}),
      onProgress: (text) => {
        last = text;
        if (tty) process.stderr.write(`\r\x1b[2K${text}`);
      },
    });
    process.stderr.write(tty ? '\r\x1b[2K' : `${last}\n`);
    console.log(args.flags.has('json') ? JSON.stringify(result, null, 2) : formatCheck(result));
    return result.goals.every((g) => g.holds) ? 0 : 1;
  },
};

export function formatCheck(result: CheckResult): string {
  const lines = [`set-verify check: protocol ${result.variant}, ${result.runs} random scenarios, seed ${result.seed}`, ''];
  for (const goal of result.goals) lines.push(`  ${goal.holds ? 'holds ' : 'BROKEN'}  ${goal.name}${goal.counterexample ? ` (${goal.counterexample.steps.length - 1} steps)` : ''}`);
  for (const goal of result.goals) {
    if (!goal.counterexample) continue;
    lines.push('', `${goal.name}: ${goal.counterexample.trace.title}`, ...goal.counterexample.steps.map((s) => `  ${s}`));
    if (goal.counterexample.seed !== undefined) lines.push(`  replay: set-verify check --seed ${goal.counterexample.seed} (path ${goal.counterexample.path}), or save the trace and run set-verify replay FILE`);
  }
  return lines.join('\n');
}
