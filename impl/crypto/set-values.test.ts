import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ArgumentError } from '../errors.ts';
import { bytesEqual, hash, hmac } from './digest.ts';
import { PROVIDER_NAMES, createCryptoContext } from './provider.ts';
import { hashedOrderDescription, panSecret, transStain, uniqueCardholderId } from './set-values.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const fill = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

describe.each(PROVIDER_NAMES)('SET values on the %s provider', (provider) => {
  const ctx = createCryptoContext({ provider });

  test('known answers: SHA-256 (FIPS 180-2 "abc") and HMAC-SHA-256 (RFC 4231 case 2)', async () => {
    expect(hex(await hash(ctx, ascii('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(await hmac(ctx, ascii('what do ya want for nothing?'), ascii('Jefe')))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  test('UniqueCardholderID = HMAC(DER{PAN, CardExpiry}, PANSecret), checked against a hand-written DER and node:crypto', async () => {
    const card = { pan: '4111111111111111', cardExpiry: '202812' };
    const der = Uint8Array.of(0x30, 0x1a, 0x0c, 0x10, ...ascii(card.pan), 0x0c, 0x06, ...ascii(card.cardExpiry));
    const secret = panSecret(fill(20, 0x5a), fill(20, 0x0f));
    expect(hex(secret)).toBe('55'.repeat(20));
    const expected = createHmac('sha256', secret).update(der).digest();
    expect(hex(await uniqueCardholderId(ctx, card, secret))).toBe(expected.toString('hex'));
  });

  test('TransStain = HMAC(XID, CardSecret) and HOD = H(DER{OD, PurchAmt, ODSalt})', async () => {
    const xid = fill(20, 1);
    const cardSecret = fill(20, 2);
    expect(hex(await transStain(ctx, xid, cardSecret))).toBe(createHmac('sha256', cardSecret).update(xid).digest('hex'));
    const order = { od: [{ description: 'Tea', quantity: 2, unitPrice: 350 }], purchAmt: { currency: 'EUR', minorUnits: 700 }, odSalt: fill(20, 3) };
    const der = Uint8Array.of(
      0x30, 0x31, // HodInput
      0x30, 0x0e, 0x30, 0x0c, 0x0c, 0x03, ...ascii('Tea'), 0x02, 0x01, 0x02, 0x02, 0x02, 0x01, 0x5e, // OD
      0x30, 0x09, 0x0c, 0x03, ...ascii('EUR'), 0x02, 0x02, 0x02, 0xbc, // PurchAmt
      0x04, 0x14, ...fill(20, 3), // ODSalt
    );
    expect(hex(await hashedOrderDescription(ctx, order))).toBe(createHash('sha256').update(der).digest('hex'));
  });

  test('HOD changes with any part of the order, the amount or the salt', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(1000), fc.nat(1000), fc.uint8Array({ minLength: 20, maxLength: 20 }), async (price, amount, salt) => {
        const order = { od: [{ description: 'Book', quantity: 1, unitPrice: price }], purchAmt: { currency: 'USD', minorUnits: amount }, odSalt: salt };
        const base = await hashedOrderDescription(ctx, order);
        const variants = [
          { ...order, od: [{ description: 'Book', quantity: 1, unitPrice: price + 1 }] },
          { ...order, purchAmt: { currency: 'USD', minorUnits: amount + 1 } },
          { ...order, purchAmt: { currency: 'EUR', minorUnits: amount } },
          { ...order, odSalt: salt.map((b, i) => (i === 0 ? b ^ 1 : b)) },
        ];
        for (const changed of variants) expect(bytesEqual(base, await hashedOrderDescription(ctx, changed))).toBe(false);
      }),
      { numRuns: 30 },
    );
  });
});

test('wrong-sized secrets are labelled argument errors', () => {
  expect(() => panSecret(fill(19, 0), fill(20, 0))).toThrow(ArgumentError);
  expect(() => panSecret(fill(20, 0), fill(21, 0))).toThrow(/CardCertNonce: expected 20 bytes, got 21/);
  expect(() => transStain(createCryptoContext(), fill(20, 0), fill(3, 0))).toThrow(/CardSecret/);
});
