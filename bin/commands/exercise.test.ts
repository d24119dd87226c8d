/**
 * Coursework: the code names are a permutation of the fifteen variants drawn from the course
 * key; a student keeps the same exercise; --answer says yes (exit 0) or no (exit 1); --solution
 * reveals the variant and saves the explorer's shortest attack, which replays on both sides, and
 * replay --exercise runs a trace on the hidden variant.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, vi } from 'vitest';
import { VARIANT_NAMES } from '../../model/index.ts';
import { exerciseTable } from '../exercise-codes.ts';
import { exerciseCommand } from './exercise.ts';
import { replayCommand } from './replay.ts';

async function captured(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void printed.push(text));
  try {
    return { code: await run(), out: printed.join('\n') };
  } finally {
    log.mockRestore();
  }
}

const codeOf = (variant: string, course?: string) => [...exerciseTable(course)].find(([, v]) => v === variant)![0];

test('code names: every variant once; another course key, another mapping; the same student, the same exercise', async () => {
  expect([...exerciseTable().values()].sort()).toEqual([...VARIANT_NAMES].sort());
  expect([...exerciseTable('cs4031').entries()]).not.toEqual([...exerciseTable().entries()]);
  const first = await captured(() => exerciseCommand.run(['--student', 'alice', '--course', 'cs4031']));
  const again = await captured(() => exerciseCommand.run(['--student', 'alice', '--course', 'cs4031']));
  expect(again.out).toBe(first.out);
  expect(first.out).toMatch(/^Exercise "[a-z]+" \(course cs4031\): SET with one change\.\n\n {2}What changed: /);
  // the hand-out hides the variant's name and what it breaks
  const variant = exerciseTable('cs4031').get(/Exercise "([a-z]+)"/.exec(first.out)![1]!)!;
  expect(first.out).not.toContain(variant);
});

test('--answer: yes for a goal the variant breaks (exit 0), no for one that holds (exit 1)', async () => {
  const code = codeOf('token-not-bound');
  expect(await captured(() => exerciseCommand.run([code, '--answer', 'money']))).toEqual({ code: 0, out: `Yes: ${code} breaks money.` });
  const no = await captured(() => exerciseCommand.run([code, '--answer', 'pan-secrecy']));
  expect(no).toEqual({ code: 1, out: `No: pan-secrecy holds on ${code}. Keep looking (it breaks 1 goal).` });
  await expect(exerciseCommand.run([code, '--answer', 'speed'])).rejects.toThrow(/--answer needs a goal of SET.md 12/);
  await expect(exerciseCommand.run(['dodo'])).rejects.toThrow(/no exercise "dodo" in course set-verify; code names: albatross/);
});

test('--solution: the shortest attack, saved; it replays on both sides, and replay --exercise runs a trace on the hidden variant', async () => {
  const code = codeOf('pan-in-order');
  const out = mkdtempSync(join(tmpdir(), 'set-verify-exercise-'));
  const solution = await captured(() => exerciseCommand.run([code, '--solution', '--out', out]));
  expect(solution.code).toBe(0);
  expect(solution.out).toContain(`Exercise "${code}" is the variant pan-in-order`);
  expect(solution.out).toMatch(/The shortest attack the explorer finds \(pan-secrecy; \d+ set-up actions, then\):\n {2}\d+\. C1 starts/);
  const file = join(out, `exercise-${code}.json`);
  const replayed = await captured(() => replayCommand.run([file, '--json']));
  expect(JSON.parse(replayed.out)).toMatchObject({ agree: true, goals: { model: ['pan-secrecy'], impl: ['pan-secrecy'] } });
  // the same actions on another exercise's hidden variant: PAN secrecy holds there
  const other = codeOf('token-not-bound');
  const onOther = await captured(() => replayCommand.run([file, '--json', '--exercise', other]));
  expect(JSON.parse(onOther.out)).toMatchObject({ agree: true, goals: { model: [], impl: [] } });
  expect(onOther.out).not.toContain('token-not-bound');
}, 120_000);
