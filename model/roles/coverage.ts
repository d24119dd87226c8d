/**
 * Which rules of which role machines a run took (issue 7: "model transitions taken per role").
 * Off unless a caller starts recording, so the explorer pays nothing; the record is a side
 * channel of the machines' guards and never changes what a step computes.
 */
let taken: Set<string> | null = null;

/** Starts (or restarts) recording; returns the set that fills as transitions are taken. */
export function recordTransitions(): Set<string> {
  taken = new Set();
  return taken;
}

export function stopRecording(): void {
  taken = null;
}

/** Called by a role machine's guard when its rule is the one taken (`machine:rule`). */
export function noteTransition(machine: string, rule: string): void {
  taken?.add(`${machine}:${rule}`);
}
