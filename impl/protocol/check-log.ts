/**
 * The log a party writes while it checks one delivery: every check it made, in order, and
 * the first that failed with its outcome. Transcripts (`set-verify demo`) print this log, so
 * they show the checks the code really made, not a fixed list.
 */
import type { RejectionOutcome } from './outcomes.ts';

export interface CheckEntry {
  readonly check: string;
  readonly passed: boolean;
  readonly outcome?: RejectionOutcome;
  /** Why it failed, for people ("M1 (chain[0]): revoked on day 3"). */
  readonly detail?: string;
}

/** A rejected delivery: its outcome, and the check that decided it. */
export interface Rejection {
  readonly outcome: RejectionOutcome;
  readonly check: string;
  readonly detail?: string;
}

export class CheckLog {
  readonly entries: CheckEntry[] = [];
  /** Certificates relied on while checking (thumbprint, label): logged only if the delivery is accepted. */
  readonly reliedOn: { readonly thumbprint: string; readonly label: string }[] = [];

  pass(check: string): void {
    this.entries.push({ check, passed: true });
  }

  /** Records a failed check and returns the rejection it causes. */
  fail(check: string, outcome: RejectionOutcome, detail?: string): Rejection {
    this.entries.push(detail === undefined ? { check, passed: false, outcome } : { check, passed: false, outcome, detail });
    return detail === undefined ? { outcome, check } : { outcome, check, detail };
  }

  /** Passes `check` when `ok`; otherwise records it failed. Null means "go on". */
  require(check: string, ok: boolean, outcome: RejectionOutcome, detail?: string): Rejection | null {
    if (ok) {
      this.pass(check);
      return null;
    }
    return this.fail(check, outcome, detail);
  }

  /** Records a check a protocol variant switched off, so transcripts show the weakening. */
  skipped(check: string, variant: string): void {
    this.entries.push({ check: `${check} (skipped: ${variant})`, passed: true });
  }
}
