/**
 * Reads an X.509 v2 CRL (SET.md section 1: each CA publishes one) from strict DER: the signed
 * TBS bytes, the issuer, the CRL number that orders a CA's CRLs, and each revoked serial with
 * the day it was revoked on (the day containing revocationDate). Never throws.
 */
import { err, ok, type Result } from '../result.ts';
import { decodeDer, readChildren, TagClass, Universal, type DerElement } from '../wire/der.ts';
import type { FieldFailure } from './certificate-parser.ts';
import { dayOf } from './clock.ts';
import {
  checkStrictDer, expectTag, expectUniversal, readBoolean, readOctetAlignedBits, readOid, readSerialHex,
  readSmallInteger, readTime, sequenceChildren, toHex, type Rule,
} from './der-fields.ts';
import { OID } from './profile.ts';

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly tbsSignatureAlgorithm: Uint8Array;
  readonly signatureAlgorithm: Uint8Array;
  readonly signature: Uint8Array;
  readonly issuerName: Uint8Array;
  readonly authorityKeyId: string | null;
  readonly crlNumber: number | null;
  readonly thisUpdate: Date;
  /** Revoked serial (hex, as ParsedCertificate.serial) → revocation day. */
  readonly revoked: ReadonlyMap<string, number>;
}

type Parse<T> = Result<T, FieldFailure>;
const lift = <T>(field: string, rule: Rule<T>): Parse<T> => (rule.ok ? rule : err({ field, rule: rule.error }));
const fail = (field: string, rule: string): { ok: false; error: FieldFailure } => err({ field, rule });

export function parseCrl(der: Uint8Array): Parse<ParsedCrl> {
  const outer = decodeDer(der);
  if (!outer.ok) return fail('CertificateList', outer.error.rule);
  const strict = lift('CertificateList', checkStrictDer(outer.value));
  if (!strict.ok) return strict;
  const parts = lift('CertificateList', sequenceChildren(outer.value, 'CertificateList', 3));
  if (!parts.ok) return parts;
  const [tbsElement, algorithm, signatureBits] = parts.value as [DerElement, DerElement, DerElement];
  const signature = lift('signatureValue', readOctetAlignedBits(signatureBits));
  if (!signature.ok) return signature;

  const field = 'tbsCertList';
  const fields = lift(field, sequenceChildren(tbsElement, 'TBSCertList', 4, 7));
  if (!fields.ok) return fields;
  const queue = [...fields.value];
  // The profile writes v2 (version 1), which extensions require.
  const version = lift(`${field}.version`, readSmallInteger(queue.shift()!));
  if (!version.ok) return version;
  if (version.value !== 1) return fail(`${field}.version`, 'expected v2');
  const tbsAlgorithm = queue.shift()!;
  const algorithmTag = lift(`${field}.signature`, expectUniversal(tbsAlgorithm, Universal.sequence, 'AlgorithmIdentifier', true));
  if (!algorithmTag.ok) return algorithmTag;
  const issuer = queue.shift()!;
  const issuerTag = lift(`${field}.issuer`, expectUniversal(issuer, Universal.sequence, 'Name', true));
  if (!issuerTag.ok) return issuerTag;
  const thisUpdate = lift(`${field}.thisUpdate`, readTime(queue.shift()!));
  if (!thisUpdate.ok) return thisUpdate;
  if (queue[0] && !queue[0].constructed && queue[0].tagClass === TagClass.universal) {
    const nextUpdate = lift(`${field}.nextUpdate`, readTime(queue.shift()!));
    if (!nextUpdate.ok) return nextUpdate;
  }
  let revoked = new Map<string, number>();
  if (queue[0]?.tagClass === TagClass.universal && queue[0].tagNumber === Universal.sequence) {
    const entries = readEntries(queue.shift()!);
    if (!entries.ok) return entries;
    revoked = entries.value;
  }
  let extensions: CrlExtensions = { authorityKeyId: null, crlNumber: null };
  if (queue[0]) {
    const read = readCrlExtensions(queue.shift()!);
    if (!read.ok) return read;
    extensions = read.value;
  }
  if (queue.length > 0) return fail(field, 'unexpected trailing fields');
  return ok({
    der,
    tbs: tbsElement.raw,
    tbsSignatureAlgorithm: tbsAlgorithm.raw,
    signatureAlgorithm: algorithm.raw,
    signature: signature.value,
    issuerName: issuer.raw,
    thisUpdate: thisUpdate.value,
    revoked,
    ...extensions,
  });
}

