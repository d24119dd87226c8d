/**
 * Coursework (issue 7, item 5): each variant of SET.md 10 under a code name, so a student gets a
 * protocol change without its symptoms. The mapping is a permutation drawn from the course key
 * (`--course`, default "set-verify"): a teacher picks a key per class, and everyone using the
 * same key sees the same code names. It hides nothing from someone who reads the source: it
 * is a teaching aid, not a secret.
 */
import { createHash } from 'node:crypto';
import { VARIANT_NAMES } from '../model/index.ts';

const CODE_NAMES = [
  'albatross', 'bittern', 'curlew', 'dunlin', 'egret', 'fulmar', 'gannet', 'heron',
  'ibis', 'jacana', 'kestrel', 'lapwing', 'merlin', 'nightjar', 'osprey',
] as const;

export const DEFAULT_COURSE = 'set-verify';

/** Code name → variant, for a course key. */
export function exerciseTable(course = DEFAULT_COURSE): ReadonlyMap<string, string> {
  const rank = (variant: string) => createHash('sha256').update(`${course}\0${variant}`).digest('hex');
  const shuffled = [...VARIANT_NAMES].sort((a, b) => rank(a).localeCompare(rank(b)));
  return new Map(shuffled.map((variant, i) => [CODE_NAMES[i]!, variant]));
}

/** The variant behind a code name; undefined for an unknown code. */
export function variantOfExercise(code: string, course = DEFAULT_COURSE): string | undefined {
  return exerciseTable(course).get(code.toLowerCase());
}
