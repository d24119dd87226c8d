/** `set-verify replay FILE`: one trace file (properties/trace/trace-file.ts) on both sides, step by step. */
import { readFile } from 'node:fs/promises';
import { violatedGoals } from '../../model/index.ts';
import { runBoth } from '../../properties/conformance/run-both.ts';
import { checkImplGoals } from '../../properties/goals/impl-goals.ts';
import { observeImpl } from '../../properties/harness/observe.ts';
import { describeSteps } from '../../properties/trace/describe-action.ts';
import { readTrace, TraceFormatError } from '../../properties/trace/trace-file.ts';
import { DEFAULT_COURSE, variantOfExercise } from '../exercise-codes.ts';
import { loadPluginOptions } from '../load-plugins.ts';
import { parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify replay FILE [--json] [--plugin FILE]... [--exercise CODE [--course KEY]]

Replays a trace file (a counterexample from check, explore or the catalogue) on the model and
on the implementation: prints its steps, where the two sides differ if they do, and the goals
each side finds broken. Exit 0 when they agree, 1 when they differ, 2 on a usage error.

  --plugin FILE    load the plug-in whose protocol change the trace runs (docs/plugins.md)
  --exercise CODE  run the trace on an exercise's hidden variant instead of the trace's own
                   (set-verify exercise; --course as there)`;

export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a trace file on both the model and the implementation',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['plugin', 'exercise', 'course']);
    rejectUnknown(args, ['json', 'plugin', 'exercise', 'course']);
    await loadPluginOptions(argv);
    const code = args.flags.get('exercise');
    const exercise = code === undefined ? undefined : variantOfExercise(String(code), String(args.flags.get('course') ?? DEFAULT_COURSE));
    if (code !== undefined && !exercise) throw new UsageError(`no exercise "${String(code)}"; set-verify exercise --list names them`);
    const [file, ...extra] = args.positionals;
    if (!file || extra.length > 0) throw new UsageError('give exactly one trace file');
    let trace;
    try {
      trace = readTrace(JSON.parse(await readFile(file, 'utf8')));
    } catch (error) {
      if (error instanceof TraceFormatError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: ${(error as Error).message}`);
      throw error;
    }
    // An exercise's variant stays hidden: it replaces the trace's variants and is not printed.
    const config = exercise ? { ...trace.config, variants: [exercise] } : trace.config;
    const title = exercise ? `${trace.title} (on exercise ${String(code)})` : trace.title;
    const run = await runBoth(config, trace.actions);
    const model = violatedGoals(run.world);
    const impl = run.difference ? [] : (await checkImplGoals(run.impl, (await observeImpl(run.impl)).attacker)).filter((g) => !g.verdict.holds).map((g) => g.goal);
    const report = { title, agree: run.difference === null, difference: run.difference, goals: { model, impl } };
    if (args.flags.has('json')) console.log(JSON.stringify(report, null, 2));
    else {
      console.log([title, `(set-up: ${trace.setUp} actions)`, ...describeSteps(trace.actions.slice(trace.setUp), trace.setUp + 1)].join('\n'));
      console.log(run.difference ? `\nthe two sides DIFFER after action ${run.difference.at + 1}:\n  ${run.difference.paths.join('\n  ')}` : '\nmodel and implementation agree on every observation');
      console.log(`goals broken: model ${JSON.stringify(model)}, implementation ${JSON.stringify(impl)}`);
    }
    return run.difference === null ? 0 : 1;
  },
};
