/**
 * A log the checking code writes as it checks, so a transcript shows the checks that were
 * really made, in the order they were made, and where the first one failed.
 */
export interface CheckEntry {
  readonly check: string;
  readonly passed: boolean;
  readonly outcome?: string;
}

export class CheckLog {
  readonly entries: CheckEntry[] = [];

  pass(check: string): void {
    this.entries.push({ check, passed: true });
  }

  fail(check: string, outcome: string): string {
    this.entries.push({ check, passed: false, outcome });
    return outcome;
  }

  /** Records `check` as passed when `ok`, else as failed with `outcome`; returns ok. */
  expect(check: string, ok: boolean, outcome: string): boolean {
    if (ok) this.pass(check);
    else this.fail(check, outcome);
    return ok;
  }
}
