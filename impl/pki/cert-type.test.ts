/** setCext-certType as SET 1.0's BIT STRING, one bit per certificate (SET.md section 1). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CERT_TYPES, decodeCertType, encodeCertType } from './cert-type.ts';
import { toHex } from './der-fields.ts';

describe('setCext-certType', () => {
  test('named-bit DER: card is bit 0, mer 1, pgwy 2, cca 3, mca 4, pca 5, bca 7, rca 8', () => {
    expect(toHex(encodeCertType('cardholder'))).toBe('03020780');
    expect(toHex(encodeCertType('merchant'))).toBe('03020640');
    expect(toHex(encodeCertType('gateway'))).toBe('03020520');
    expect(toHex(encodeCertType('pca'))).toBe('03020204');
    expect(toHex(encodeCertType('brand'))).toBe('03020001');
    expect(toHex(encodeCertType('root'))).toBe('0303070080');
  });

  test('every type reads back', () => {
    for (const type of CERT_TYPES) expect(decodeCertType(encodeCertType(type))).toBe(type);
  });

  test('zero bits, two bits, gca (6), acq (9), trailing zero bits, padding bits and wrong tags name no type', () => {
    const rejected = {
      zeroBits: '030100',
      twoBits: '030206c0',
      gca: '03020102',
      acq: '0303060040',
      trailingZeroBits: '0303008000',
      paddingBitSet: '03020781',
      octetString: '04020780',
      truncated: '030207',
      trailingOctet: '0302078000',
    };
    for (const [what, hex] of Object.entries(rejected)) expect(decodeCertType(Buffer.from(hex, 'hex')), what).toBeNull();
  });

  test('any byte string decodes to null or to a type whose encoding is exactly that string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 6 }), fc.uint8Array({ maxLength: 3 }).map((tail) => Uint8Array.from([3, tail.length, ...tail]))), (bytes) => {
        const type = decodeCertType(bytes);
        if (type !== null) expect(encodeCertType(type)).toEqual(bytes);
      }),
      { numRuns: 2000 },
    );
  });
});
