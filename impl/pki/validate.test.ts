/**
 * Path validation (SET.md section 1): honest certificates of every party validate, and each
 * rejection reason is produced by the certificate that should produce it, in section 1's order.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { bufferSource } from '../crypto/provider.ts';
import { decodeDer, encodeSequence, readChildren } from '../wire/der.ts';
import { toHex } from './der-fields.ts';
import { describeCertificateFailure } from './failures.ts';
import { signatureAlgorithmIdentifier } from './profile.ts';
import { issueCertificate } from './issue.ts';
import { buildFixture, forge, intermediatesFor, outcomeOf, TEST_PAN, validate, type PkiFixture } from './pki.test-helpers.ts';

let f: PkiFixture;
beforeAll(async () => {
  f = await buildFixture();
});

describe('honest certificates validate', () => {
  test('cardholder, merchant (both usages) and gateway (both usages)', async () => {
    const cases = [
      [f.cardholder.certificate, 'cardholder', 'signature'],
      [f.merchant.certificates.signature, 'merchant', 'signature'],
      [f.merchant.certificates.keyExchange, 'merchant', 'keyExchange'],
      [f.gateway.certificates.signature, 'gateway', 'signature'],
      [f.gateway.certificates.keyExchange, 'gateway', 'keyExchange'],
    ] as const;
    for (const [certificate, role, usage] of cases) {
      const result = await validate(f, certificate, { role, usage });
      expect(result.ok ? result.value : result.error, `${role} ${usage}`).toMatchObject({ commonName: certificate.commonName, type: role, usage, serial: certificate.serial });
    }
  });

  test("the CAs' own certificates validate for their role (CardCInitRes checks both of the CCA's)", async () => {
    const { cca, mca } = f.pki.brand();
    expect(await outcomeOf(validate(f, cca.signatureCertificate, { role: 'cca' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, cca.keyExchangeCertificate!, { role: 'cca', usage: 'keyExchange' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, mca.keyExchangeCertificate!, { role: 'mca', usage: 'keyExchange' }))).toBe('accepted');
  });

  test('the validated certificate carries its thumbprint H(DER) and a usable key for its usage', async () => {
    const signature = await validate(f, f.merchant.certificates.signature, { role: 'merchant' });
    const exchange = await validate(f, f.merchant.certificates.keyExchange, { role: 'merchant', usage: 'keyExchange' });
    if (!signature.ok || !exchange.ok) throw new Error('honest merchant certificates must validate');
    const digest = new Uint8Array(await f.ctx.subtle.digest('SHA-256', bufferSource(f.merchant.certificates.signature.der)));
    expect(signature.value.thumbprint).toEqual(digest);
    expect(signature.value.thumbprint).toHaveLength(32);
    expect(signature.value.publicKey.algorithm.name).toBe('RSA-PSS');
    expect(exchange.value.publicKey.algorithm.name).toBe('RSA-OAEP');

    const message = new TextEncoder().encode('PInitRes');
    const pss = { name: 'RSA-PSS', saltLength: 32 };
    const signed = await f.ctx.subtle.sign(pss, f.merchant.keys.signature.privateKey, message);
    expect(await f.ctx.subtle.verify(pss, signature.value.publicKey, signed, message)).toBe(true);
    const sealed = await f.ctx.subtle.encrypt({ name: 'RSA-OAEP' }, exchange.value.publicKey, message);
    expect(new Uint8Array(await f.ctx.subtle.decrypt({ name: 'RSA-OAEP' }, f.merchant.keys.keyExchange.privateKey, sealed))).toEqual(message);
  });

  test('issued certificates carry exactly the profile signature algorithm (RSA-PSS SHA-256, salt 32)', () => {
    const expected = toHex(signatureAlgorithmIdentifier(f.ctx.suite));
    expect(toHex(f.merchant.certificates.signature.der)).toContain(expected);
    expect(expected).toBe('303d06092a864886f70d01010a3030a00d300b0609608648016503040201a11a301806092a864886f70d010108300b0609608648016503040201a203020120');
  });
});

describe('the cardholder certificate never carries the PAN', () => {
  test('its subject is the UniqueCardholderID in hex, and no PAN encoding appears in its DER', () => {
    const der = f.cardholder.certificate.der;
    expect(f.cardholder.certificate.commonName).toBe(toHex(f.cardholder.uniqueCardholderId));
    const ascii = toHex(new TextEncoder().encode(TEST_PAN));
    const bcd = TEST_PAN.toLowerCase(); // packed BCD octets read as hex are the digits themselves
    expect(toHex(der)).not.toContain(ascii);
    expect(toHex(der)).not.toContain(bcd);
    expect(Buffer.from(der).toString('latin1')).not.toContain(TEST_PAN.slice(0, 6));
  });
});

describe('each rejection has its own reason', () => {
  test('untrusted: a chain under a second root with the same name as RCA', async () => {
    const rogue = await f.pool.keyPair('key:RogueRCA:signature', 'signature');
    const rogueRoot = await forge(f, { commonName: 'RCA', subjectPublicKey: rogue.publicKey, type: 'root', usage: 'signature' }, { name: null, publicKey: rogue.publicKey }, rogue.privateKey);
    const rogueCca = await forge(f, { commonName: 'CCA', subjectPublicKey: rogue.publicKey, type: 'cca', usage: 'signature' }, { name: rogueRoot.subjectName, publicKey: rogue.publicKey }, rogue.privateKey);
    const leaf = await forge(f, { commonName: 'aa', subjectPublicKey: f.cardholder.keys.publicKey, type: 'cardholder', usage: 'signature' }, { name: rogueCca.subjectName, publicKey: rogue.publicKey }, rogue.privateKey);
    expect(rogueRoot.subjectName).toEqual(f.pki.root.signatureCertificate.subjectName);
    const result = await validate(f, leaf, { role: 'cardholder', intermediates: [rogueCca.der, rogueRoot.der] });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:untrusted', certificate: 'RCA (chain[2])' } });
    expect(await outcomeOf(validate(f, rogueRoot, { role: 'root', intermediates: [] }))).toBe('bad-certificate:untrusted');
  });

  test('untrusted: the issuing CA certificate is not supplied', async () => {
    expect(await outcomeOf(validate(f, f.cardholder.certificate, { role: 'cardholder', intermediates: [] }))).toBe('bad-certificate:untrusted');
  });

  test('bad-chain-signature: signed by another key while naming the MCA (name and key id)', async () => {
    const mallory = await f.pool.keyPair('key:Mallory:signature', 'signature');
    const { mca } = f.pki.brand();
    const forged = await forge(
      f,
      { commonName: 'M1', subjectPublicKey: mallory.publicKey, type: 'merchant', usage: 'signature' },
      { name: mca.signatureCertificate.subjectName, publicKey: mca.signatureKeys.publicKey },
      mallory.privateKey,
    );
    expect(await validate(f, forged, { role: 'merchant' })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:bad-chain-signature', certificate: 'M1 (chain[0])' } });
    // Signature comes before dates: the same forgery on an expiry day is still a bad signature.
    expect(await outcomeOf(validate(f, forged, { role: 'merchant', day: 5000 }))).toBe('bad-certificate:bad-chain-signature');
  });

  test('bad-chain-signature: the outer signatureAlgorithm differs from the signed one', async () => {
    const [tbs, , signature] = childrenOf(f.merchant.certificates.signature.der);
    const salt20 = signatureAlgorithmIdentifier({ ...f.ctx.suite, signature: { name: 'RSA-PSS', saltLength: 20 } });
    const rewrapped = encodeSequence(tbs!.raw, salt20, signature!.raw);
    expect(await validate(f, rewrapped, { role: 'merchant' })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:bad-chain-signature', detail: 'outer signatureAlgorithm differs from the signed one' } });
  });

  test('bad-chain-signature: a consistent but non-profile algorithm (PSS salt 20)', async () => {
    const { mca } = f.pki.brand();
    const otherSuite = { ...f.ctx, suite: { ...f.ctx.suite, signature: { name: 'RSA-PSS' as const, saltLength: 20 } } };
    const certificate = await issueCertificate(otherSuite, {
      serial: '7f', commonName: 'M1', subjectPublicKey: f.merchant.keys.signature.publicKey, type: 'merchant', usage: 'signature', day: 0,
      issuer: { name: mca.signatureCertificate.subjectName, publicKey: mca.signatureKeys.publicKey, signingKey: mca.signatureKeys.privateKey },
    });
    expect(await outcomeOf(validate(f, certificate, { role: 'merchant' }))).toBe('bad-certificate:bad-chain-signature');
  });

  test('expired and not-yet-valid, with the first and last valid days accepted', async () => {
    const merchant = f.merchant.certificates.signature; // issued day 0: valid 0..364
    expect(await outcomeOf(validate(f, merchant, { role: 'merchant', day: 0 }))).toBe('accepted');
    expect(await outcomeOf(validate(f, merchant, { role: 'merchant', day: 364 }))).toBe('accepted');
    expect(await outcomeOf(validate(f, merchant, { role: 'merchant', day: 365 }))).toBe('bad-certificate:expired');

    const { cca } = f.pki.brand();
    const late = await cca.issueCardholder(Uint8Array.of(1, 2, 3), f.cardholder.keys.publicKey, { day: 10 });
    expect(await outcomeOf(validate(f, late, { role: 'cardholder', day: 9 }))).toBe('bad-certificate:not-yet-valid');
    expect(await outcomeOf(validate(f, late, { role: 'cardholder', day: 10 }))).toBe('accepted');
    expect(await outcomeOf(validate(f, late, { role: 'cardholder', day: 374 }))).toBe('accepted');
    expect(await outcomeOf(validate(f, late, { role: 'cardholder', day: 375 }))).toBe('bad-certificate:expired');
  });

  test('CA certificates live 3650 days: day 3649 accepted, day 3650 the CCA has expired', async () => {
    const { cca } = f.pki.brand();
    const leaf = await cca.issueCardholder(Uint8Array.of(9), f.cardholder.keys.publicKey, { day: 3600 });
    expect(await outcomeOf(validate(f, leaf, { role: 'cardholder', day: 3649 }))).toBe('accepted');
    expect(await validate(f, leaf, { role: 'cardholder', day: 3650 })).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:expired', certificate: 'CCA (chain[1])' } });
  });

  test('not-a-ca: a merchant certificate used as an issuer', async () => {
    const { mca } = f.pki.brand();
    const merchantSig = f.merchant.certificates.signature;
    const forged = await forge(
      f,
      { commonName: 'M9', subjectPublicKey: f.merchant.keys.signature.publicKey, type: 'merchant', usage: 'signature' },
      { name: merchantSig.subjectName, publicKey: f.merchant.keys.signature.publicKey },
      f.merchant.keys.signature.privateKey,
    );
    const result = await validate(f, forged, { role: 'merchant', intermediates: [merchantSig.der, ...mca.chain] });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:not-a-ca', certificate: 'M1 (chain[1])' } });
  });

  test('not-a-ca: a CA below the CCA exceeds the CCA path length 0', async () => {
    const { cca } = f.pki.brand();
    const sub = await f.pool.keyPair('key:SubCA:signature', 'signature');
    const subCa = await forge(f, { commonName: 'SubCA', subjectPublicKey: sub.publicKey, type: 'cca', usage: 'signature' }, { name: cca.signatureCertificate.subjectName, publicKey: cca.signatureKeys.publicKey }, cca.signatureKeys.privateKey);
    const leaf = await forge(f, { commonName: 'bb', subjectPublicKey: f.cardholder.keys.publicKey, type: 'cardholder', usage: 'signature' }, { name: subCa.subjectName, publicKey: sub.publicKey }, sub.privateKey);
    const result = await validate(f, leaf, { role: 'cardholder', intermediates: [subCa.der, ...cca.chain] });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:not-a-ca', certificate: 'CCA (chain[2])' } });
  });

  test('wrong-type: a merchant certificate where a gateway is expected', async () => {
    const result = await validate(f, f.merchant.certificates.keyExchange, { role: 'gateway', usage: 'keyExchange', intermediates: intermediatesFor(f.pki, 'merchant') });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:wrong-type', detail: 'is a merchant certificate, expected gateway' } });
  });

  test('wrong-type: a cardholder certificate issued directly by the MCA', async () => {
    const { mca } = f.pki.brand();
    const leaf = await forge(f, { commonName: 'cc', subjectPublicKey: f.cardholder.keys.publicKey, type: 'cardholder', usage: 'signature' }, { name: mca.signatureCertificate.subjectName, publicKey: mca.signatureKeys.publicKey }, mca.signatureKeys.privateKey);
    const result = await validate(f, leaf, { role: 'cardholder', intermediates: mca.chain });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:wrong-type', detail: 'a cardholder issued by a mca, expected cca' } });
  });

  test('wrong-type: the certificate-type extension missing, with zero bits, two bits, or a type we do not use', async () => {
    const { cca } = f.pki.brand();
    const values = [null, Uint8Array.of(3, 1, 0), Uint8Array.of(3, 2, 6, 0xc0), Uint8Array.of(3, 2, 1, 0x02), Uint8Array.of(4, 1, 0x80)];
    for (const certTypeValue of values) {
      const leaf = await forge(
        f,
        { commonName: 'dd', subjectPublicKey: f.cardholder.keys.publicKey, type: 'cardholder', usage: 'signature', overrides: { certTypeValue } },
        { name: cca.signatureCertificate.subjectName, publicKey: cca.signatureKeys.publicKey },
        cca.signatureKeys.privateKey,
      );
      expect(await outcomeOf(validate(f, leaf, { role: 'cardholder' })), String(certTypeValue)).toBe('bad-certificate:wrong-type');
    }
  });

  test('wrong-usage: a key-exchange certificate where a signature certificate is required, and vice versa', async () => {
    expect(await outcomeOf(validate(f, f.merchant.certificates.keyExchange, { role: 'merchant', usage: 'signature' }))).toBe('bad-certificate:wrong-usage');
    expect(await outcomeOf(validate(f, f.gateway.certificates.signature, { role: 'gateway', usage: 'keyExchange' }))).toBe('bad-certificate:wrong-usage');
    expect(await outcomeOf(validate(f, f.cardholder.certificate, { role: 'cardholder', usage: 'keyExchange' }))).toBe('bad-certificate:wrong-usage');
  });

  test('wrong-usage: an issuer whose keyUsage lacks keyCertSign and cRLSign', async () => {
    const { brand } = f.pki.brand();
    const sub = await f.pool.keyPair('key:SubCA:signature', 'signature');
    const ca = await forge(
      f,
      { commonName: 'CCA-NoSign', subjectPublicKey: sub.publicKey, type: 'cca', usage: 'signature', overrides: { profile: { keyUsageBits: [0] } } },
      { name: brand.signatureCertificate.subjectName, publicKey: brand.signatureKeys.publicKey },
      brand.signatureKeys.privateKey,
    );
    const leaf = await forge(f, { commonName: 'ee', subjectPublicKey: f.cardholder.keys.publicKey, type: 'cardholder', usage: 'signature' }, { name: ca.subjectName, publicKey: sub.publicKey }, sub.privateKey);
    const result = await validate(f, leaf, { role: 'cardholder', intermediates: [ca.der, brand.signatureCertificate.der] });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'bad-certificate:wrong-usage', certificate: 'CCA-NoSign (chain[1])' } });
    if (!result.ok) expect(describeCertificateFailure(result.error)).toBe('bad-certificate:wrong-usage: CCA-NoSign (chain[1]): issuer without keyCertSign and cRLSign');
  });

  test('check kinds run in SET.md order across the chain: dates before type, type before usage', async () => {
    const { mca } = f.pki.brand();
    const late = await mca.issue({ commonName: 'M7', publicKey: f.merchant.keys.keyExchange.publicKey, type: 'merchant', usage: 'keyExchange', day: 20 });
    // Wrong type (gateway expected) and wrong usage (signature expected) too, but not yet valid first.
    expect(await outcomeOf(validate(f, late, { role: 'gateway', usage: 'signature', day: 19, intermediates: mca.chain }))).toBe('bad-certificate:not-yet-valid');
    expect(await outcomeOf(validate(f, late, { role: 'gateway', usage: 'signature', day: 20, intermediates: mca.chain }))).toBe('bad-certificate:wrong-type');
  });
});

describe('bytes that are not a strict-DER certificate are malformed, naming the certificate', () => {
  test('truncated, trailing octet, non-minimal length', async () => {
    const der = f.merchant.certificates.signature.der;
    const longLength = Uint8Array.from([0x30, 0x83, 0x00, ...der.subarray(2)]);
    const cases = [der.subarray(0, der.length - 1), Uint8Array.from([...der, 0]), longLength, new Uint8Array(0)];
    for (const bytes of cases) {
      const result = await validate(f, bytes, { role: 'merchant' });
      expect(result).toMatchObject({ ok: false, error: { outcome: 'malformed', field: 'certificate.Certificate' } });
      if (!result.ok) expect(describeCertificateFailure(result.error)).toMatch(/^malformed: certificate\.Certificate: /);
    }
  });

  test('a malformed intermediate is named by its place', async () => {
    const { mca } = f.pki.brand();
    const result = await validate(f, f.merchant.certificates.signature, { role: 'merchant', intermediates: [mca.chain[0]!.subarray(1), mca.chain[1]!] });
    expect(result).toMatchObject({ ok: false, error: { outcome: 'malformed', field: 'intermediates[0].Certificate' } });
  });
});

function childrenOf(der: Uint8Array) {
  const outer = decodeDer(der);
  if (!outer.ok) throw new Error('test certificate must decode');
  const children = readChildren(outer.value);
  if (!children.ok) throw new Error('test certificate must decode');
  return children.value;
}
