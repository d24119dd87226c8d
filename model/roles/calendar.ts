/**
 * The world's clock (SET.md 1): one integer, days since 1 January 2026 (day 0). A card with
 * `CardExpiry` `YYYYMM` is expired from the first day of the month after it.
 */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 1);

/** The first day on which a card of this expiry is expired, or undefined if the text is no `YYYYMM`. */
export function firstExpiredDay(expiry: string): number | undefined {
  const match = /^(\d{4})(\d{2})$/.exec(expiry);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Math.round((Date.UTC(year, month, 1) - EPOCH) / DAY_MS);
}
