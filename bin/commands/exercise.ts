/** `set-verify exercise`: coursework (issue 7, item 5; docs/teaching.md). */
import { createHash, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GOAL_NAMES, VARIANTS, type GoalName } from '../../model/index.ts';
import { explore, variantSettings } from '../../model/explore/index.ts';
import type { VariantName } from '../../model/variants/index.ts';
import { buildScenario } from '../../properties/conformance/scenario-builder.ts';
import { describeSteps } from '../../properties/trace/describe-action.ts';
import { traceOf } from '../../properties/trace/trace-file.ts';
import { expectedBroken } from '../../reports/run-verify.ts';
import { DEFAULT_COURSE, exerciseTable, variantOfExercise } from '../exercise-codes.ts';
import { parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify exercise [CODE] [--student NAME] [--course KEY]
       set-verify exercise CODE --answer GOAL
       set-verify exercise CODE --solution [--out DIR]
       set-verify exercise --list [--course KEY]

Hands out a weakened SET (a variant of SET.md 10) under a code name, with what it breaks hidden.
The student finds a security goal of SET.md 12 it breaks, and an attack that shows it: write the
attack as a trace file and run it with  set-verify replay --exercise CODE FILE.

  CODE            the exercise's code name (without it: one is handed out)
  --student NAME  hand out the same exercise to the same name every time
  --course KEY    the course key the code names are drawn from (default "${DEFAULT_COURSE}")
  --answer GOAL   whether GOAL is one the change breaks (exit 0 yes, 1 no)
  --solution      the shortest attack the model's explorer finds, step by step, saved as a
                  trace file in DIR (default out/)
  --list          the teacher's table: code name -> variant`;

function handOut(code: string, variant: string, course: string): string {
  const change = VARIANTS.find((v) => v.name === variant)!;
  const courseOption = course === DEFAULT_COURSE ? '' : ` --course ${course}`;
  return [
    `Exercise "${code}"${course === DEFAULT_COURSE ? '' : ` (course ${course})`}: SET with one change.`,
    '',
    `  What changed: ${change.description}.`,
    '',
    'Which security goal of SET.md 12 does it break? Find an attack that shows it:',
    `  goals:        ${GOAL_NAMES.join(', ')}`,
    `  try a trace:  npx set-verify replay --exercise ${code}${courseOption} my-attack.json`,
    '                (a trace file: docs/teaching.md; every counterexample in out/traces/ is one)',
    `  answer:       npx set-verify exercise ${code}${courseOption} --answer GOAL`,
    `  solution:     npx set-verify exercise ${code}${courseOption} --solution`,
  ].join('\n');
}

async function solution(code: string, variant: string, out: string): Promise<string> {
  const report = explore(variantSettings(variant as VariantName));
  const wanted = new Set(expectedBroken(variant));
  const shortest = report.violations.filter((v) => wanted.has(v.goal)).sort((a, b) => a.trace.actions.length - b.trace.actions.length)[0];
  if (!shortest) throw new Error(`the explorer found no attack on ${variant}: run set-verify explore --variant ${variant}`);
  const scenario = buildScenario(report.start.world, shortest.trace.actions, { registerCardholders: report.start.registerCardholders });
  const trace = traceOf({
    source: 'explorer',
    title: `exercise ${code} is ${variant}: ${shortest.goal} breaks`,
    config: report.start.world,
    actions: scenario.actions,
    setUp: scenario.setUp,
    breaks: [shortest.goal],
  });
  await mkdir(out, { recursive: true });
  const file = join(out, `exercise-${code}.json`);
  await writeFile(file, `${JSON.stringify(trace, null, 1)}\n`);
  return [
    `Exercise "${code}" is the variant ${variant}: ${VARIANTS.find((v) => v.name === variant)!.attack}.`,
    `It breaks: ${[...wanted].join(', ')}.`,
    '',
    `The shortest attack the explorer finds (${shortest.goal}; ${scenario.setUp} set-up actions, then):`,
    ...describeSteps(scenario.actions.slice(scenario.setUp), scenario.setUp + 1).map((s) => `  ${s}`),
    '',
    `Why it breaks: ${shortest.explanation}`,
    `Saved as ${file}; on both sides: npx set-verify replay ${file}`,
  ].join('\n');
}

export const exerciseCommand: Command = {
  name: 'exercise',
  summary: 'coursework: a weakened SET under a code name; check an answer; show the solution',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['student', 'course', 'answer', 'out']);
    rejectUnknown(args, ['student', 'course', 'answer', 'solution', 'list', 'out']);
    const course = String(args.flags.get('course') ?? DEFAULT_COURSE);
    const table = exerciseTable(course);
    if (args.flags.has('list')) {
      console.log([`course ${course}:`, ...[...table].map(([code, variant]) => `  ${code.padEnd(10)} ${variant}`)].join('\n'));
      return 0;
    }
    if (args.positionals.length > 1) throw new UsageError(`give one code name, got ${args.positionals.join(' ')}`);
    const [given] = args.positionals;
    const codes = [...table.keys()];
    if (given === undefined) {
      if (args.flags.has('answer') || args.flags.has('solution')) throw new UsageError('--answer and --solution need the exercise\'s code name');
      const student = args.flags.get('student');
      const code = codes[student === undefined ? randomInt(codes.length) : studentIndex(String(student), course, codes.length)]!;
      console.log(handOut(code, table.get(code)!, course));
      return 0;
    }
    const variant = variantOfExercise(given, course);
    if (!variant) throw new UsageError(`no exercise "${given}" in course ${course}; code names: ${codes.join(', ')}`);
    const code = given.toLowerCase();
    const answer = args.flags.get('answer');
    if (answer !== undefined) {
      if (!GOAL_NAMES.includes(answer as GoalName)) throw new UsageError(`--answer needs a goal of SET.md 12: ${GOAL_NAMES.join(', ')}`);
      const broken = expectedBroken(variant);
      if (broken.includes(String(answer))) {
        console.log(`Yes: ${code} breaks ${String(answer)}.${broken.length > 1 ? ` It breaks ${broken.length} goals in all.` : ''}`);
        return 0;
      }
      console.log(`No: ${String(answer)} holds on ${code}. Keep looking (it breaks ${broken.length} goal${broken.length === 1 ? '' : 's'}).`);
      return 1;
    }
    if (args.flags.has('solution')) {
      console.log(await solution(code, variant, resolve(String(args.flags.get('out') ?? 'out'))));
      return 0;
    }
    console.log(handOut(code, variant, course));
    return 0;
  },
};

/** The same student in the same course gets the same exercise. */
function studentIndex(student: string, course: string, count: number): number {
  return Number.parseInt(createHash('sha256').update(`${course}\0${student}`).digest('hex').slice(0, 8), 16) % count;
}
