/** The day clock and the validity decision of SET.md section 1 (both ends inclusive, whole days). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CA_VALIDITY_DAYS, dayOf, lastSecondOfDay, ManualClock, startOfDay, validDays, validityDates } from './clock.ts';

describe('days', () => {
  test('day 0 is 2026-01-01 UTC', () => {
    expect(startOfDay(0).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(lastSecondOfDay(0).toISOString()).toBe('2026-01-01T23:59:59.000Z');
    expect(dayOf(new Date('2026-12-31T23:59:59Z'))).toBe(364);
    expect(dayOf(new Date('2025-12-31T12:00:00Z'))).toBe(-1);
  });

  test('a certificate issued on day d for n days is valid on days d..d+n-1', () => {
    const { notBefore, notAfter } = validityDates(10, 365);
    expect(notBefore.toISOString()).toBe('2026-01-11T00:00:00.000Z');
    expect(notAfter.toISOString()).toBe('2027-01-10T23:59:59.000Z');
    expect(validDays(notBefore, notAfter)).toEqual({ firstDay: 10, lastDay: 374 });
    expect(validDays(...(Object.values(validityDates(0, CA_VALIDITY_DAYS)) as [Date, Date]))).toEqual({ firstDay: 0, lastDay: 3649 });
  });

  test('validity dates round-trip to the same days for any issue day and lifetime', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 8000 }), fc.integer({ min: 1, max: 4000 }), (day, days) => {
        const { notBefore, notAfter } = validityDates(day, days);
        expect(validDays(notBefore, notAfter)).toEqual({ firstDay: day, lastDay: day + days - 1 });
      }),
    );
  });

  test('dates that do not cover a whole day do not make it valid', () => {
    const midday = new Date('2026-01-05T12:00:00Z');
    expect(validDays(midday, new Date('2026-01-09T12:00:00Z'))).toEqual({ firstDay: 5, lastDay: 7 });
  });
});

describe('ManualClock', () => {
  test('now reads the day advanceClock moved to', () => {
    const clock = new ManualClock(3);
    const now = clock.now;
    expect(now()).toBe(3);
    expect(clock.advance(4)).toBe(7);
    expect(now()).toBe(7);
    expect(() => clock.advance(-1)).toThrow(/days/);
  });
});
