/** Vitest global setup: prints the seed once, where a reader of the log looks for it. */
import { resolveNumRuns, resolveSeed } from './seed.ts';

export default function printSeed(): void {
  const seed = resolveSeed();
  const runs = resolveNumRuns();
  console.log(
    `[set-verify] fast-check seed ${seed}${runs ? `, ${runs} runs per property` : ''}; ` +
      `replay a failure with SET_VERIFY_SEED=${seed} npm test`,
  );
}
