/** SET.md 1 path validation: every reason, in SET.md's order, with validity per D1 and revocation per SET.md 1. */
import { describe, expect, test } from 'vitest';
import { agent, certificate, nonce, privateKey, publicKey, type Certificate } from '../terms/index.ts';
import { issueCertificate, standardPki, validateCertificate, type ValidationContext } from './index.ts';

const pki = standardPki();
const at = (day: number, crl: [Certificate, number][] = []): ValidationContext => ({ day, pki, crl: new Map(crl.map(([c, d]) => [c.id, d])) });
const merchantCert = issueCertificate({ issuer: 'MCA', subject: 'M1', subjectKey: publicKey('M1', 'signature'), type: 'merchant', usage: 'signature', day: 10, serial: 1 });
const use = { type: 'merchant', usage: 'signature' } as const;
const variant = (changes: Partial<Parameters<typeof certificate>[0]>): Certificate => certificate({
  subject: merchantCert.subject, subjectKey: merchantCert.subjectKey, certType: merchantCert.certType, usage: merchantCert.usage,
  firstDay: merchantCert.firstDay, lastDay: merchantCert.lastDay, serial: merchantCert.serial, issuer: merchantCert.issuer, signer: merchantCert.signer, ...changes,
});

describe('validity per D1: issued on day d, valid d .. d+364 (CAs d .. d+3649), both ends inclusive', () => {
  test.each([
    [9, 'not-yet-valid'], [10, undefined], [374, undefined], [375, 'expired'],
  ] as const)('day %i: %s', (day, reason) => {
    expect(validateCertificate(merchantCert, use, at(day))).toBe(reason);
  });

  test('a CA certificate issued on day 0 is valid through day 3649', () => {
    const cca = pki.cas.get('CCA')!.signature;
    expect(validateCertificate(cca, { type: 'cca', usage: 'signature' }, at(3649))).toBeUndefined();
    expect(validateCertificate(cca, { type: 'cca', usage: 'signature' }, at(3650))).toBe('expired');
  });
});

describe('each reason, and the first failure wins', () => {
  test('untrusted: the issuer is no CA of the chain', () => {
    expect(validateCertificate(variant({ issuer: agent('M2'), signer: privateKey('M2', 'signature') }), use, at(20))).toBe('untrusted');
    expect(validateCertificate(nonce('not-a-certificate'), use, at(20))).toBe('untrusted');
  });

  test('bad-chain-signature: signed by someone else than the CA it names', () => {
    expect(validateCertificate(variant({ signer: privateKey('att-1', 'signature') }), use, at(20))).toBe('bad-chain-signature');
  });

  test('bad-chain-signature comes before expired', () => {
    expect(validateCertificate(variant({ signer: privateKey('att-1', 'signature') }), use, at(400))).toBe('bad-chain-signature');
  });

  test('wrong-type: the use, then the place in the chain', () => {
    expect(validateCertificate(merchantCert, { type: 'cardholder', usage: 'signature' }, at(20))).toBe('wrong-type');
    const cardholderByMca = variant({ certType: 'cardholder' });
    expect(validateCertificate(cardholderByMca, { type: 'cardholder', usage: 'signature' }, at(20))).toBe('wrong-type');
  });

  test('wrong-usage after type', () => {
    expect(validateCertificate(merchantCert, { type: 'merchant', usage: 'keyExchange' }, at(20))).toBe('wrong-usage');
  });

  test('revoked: on the CRL from that day on', () => {
    expect(validateCertificate(merchantCert, use, at(20, [[merchantCert, 21]]))).toBeUndefined();
    expect(validateCertificate(merchantCert, use, at(21, [[merchantCert, 21]]))).toBe('revoked');
    expect(validateCertificate(merchantCert, use, at(22, [[merchantCert, 21]]))).toBe('revoked');
  });

  test('a revoked CA revokes the chain below it', () => {
    expect(validateCertificate(merchantCert, use, at(20, [[pki.cas.get('MCA')!.signature, 5]]))).toBe('revoked');
  });

  test('expired comes before revoked, wrong-usage before revoked', () => {
    expect(validateCertificate(merchantCert, use, at(400, [[merchantCert, 11]]))).toBe('expired');
    expect(validateCertificate(merchantCert, { type: 'merchant', usage: 'keyExchange' }, at(20, [[merchantCert, 11]]))).toBe('wrong-usage');
  });

  test('not-a-ca: a chain longer than a CA\'s path length allows', () => {
    // a sub-CA under MCA (path length 0), issuing a merchant certificate
    const sub = issueCertificate({ issuer: 'MCA', subject: 'SUB', subjectKey: publicKey('SUB', 'signature'), type: 'mca', usage: 'signature', day: 0, serial: 9 });
    const leaf = issueCertificate({ issuer: 'SUB', subject: 'M9', subjectKey: publicKey('M9', 'signature'), type: 'merchant', usage: 'signature', day: 0, serial: 1 });
    const withSub = { ...pki, cas: new Map([...pki.cas, ['SUB', { signature: sub }]]) };
    expect(validateCertificate(leaf, use, { day: 1, pki: withSub, crl: new Map() })).toBe('not-a-ca');
  });

  test('options: no chain (no-chain-validation), no CRL (no-revocation-check), any type and usage (any-cert-for-encryption)', () => {
    const forged = variant({ signer: privateKey('att-1', 'signature') });
    expect(validateCertificate(forged, use, at(20), { chain: false, revocation: true, typeAndUsage: true })).toBeUndefined();
    expect(validateCertificate(merchantCert, use, at(30, [[merchantCert, 20]]), { chain: true, revocation: false, typeAndUsage: true })).toBeUndefined();
    expect(validateCertificate(merchantCert, { type: 'gateway', usage: 'keyExchange' }, at(20), { chain: true, revocation: true, typeAndUsage: false })).toBeUndefined();
  });
});
