/**
 * The one place that decides fast-check's seed and run count for a test run.
 * SET_VERIFY_SEED (or FC_SEED) overrides the fixed default; FC_NUM_RUNS scales runs.
 */
export const DEFAULT_SEED = 20260101;

function readInt(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${raw} is not an integer`);
  return value;
}

export function resolveSeed(): number {
  return readInt('SET_VERIFY_SEED') ?? readInt('FC_SEED') ?? DEFAULT_SEED;
}

export function resolveNumRuns(): number | undefined {
  return readInt('FC_NUM_RUNS');
}
