/**
 * buildPki: the SET.md section 1 hierarchy with several brands, CA names and key names as other
 * code relies on, and party certificates issued on demand under any brand.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { KeyPool } from '../crypto/key-pool.ts';
import { createCryptoContext } from '../crypto/provider.ts';
import { buildPki, type Pki } from './build-pki.ts';
import { ManualClock } from './clock.ts';
import { outcomeOf } from './pki.test-helpers.ts';
import { validateCertificate } from './validate.ts';

let pool: KeyPool;
let pki: Pki;
beforeAll(async () => {
  pool = new KeyPool(createCryptoContext({ provider: 'native' }));
  pki = await buildPki(pool, { clock: new ManualClock(5).now, brands: ['SETBrand', 'OtherBrand'] });
});

describe('buildPki', () => {
  test('names: RCA, the first brand plain, later brands suffixed', () => {
    expect(pki.authorities.map((ca) => ca.name)).toEqual(['RCA', 'BCA', 'CCA', 'MCA', 'PCA', 'BCA-OtherBrand', 'CCA-OtherBrand', 'MCA-OtherBrand', 'PCA-OtherBrand']);
    expect(pki.brand().brandId).toBe('SETBrand');
    expect(pki.brand('OtherBrand').cca.brandId).toBe('OtherBrand');
    expect(() => pki.brand('NoSuchBrand')).toThrow(/no brand/);
  });

  test('CA keys are the pool keys key:<name>:signature / key:<name>:keyExchange', async () => {
    const { cca, brand } = pki.brand();
    expect(await pool.keyPair('key:CCA:signature', 'signature')).toBe(cca.signatureKeys);
    expect(await pool.keyPair('key:CCA:keyExchange', 'keyExchange')).toBe(cca.keyExchangeKeys);
    expect(brand.keyExchangeKeys).toBeNull();
    expect(brand.keyExchangeCertificate).toBeNull();
    expect(pki.root.keyExchangeCertificate).toBeNull();
  });

  test('CAs are certified on the clock day, and each chain stops below the root', () => {
    const { cca, brand } = pki.brand();
    expect(cca.signatureCertificate.issuedOn).toBe(5);
    expect(cca.signatureCertificate.validity).toEqual({ firstDay: 5, lastDay: 3654 });
    expect(cca.chain).toEqual([cca.signatureCertificate.der, brand.signatureCertificate.der]);
    expect(pki.trustAnchor).toEqual(pki.root.signatureCertificate.der);
    expect(pki.crls.all()).toHaveLength(9);
  });

  test('a party certificate under the second brand validates against the one root, and not with the first brand chain', async () => {
    const keys = await pool.keyPair('key:C1:signature', 'signature');
    const other = pki.brand('OtherBrand');
    const certificate = await other.cca.issueCardholder(Uint8Array.of(0xab), keys.publicKey);
    const request = { certificate, trustAnchor: pki.trustAnchor, role: 'cardholder', usage: 'signature', day: 5, crls: pki.crls } as const;
    expect(await outcomeOf(validateCertificate(pool.ctx, { ...request, intermediates: other.cca.chain }))).toBe('accepted');
    expect(await outcomeOf(validateCertificate(pool.ctx, { ...request, intermediates: pki.brand().cca.chain }))).toBe('bad-certificate:untrusted');
  });

  test('a brand listed twice is refused', async () => {
    await expect(buildPki(pool, { clock: () => 0, brands: ['A', 'A'] })).rejects.toThrow(/twice/);
  });
});
