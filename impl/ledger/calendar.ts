/**
 * Card expiry against the clock (SET.md section 1): day 0 is 1 January 2026, and a card with
 * CardExpiry `YYYYMM` is expired from the first day of the month after it.
 */
import { DAY_MS, EPOCH_MS } from '../pki/clock.ts';

/** The first day (clock days) on which a card of `cardExpiry` (YYYYMM) is expired. */
export function firstExpiredDay(cardExpiry: string): number {
  const year = Number(cardExpiry.slice(0, 4));
  const month = Number(cardExpiry.slice(4, 6));
  // Date.UTC's month is 0-based, so `month` is already the month after.
  return Math.round((Date.UTC(year, month, 1) - EPOCH_MS) / DAY_MS);
}

export const cardExpired = (cardExpiry: string, day: number): boolean => day >= firstExpiredDay(cardExpiry);
