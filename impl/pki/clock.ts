/**
 * The world clock and certificate validity (SET.md section 1): time is one integer day,
 * day 0 = 2026-01-01 UTC. A certificate issued on day d is valid on days d..d+364
 * (CAs d..d+3649), both ends inclusive. On the wire notBefore is day d 00:00:00Z and notAfter
 * the last valid day 23:59:59Z; validation turns those dates back into whole days and compares
 * days, never seconds (x509's verify({date}) is strict-exclusive on seconds, so it is not used).
 */
import { assertSafeInteger } from '../assert.ts';

/** Reads the current day; injected everywhere so tests and scenarios move time explicitly. */
export type Clock = () => number;

export const DAY_MS = 86_400_000;
/** Day 0 of the world clock. */
export const EPOCH_MS = Date.UTC(2026, 0, 1);

export const LEAF_VALIDITY_DAYS = 365;
export const CA_VALIDITY_DAYS = 3650;

/** 00:00:00Z of `day`. */
export function startOfDay(day: number): Date {
  assertSafeInteger(day, 'day', Number.MIN_SAFE_INTEGER);
  return new Date(EPOCH_MS + day * DAY_MS);
}

/** 23:59:59Z of `day`: the last second X.509 (second precision) can name on that day. */
export function lastSecondOfDay(day: number): Date {
  return new Date(startOfDay(day + 1).getTime() - 1000);
}

/** The day that contains `date`. */
export function dayOf(date: Date): number {
  return Math.floor((date.getTime() - EPOCH_MS) / DAY_MS);
}

export interface ValidityDays {
  readonly firstDay: number;
  readonly lastDay: number;
}

/** The notBefore/notAfter pair for a certificate issued on `day` that lives `days` days. */
export function validityDates(day: number, days: number): { notBefore: Date; notAfter: Date } {
  assertSafeInteger(days, 'days', 1);
  return { notBefore: startOfDay(day), notAfter: lastSecondOfDay(day + days - 1) };
}

/**
 * The whole days a certificate's dates cover. A day counts only if every second of it lies in
 * [notBefore, notAfter], so a certificate made elsewhere with mid-day dates is never valid for
 * longer than it says.
 */
export function validDays(notBefore: Date, notAfter: Date): ValidityDays {
  const firstDay = Math.ceil((notBefore.getTime() - EPOCH_MS) / DAY_MS);
  const lastDay = Math.floor((notAfter.getTime() + 1000 - EPOCH_MS) / DAY_MS) - 1;
  return { firstDay, lastDay };
}

/** A clock that stays where it is put: `advance` is SET.md's advanceClock. */
export class ManualClock {
  #day: number;

  constructor(startDay = 0) {
    assertSafeInteger(startDay, 'startDay', Number.MIN_SAFE_INTEGER);
    this.#day = startDay;
  }

  get day(): number {
    return this.#day;
  }

  /** The Clock function to inject; it reads the current day on every call. */
  readonly now: Clock = () => this.#day;

  advance(days: number): number {
    assertSafeInteger(days, 'days');
    this.#day += days;
    return this.#day;
  }
}