function readEntries(element: DerElement): Parse<Map<string, number>> {
  const field = 'tbsCertList.revokedCertificates';
  const entries = lift(field, sequenceChildren(element, 'revokedCertificates', 0, Number.MAX_SAFE_INTEGER));
  if (!entries.ok) return entries;
  const revoked = new Map<string, number>();
  for (const [index, entry] of entries.value.entries()) {
    const at = `${field}[${index}]`;
    const parts = lift(at, sequenceChildren(entry, 'RevokedCertificate', 2, 3));
    if (!parts.ok) return parts;
    const serial = lift(`${at}.userCertificate`, readSerialHex(parts.value[0]!));
    if (!serial.ok) return serial;
    const date = lift(`${at}.revocationDate`, readTime(parts.value[1]!));
    if (!date.ok) return date;
    if (revoked.has(serial.value)) return fail(at, 'serial listed twice');
    revoked.set(serial.value, dayOf(date.value));
  }
  return ok(revoked);
}

interface CrlExtensions {
  readonly authorityKeyId: string | null;
  readonly crlNumber: number | null;
}

function readCrlExtensions(element: DerElement): Parse<CrlExtensions> {
  const field = 'tbsCertList.crlExtensions';
  const tag = lift(field, expectTag(element, TagClass.context, true, 0, '[0] crlExtensions'));
  if (!tag.ok) return tag;
  const wrapper = readChildren(element);
  if (!wrapper.ok || wrapper.value.length !== 1) return fail(field, '[0] must hold one SEQUENCE');
  const list = lift(field, sequenceChildren(wrapper.value[0]!, 'Extensions', 1, 16));
  if (!list.ok) return list;
  const result = { authorityKeyId: null as string | null, crlNumber: null as number | null };
  for (const [index, extension] of list.value.entries()) {
    const at = `${field}[${index}]`;
    const parts = lift(at, sequenceChildren(extension, 'Extension', 2, 3));
    if (!parts.ok) return parts;
    const oid = lift(`${at}.extnID`, readOid(parts.value[0]!));
    if (!oid.ok) return oid;
    const critical = parts.value.length === 3 ? lift(`${at}.critical`, readBoolean(parts.value[1]!)) : ok(false);
    if (!critical.ok) return critical;
    const octets = lift(`${at}.extnValue`, expectUniversal(parts.value[parts.value.length - 1]!, Universal.octetString, 'OCTET STRING'));
    if (!octets.ok) return octets;
    const inner = decodeDer(octets.value.content);
    if (!inner.ok) return fail(at, inner.error.rule);
    if (oid.value === OID.crlNumber) {
      const number = lift(at, readSmallInteger(inner.value));
      if (!number.ok) return number;
      result.crlNumber = number.value;
    } else if (oid.value === OID.authorityKeyIdentifier) {
      const aki = lift(at, sequenceChildren(inner.value, 'AuthorityKeyIdentifier', 1));
      if (!aki.ok) return aki;
      const keyId = lift(at, expectTag(aki.value[0]!, TagClass.context, false, 0, '[0] keyIdentifier'));
      if (!keyId.ok) return keyId;
      result.authorityKeyId = toHex(keyId.value.content);
    } else if (critical.value) {
      return fail(at, 'unrecognised critical CRL extension');
    }
  }
  return ok(result);
}
