/**
 * One trace file format for every counterexample (issue 6), whoever found it: the explorer,
 * fast-check, or the attack catalogue. It holds the world, the whole action list (set-up
 * included, so it replays with nothing else), and how to find it again (fast-check's seed and
 * path). `set-verify replay FILE` and the regressions suite read it.
 */
import type { Action, GoalName, WorldConfig } from '../../model/index.ts';

export const TRACE_FORMAT = 'set-verify/trace@1';

export interface TraceFile {
  readonly format: typeof TRACE_FORMAT;
  readonly source: 'fast-check' | 'explorer' | 'catalogue' | 'hand';
  /** What it shows, for people: "no-challenges: a replayed PReq is accepted again". */
  readonly title: string;
  readonly config: WorldConfig;
  readonly actions: readonly Action[];
  /** How many of the actions are set-up (printed as one line). */
  readonly setUp: number;
  /** Goals it breaks (on the variants of `config`), as found. */
  readonly breaks?: readonly GoalName[];
  readonly seed?: number;
  readonly path?: string;
}

export class TraceFormatError extends Error {
  constructor(what: string) {
    super(`not a set-verify trace file: ${what}`);
    this.name = 'TraceFormatError';
  }
}

/** Reads and checks a trace (parsed JSON); a bad one is a TraceFormatError naming what is wrong. */
export function readTrace(value: unknown): TraceFile {
  if (typeof value !== 'object' || value === null) throw new TraceFormatError('expected an object');
  const t = value as Partial<TraceFile>;
  if (t.format !== TRACE_FORMAT) throw new TraceFormatError(`format is ${JSON.stringify(t.format)}, expected "${TRACE_FORMAT}"`);
  if (!Array.isArray(t.actions) || t.actions.some((a) => typeof a !== 'object' || a === null || typeof (a as { type?: unknown }).type !== 'string')) throw new TraceFormatError('actions must be a list of actions');
  if (typeof t.config !== 'object' || t.config === null) throw new TraceFormatError('config must be an object');
  if (!Number.isSafeInteger(t.setUp) || t.setUp! < 0 || t.setUp! > t.actions.length) throw new TraceFormatError('setUp must count the set-up actions');
  if (typeof t.title !== 'string') throw new TraceFormatError('title must be text');
  return t as TraceFile;
}

export function traceOf(fields: Omit<TraceFile, 'format'>): TraceFile {
  return { format: TRACE_FORMAT, ...fields };
}
