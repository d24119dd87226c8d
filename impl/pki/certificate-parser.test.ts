/**
 * The certificate profile as issued (SET.md section 1), read back by our strict reader, and the
 * strict-DER rules that reader enforces on certificates and CRLs.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeDer, encodeElement, encodeOctetString, encodeSequence, encodeUniversal, readChildren, TagClass, type DerElement } from '../wire/der.ts';
import { parseCertificate, type ParsedCertificate } from './certificate-parser.ts';
import { parseCrl } from './crl-parser.ts';
import { encodeOid, toHex } from './der-fields.ts';
import { KEY_USAGE_BIT, signatureAlgorithmIdentifier } from './profile.ts';
import { buildFixture, type PkiFixture } from './pki.test-helpers.ts';

let f: PkiFixture;
beforeAll(async () => {
  f = await buildFixture();
});

function parsed(der: Uint8Array): ParsedCertificate {
  const result = parseCertificate(der);
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.rule}`);
  return result.value;
}

const { digitalSignature, keyEncipherment, keyCertSign, cRLSign } = KEY_USAGE_BIT;

describe('issued certificates carry the SET.md section 1 profile', () => {
  test('per kind: basicConstraints, keyUsage, type, validity days', () => {
    const { root } = f.pki;
    const { brand, cca } = f.pki.brand();
    const rows: [string, Uint8Array, object][] = [
      ['RCA', root.signatureCertificate.der, { basicConstraints: { ca: true, pathLength: 2 }, keyUsageBits: new Set([digitalSignature, keyCertSign, cRLSign]), certType: 'root', validity: { firstDay: 0, lastDay: 3649 } }],
      ['BCA', brand.signatureCertificate.der, { basicConstraints: { ca: true, pathLength: 1 }, certType: 'brand' }],
      ['CCA signature', cca.signatureCertificate.der, { basicConstraints: { ca: true, pathLength: 0 }, certType: 'cca' }],
      ['CCA key exchange', cca.keyExchangeCertificate!.der, { basicConstraints: { ca: false, pathLength: undefined }, keyUsageBits: new Set([keyEncipherment]), certType: 'cca', validity: { firstDay: 0, lastDay: 3649 } }],
      ['cardholder', f.cardholder.certificate.der, { basicConstraints: { ca: false, pathLength: undefined }, keyUsageBits: new Set([digitalSignature]), certType: 'cardholder', validity: { firstDay: 0, lastDay: 364 } }],
      ['merchant key exchange', f.merchant.certificates.keyExchange.der, { keyUsageBits: new Set([keyEncipherment]), certType: 'merchant', commonName: 'M1' }],
      ['gateway signature', f.gateway.certificates.signature.der, { keyUsageBits: new Set([digitalSignature]), certType: 'gateway', commonName: 'P1' }],
    ];
    for (const [what, der, expected] of rows) expect(parsed(der), what).toMatchObject(expected);
  });

  test('names and key identifiers link each certificate to its issuer; the root is self-issued', () => {
    const rca = parsed(f.pki.root.signatureCertificate.der);
    expect(rca.authorityKeyId).toBe(rca.subjectKeyId);
    expect(rca.issuerName).toEqual(rca.subjectName);
    const cca = parsed(f.pki.brand().cca.signatureCertificate.der);
    const cardholder = parsed(f.cardholder.certificate.der);
    expect(cardholder.issuerName).toEqual(cca.subjectName);
    expect(cardholder.authorityKeyId).toBe(cca.subjectKeyId);
    expect(cardholder.subjectKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(toHex(cardholder.tbsSignatureAlgorithm)).toBe(toHex(signatureAlgorithmIdentifier(f.ctx.suite)));
    expect(cardholder.signatureAlgorithm).toEqual(cardholder.tbsSignatureAlgorithm);
  });

  test('serial numbers count from 1 per CA and never repeat', () => {
    const { cca } = f.pki.brand();
    const serials = cca.issued().map((record) => record.certificate.serial);
    expect(serials[0]).toBe('01');
    expect(new Set(serials).size).toBe(serials.length);
    expect(parsed(f.pki.root.signatureCertificate.der).serial).toBe('01');
  });

  test("each CA's first CRL: its issuer, key id, number 1, nothing revoked", () => {
    const { mca } = f.pki.brand();
    const crl = parseCrl(mca.crl);
    if (!crl.ok) throw new Error(crl.error.rule);
    const certificate = parsed(mca.signatureCertificate.der);
    expect(crl.value).toMatchObject({ issuerName: certificate.subjectName, authorityKeyId: certificate.subjectKeyId, crlNumber: 1 });
    expect(crl.value.revoked.size).toBe(0);
    expect(crl.value.signatureAlgorithm).toEqual(signatureAlgorithmIdentifier(f.ctx.suite));
  });
});

/** Rebuilds a certificate with TBS field `index` replaced (the signature no longer matters to the reader). */
function withTbsField(der: Uint8Array, index: number, replace: (field: DerElement) => Uint8Array): Uint8Array {
  const [tbs, algorithm, signature] = children(decoded(der));
  const fields = children(tbs!).map((field, at) => (at === index ? replace(field) : field.raw));
  return encodeSequence(encodeSequence(...fields), algorithm!.raw, signature!.raw);
}

