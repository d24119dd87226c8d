/**
 * A single changed byte anywhere in a certificate is caught (SET.md sections 1 and 8): every
 * position of a leaf and of its CA certificate, each result a typed rejection, never an
 * acceptance and never an exception.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { BAD_CERTIFICATE_REASONS } from './failures.ts';
import { buildFixture, intermediatesFor, validate, type PkiFixture } from './pki.test-helpers.ts';

const TYPED_REJECTIONS = new Set<string>(['malformed', ...BAD_CERTIFICATE_REASONS.map((reason) => `bad-certificate:${reason}`)]);

let f: PkiFixture;
beforeAll(async () => {
  f = await buildFixture();
});

const flipped = (der: Uint8Array, position: number, mask: number): Uint8Array => {
  const copy = Uint8Array.from(der);
  copy[position]! ^= mask;
  return copy;
};

/** Outcome per flipped copy; an exception escapes and fails the test. */
async function outcomesOfFlips(flips: Iterable<[number, number]>, run: (position: number, mask: number) => Promise<string>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [position, mask] of flips) {
    const outcome = await run(position, mask);
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }
  return counts;
}

const everyPosition = (length: number, mask: number): [number, number][] => Array.from({ length }, (_, position) => [position, mask]);

describe('a single flipped byte in a certificate is always rejected with a typed failure', () => {
  test('every byte of the merchant signature certificate, low bit and whole byte flipped', async () => {
    const der = f.merchant.certificates.signature.der;
    const honest = await validate(f, der, { role: 'merchant' });
    expect(honest.ok).toBe(true);
    const flips = [...everyPosition(der.length, 0x01), ...everyPosition(der.length, 0xff)];
    const counts = await outcomesOfFlips(flips, async (position, mask) => {
      const result = await validate(f, flipped(der, position, mask), { role: 'merchant' });
      return result.ok ? 'accepted' : result.error.outcome;
    });
    expect(counts.get('accepted')).toBeUndefined();
    expect([...counts.keys()].every((outcome) => TYPED_REJECTIONS.has(outcome))).toBe(true);
    // The three ways a flip shows: structure, issuer link, signature.
    expect(counts.get('malformed')).toBeGreaterThan(0);
    expect(counts.get('bad-certificate:untrusted')).toBeGreaterThan(0);
    expect(counts.get('bad-certificate:bad-chain-signature')).toBeGreaterThan(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(2 * der.length);
  });

  test('every byte of the issuing MCA certificate, presented as an intermediate', async () => {
    const [mcaDer, ...rest] = intermediatesFor(f.pki, 'merchant');
    const counts = await outcomesOfFlips(everyPosition(mcaDer!.length, 0x80), async (position, mask) => {
      const result = await validate(f, f.merchant.certificates.signature, { role: 'merchant', intermediates: [flipped(mcaDer!, position, mask), ...rest] });
      return result.ok ? 'accepted' : result.error.outcome;
    });
    expect(counts.get('accepted')).toBeUndefined();
    expect([...counts.keys()].every((outcome) => TYPED_REJECTIONS.has(outcome))).toBe(true);
  });

  test('any position, any nonzero mask, in the cardholder certificate (fast-check)', async () => {
    const der = f.cardholder.certificate.der;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: der.length - 1 }), fc.integer({ min: 1, max: 255 }), async (position, mask) => {
        const result = await validate(f, flipped(der, position, mask), { role: 'cardholder' });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(TYPED_REJECTIONS.has(result.error.outcome)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('arbitrary bytes as a certificate never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const result = await validate(f, bytes, { role: 'merchant' });
        expect(result).toMatchObject({ ok: false, error: { outcome: 'malformed' } });
      }),
      { numRuns: 200 },
    );
  });
});
