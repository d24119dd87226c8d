/**
 * CRLs and revocation (SET.md section 1): a revocation counts from its day on, covers CA
 * certificates too, comes last in the check order, and fails closed when no trustworthy CRL
 * of the issuer is at hand.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, test } from 'vitest';
import { bufferSource } from '../crypto/provider.ts';
import { ArgumentError } from '../errors.ts';
import { startOfDay } from './clock.ts';
import { CrlDirectory } from './crl-directory.ts';
import { parseCrl } from './crl-parser.ts';
import { parseCertificate } from './certificate-parser.ts';
import { encodeSmallInteger } from './der-fields.ts';
import { OID, x509SigningAlgorithm } from './profile.ts';
import { validateCertificate } from './validate.ts';
import { buildFixture, outcomeOf, validate, type PkiFixture } from './pki.test-helpers.ts';

let f: PkiFixture;
beforeAll(async () => {
  f = await buildFixture();
});

describe('revocation counts from its day on', () => {
  test('a cardholder certificate revoked on day 10 is good on day 9 and revoked from day 10', async () => {
    const { cca } = f.pki.brand();
    const certificate = await cca.issueCardholder(Uint8Array.of(0xc2), f.cardholder.keys.publicKey, { keyOwner: 'C2' });
    await cca.revoke(certificate, 10);
    expect(await outcomeOf(validate(f, certificate, { role: 'cardholder', day: 9 }))).toBe('accepted');
    expect(await validate(f, certificate, { role: 'cardholder', day: 10 })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:revoked', detail: 'revoked on day 10' } });
    expect(await outcomeOf(validate(f, certificate, { role: 'cardholder', day: 11 }))).toBe('bad-certificate:revoked');
    // Others of the same CA are untouched.
    expect(await outcomeOf(validate(f, f.cardholder.certificate, { role: 'cardholder', day: 11 }))).toBe('accepted');

    const crl = parseCrl(cca.crl);
    expect(crl.ok && crl.value.revoked.get(certificate.serial)).toBe(10);
    expect(cca.issued().find((r) => r.certificate.serial === certificate.serial)).toMatchObject({ keyOwner: 'C2', revokedOn: 10 });
  });

  test("revoke(party): every certificate of the merchant, both usages", async () => {
    const { mca } = f.pki.brand();
    const keys = { signature: f.merchant.keys.signature.publicKey, keyExchange: f.merchant.keys.keyExchange.publicKey };
    const certificates = await mca.issueMerchant('M5', keys);
    expect(await mca.revokeSubject('M5', 20)).toEqual([certificates.signature.serial, certificates.keyExchange.serial]);
    for (const [certificate, usage] of [[certificates.signature, 'signature'], [certificates.keyExchange, 'keyExchange']] as const) {
      expect(await outcomeOf(validate(f, certificate, { role: 'merchant', usage, day: 19 }))).toBe('accepted');
      expect(await outcomeOf(validate(f, certificate, { role: 'merchant', usage, day: 20 }))).toBe('bad-certificate:revoked');
    }
  });

  test('a revoked CA certificate revokes every chain through it', async () => {
    const { brand } = f.pki.brand();
    const pca2 = await brand.createSubordinate(f.pool, { name: 'PCA2', type: 'pca' });
    const keys = { signature: f.gateway.keys.signature.publicKey, keyExchange: f.gateway.keys.keyExchange.publicKey };
    const gateway = await pca2.issueGateway('P2', keys);
    await brand.revoke(pca2.signatureCertificate, 30);
    const request = { role: 'gateway', usage: 'keyExchange', intermediates: pca2.chain } as const;
    expect(await outcomeOf(validate(f, gateway.keyExchange, { ...request, day: 29 }))).toBe('accepted');
    expect(await validate(f, gateway.keyExchange, { ...request, day: 30 })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:revoked', certificate: 'PCA2 (chain[1])' } });
  });

  test('revocation is the last check: a revoked and expired certificate is expired', async () => {
    const { cca } = f.pki.brand();
    const certificate = await cca.issueCardholder(Uint8Array.of(0xc3), f.cardholder.keys.publicKey);
    await cca.revoke(certificate.serial, 5);
    expect(await outcomeOf(validate(f, certificate, { role: 'cardholder', day: 365 }))).toBe('bad-certificate:expired');
    expect(await outcomeOf(validate(f, certificate, { role: 'cardholder', usage: 'keyExchange', day: 6 }))).toBe('bad-certificate:wrong-usage');
  });
});

describe('without a trustworthy CRL the chain fails closed', () => {
  test('no CRL of the issuer in the directory: revoked', async () => {
    const result = await validateCertificate(f.ctx, {
      certificate: f.merchant.certificates.signature, intermediates: f.pki.brand().mca.chain, trustAnchor: f.pki.trustAnchor,
      role: 'merchant', usage: 'signature', day: 0, crls: new CrlDirectory(),
    });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:revoked', certificate: 'M1 (chain[0])' } });
  });

  test("a newer CRL naming the MCA but signed by another key: revoked, not ignored", async () => {
    const { mca } = f.pki.brand();
    const mallory = await f.pool.keyPair('key:Mallory:signature', 'signature');
    const forged = await x509.X509CrlGenerator.create(
      {
        issuer: new x509.Name(bufferSource(mca.signatureCertificate.subjectName)),
        thisUpdate: startOfDay(40),
        extensions: [
          await x509.AuthorityKeyIdentifierExtension.create(mca.signatureKeys.publicKey, false, f.ctx.crypto),
          new x509.Extension(OID.crlNumber, false, bufferSource(encodeSmallInteger(99))),
        ],
        signingKey: mallory.privateKey,
        signingAlgorithm: x509SigningAlgorithm(f.ctx.suite),
      },
      f.ctx.crypto,
    );
    const directory = new CrlDirectory();
    for (const crl of f.pki.crls.all()) directory.publish(crl.der);
    const request = { certificate: f.merchant.certificates.signature, intermediates: mca.chain, trustAnchor: f.pki.trustAnchor, role: 'merchant', usage: 'signature', day: 0 } as const;
    expect(await outcomeOf(validateCertificate(f.ctx, { ...request, crls: directory }))).toBe('accepted');
    expect(directory.publish(new Uint8Array(forged.rawData)).ok).toBe(true);
    expect(await validateCertificate(f.ctx, { ...request, crls: directory })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:revoked', detail: expect.stringContaining('does not verify') } });
  });

  test('the directory keeps the highest cRLNumber per issuer, found by the issuer key id', async () => {
    const { pca } = f.pki.brand();
    const older = await pca.publishCrl(1);
    const newer = await pca.publishCrl(2);
    const directory = new CrlDirectory();
    directory.publish(newer);
    directory.publish(older);
    const found = directory.find({ subjectName: pca.signatureCertificate.subjectName, subjectKeyId: null });
    expect(found).toBeNull(); // CRLs carrying an AKI are found by key id only
    const parsedCert = parseCertificate(pca.signatureCertificate.der);
    if (!parsedCert.ok) throw new Error('PCA certificate must parse');
    expect(directory.find(parsedCert.value)?.der).toEqual(newer);
    expect(directory.publish(Uint8Array.of(0x30, 0x00)).ok).toBe(false);
  });
});

describe('a CA issues only what the hierarchy allows', () => {
  test('wrong type for the CA, a usage the party has not, an unknown serial', async () => {
    const { cca, mca } = f.pki.brand();
    const key = f.merchant.keys.signature.publicKey;
    expect(() => cca.issue({ commonName: 'M1', publicKey: key, type: 'merchant', usage: 'signature' })).toThrow(ArgumentError);
    expect(() => cca.issue({ commonName: 'aa', publicKey: key, type: 'cardholder', usage: 'keyExchange' })).toThrow(ArgumentError);
    await expect(mca.revoke('ffff', 1)).rejects.toThrow(ArgumentError);
  });
});