/** Rebuilds the extension list of a certificate. */
const withExtensions = (der: Uint8Array, edit: (extensions: Uint8Array[]) => Uint8Array[]): Uint8Array =>
  withTbsField(der, 7, (wrapper) => encodeElement(TagClass.context, true, 3, encodeSequence(...edit(children(children(wrapper)[0]!).map((e) => e.raw)))));

const extension = (oid: string, critical: boolean | 'explicit-false', value: Uint8Array): Uint8Array =>
  encodeSequence(encodeOid(oid), ...(critical === false ? [] : [encodeUniversal(1, Uint8Array.of(critical === true ? 0xff : 0x00))]), encodeOctetString(value));

function decoded(der: Uint8Array): DerElement {
  const element = decodeDer(der);
  if (!element.ok) throw new Error(element.error.rule);
  return element.value;
}
function children(element: DerElement): DerElement[] {
  const list = readChildren(element);
  if (!list.ok) throw new Error(list.error.rule);
  return list.value;
}

describe('the reader enforces strict DER and the profile', () => {
  const cases: [string, (der: Uint8Array) => Uint8Array, string][] = [
    ['a non-minimal INTEGER serial', (der) => withTbsField(der, 1, () => Uint8Array.of(2, 2, 0, 1)), 'INTEGER not minimal'],
    ['a zero serial', (der) => withTbsField(der, 1, () => Uint8Array.of(2, 1, 0)), 'zero serial number'],
    ['version 1', (der) => withTbsField(der, 0, () => Uint8Array.of(0xa0, 3, 2, 1, 0)), 'version 1, expected v3'],
    ['GeneralizedTime before 2050', (der) => withTbsField(der, 4, () => encodeSequence(encodeUniversal(0x18, new TextEncoder().encode('20260101000000Z')), encodeUniversal(0x17, new TextEncoder().encode('270101000000Z')))), 'GeneralizedTime used for a year before 2050'],
    ['31 February', (der) => withTbsField(der, 4, () => encodeSequence(encodeUniversal(0x17, new TextEncoder().encode('260231000000Z')), encodeUniversal(0x17, new TextEncoder().encode('270101000000Z')))), 'Time is not a calendar date'],
    ['a subject without commonName', (der) => withTbsField(der, 5, () => encodeSequence()), 'no commonName'],
    ['an unrecognised critical extension', (der) => withExtensions(der, (list) => [...list, extension('1.2.3.4', true, Uint8Array.of(5, 0))]), 'unrecognised critical extension'],
    ['an extension twice', (der) => withExtensions(der, (list) => [...list, list[2]!]), 'extension appears twice'],
    ['critical written as FALSE', (der) => withExtensions(der, (list) => [extension('1.2.3.4', 'explicit-false', Uint8Array.of(5, 0)), ...list]), 'explicit FALSE (DEFAULT must be omitted)'],
    ['cA written as FALSE', (der) => withExtensions(der, (list) => [extension('2.5.29.19', true, encodeSequence(encodeUniversal(1, Uint8Array.of(0)))), ...list.slice(1)]), 'cA FALSE written out (DEFAULT must be omitted)'],
    ['a BOOLEAN that is 0x01', (der) => Buffer.from(toHex(der).replace('0101ff', '010101'), 'hex'), 'BOOLEAN not DER (0x00 or 0xFF)'],
  ];
  test.each(cases)('%s is malformed', (_, mutate, rule) => {
    const result = parseCertificate(mutate(f.merchant.certificates.signature.der));
    expect(result).toMatchObject({ ok: false, error: { rule } });
  });

  test('the untouched rebuild still parses (the mutations above are the only change)', () => {
    const same = withExtensions(f.merchant.certificates.signature.der, (list) => list);
    expect(same).toEqual(f.merchant.certificates.signature.der);
  });
});
