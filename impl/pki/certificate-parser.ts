/**
 * Reads an X.509 v3 certificate of the SET profile (SET.md section 1) from strict DER, with our
 * own reader rather than x509's (which accepts BER and throws), so any byte string ends in a
 * ParsedCertificate or a failure naming the field and rule. The TBS bytes are kept exactly as
 * received: the chain signature is verified over them, so no re-encoding can hide a change.
 * Only the certificate-type extension is read leniently: when missing or bad it parses to
 * `certType: null`, which validation reports as `wrong-type` (not `malformed`).
 */
import { err, ok, type Result } from '../result.ts';
import { decodeDer, readChildren, TagClass, Universal, type DerElement } from '../wire/der.ts';
import { decodeCertType, SET_CERT_TYPE_OID, type CertType } from './cert-type.ts';
import { validDays, type ValidityDays } from './clock.ts';
import {
  checkStrictDer, expectTag, expectUniversal, readBoolean, readCommonName, readNamedBits, readOctetAlignedBits,
  readOid, readSerialHex, readSmallInteger, readTime, sequenceChildren, toHex, type Rule,
} from './der-fields.ts';
import { OID } from './profile.ts';

export interface FieldFailure {
  readonly field: string;
  readonly rule: string;
}
type Parse<T> = Result<T, FieldFailure>;

const lift = <T>(field: string, rule: Rule<T>): Parse<T> => (rule.ok ? rule : err({ field, rule: rule.error }));
const fail = (field: string, rule: string): { ok: false; error: FieldFailure } => err({ field, rule });

export interface BasicConstraints {
  readonly ca: boolean;
  readonly pathLength: number | undefined;
}

export interface CertificateExtensions {
  /** null when absent. */
  readonly basicConstraints: BasicConstraints | null;
  /** Set bit numbers of keyUsage; null when absent. */
  readonly keyUsageBits: ReadonlySet<number> | null;
  readonly subjectKeyId: string | null;
  readonly authorityKeyId: string | null;
  /** null when missing, unparsable, or not exactly one of our types. */
  readonly certType: CertType | null;
}

export interface ParsedCertificate extends CertificateExtensions {
  readonly der: Uint8Array;
  /** The TBSCertificate exactly as signed. */
  readonly tbs: Uint8Array;
  readonly tbsSignatureAlgorithm: Uint8Array;
  readonly signatureAlgorithm: Uint8Array;
  readonly signature: Uint8Array;
  /** Lowercase hex, no sign octet (x509's convention). */
  readonly serial: string;
  readonly issuerName: Uint8Array;
  readonly subjectName: Uint8Array;
  readonly commonName: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly validity: ValidityDays;
  /** SubjectPublicKeyInfo DER, as WebCrypto imports it. */
  readonly spki: Uint8Array;
}

export function parseCertificate(der: Uint8Array): Parse<ParsedCertificate> {
  const outer = decodeDer(der);
  if (!outer.ok) return fail('Certificate', outer.error.rule);
  const strict = lift('Certificate', checkStrictDer(outer.value));
  if (!strict.ok) return strict;
  const parts = lift('Certificate', sequenceChildren(outer.value, 'Certificate', 3));
  if (!parts.ok) return parts;
  const [tbsElement, algorithm, signatureBits] = parts.value as [DerElement, DerElement, DerElement];
  const signatureAlgorithm = lift('signatureAlgorithm', expectUniversal(algorithm, Universal.sequence, 'AlgorithmIdentifier', true));
  if (!signatureAlgorithm.ok) return signatureAlgorithm;
  const signature = lift('signatureValue', readOctetAlignedBits(signatureBits));
  if (!signature.ok) return signature;
  const tbs = parseTbs(tbsElement);
  if (!tbs.ok) return tbs;
  return ok({ der, ...tbs.value, signatureAlgorithm: algorithm.raw, signature: signature.value });
}

type TbsFields = Omit<ParsedCertificate, 'der' | 'signatureAlgorithm' | 'signature'>;

function parseTbs(element: DerElement): Parse<TbsFields> {
  const fields = lift('tbsCertificate', sequenceChildren(element, 'TBSCertificate', 8));
  if (!fields.ok) return fields;
  const [version, serialElement, algorithm, issuer, validityElement, subject, spkiElement, extensionsElement] = fields.value as DerElement[] as [
    DerElement, DerElement, DerElement, DerElement, DerElement, DerElement, DerElement, DerElement,
  ];
  const versionNumber = lift('tbsCertificate.version', readVersion(version));
  if (!versionNumber.ok) return versionNumber;
  const serial = lift('tbsCertificate.serialNumber', readSerialHex(serialElement));
  if (!serial.ok) return serial;
  const tbsAlgorithm = lift('tbsCertificate.signature', expectUniversal(algorithm, Universal.sequence, 'AlgorithmIdentifier', true));
  if (!tbsAlgorithm.ok) return tbsAlgorithm;
  const issuerCn = lift('tbsCertificate.issuer', readCommonName(issuer));
  if (!issuerCn.ok) return issuerCn;
  const subjectCn = lift('tbsCertificate.subject', readCommonName(subject));
  if (!subjectCn.ok) return subjectCn;
  if (subjectCn.value === null) return fail('tbsCertificate.subject', 'no commonName');
  const dates = readValidity(validityElement);
  if (!dates.ok) return dates;
  const spki = lift('tbsCertificate.subjectPublicKeyInfo', readRsaSpki(spkiElement));
  if (!spki.ok) return spki;
  const extensions = readExtensions(extensionsElement);
  if (!extensions.ok) return extensions;
  return ok({
    tbs: element.raw,
    tbsSignatureAlgorithm: algorithm.raw,
    serial: serial.value,
    issuerName: issuer.raw,
    subjectName: subject.raw,
    commonName: subjectCn.value,
    notBefore: dates.value.notBefore,
    notAfter: dates.value.notAfter,
    validity: validDays(dates.value.notBefore, dates.value.notAfter),
    spki: spkiElement.raw,
    ...extensions.value,
  });
}

/** [0] EXPLICIT Version, which must say v3 (2): the profile needs extensions. */
function readVersion(element: DerElement): Rule<number> {
  const tag = expectTag(element, TagClass.context, true, 0, '[0] version');
  if (!tag.ok) return tag;
  const inner = readChildren(element);
  if (!inner.ok) return err(inner.error.rule);
  if (inner.value.length !== 1) return err('version must hold one INTEGER');
  const version = readSmallInteger(inner.value[0]!);
  if (!version.ok) return version;
  return version.value === 2 ? version : err(`version ${version.value + 1}, expected v3`);
}

function readValidity(element: DerElement): Parse<{ notBefore: Date; notAfter: Date }> {
  const times = lift('tbsCertificate.validity', sequenceChildren(element, 'Validity', 2));
  if (!times.ok) return times;
  const notBefore = lift('tbsCertificate.validity.notBefore', readTime(times.value[0]!));
  if (!notBefore.ok) return notBefore;
  const notAfter = lift('tbsCertificate.validity.notAfter', readTime(times.value[1]!));
  if (!notAfter.ok) return notAfter;
  return ok({ notBefore: notBefore.value, notAfter: notAfter.value });
}

/** Every key of the profile is RSA (SET.md section 2): rsaEncryption, NULL, RSAPublicKey. */
function readRsaSpki(element: DerElement): Rule<true> {
  const parts = sequenceChildren(element, 'SubjectPublicKeyInfo', 2);
  if (!parts.ok) return parts;
  const algorithm = sequenceChildren(parts.value[0]!, 'AlgorithmIdentifier', 2);
  if (!algorithm.ok) return algorithm;
  const oid = readOid(algorithm.value[0]!);
  if (!oid.ok) return oid;
  if (oid.value !== OID.rsaEncryption) return err(`key algorithm ${oid.value} is not rsaEncryption`);
  const nullParams = expectUniversal(algorithm.value[1]!, Universal.null, 'NULL parameters');
  if (!nullParams.ok) return nullParams;
  const keyBits = readOctetAlignedBits(parts.value[1]!);
  if (!keyBits.ok) return keyBits;
  const key = decodeDer(keyBits.value);
  if (!key.ok) return err(`RSAPublicKey: ${key.error.rule}`);
  const strict = checkStrictDer(key.value);
  if (!strict.ok) return err(`RSAPublicKey: ${strict.error}`);
  const integers = sequenceChildren(key.value, 'RSAPublicKey', 2);
  if (!integers.ok) return integers;
  for (const integer of integers.value) {
    const tag = expectUniversal(integer, Universal.integer, 'INTEGER');
    if (!tag.ok) return tag;
  }
  return ok(true);
}

function readExtensions(element: DerElement): Parse<CertificateExtensions> {
  const field = 'tbsCertificate.extensions';
  const tag = lift(field, expectTag(element, TagClass.context, true, 3, '[3] extensions'));
  if (!tag.ok) return tag;
  const wrapper = readChildren(element);
  if (!wrapper.ok || wrapper.value.length !== 1) return fail(field, '[3] must hold one SEQUENCE');
  const list = lift(field, sequenceChildren(wrapper.value[0]!, 'Extensions', 1, 64));
  if (!list.ok) return list;
  const result: { -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K] } = {
    basicConstraints: null, keyUsageBits: null, subjectKeyId: null, authorityKeyId: null, certType: null,
  };
  const seen = new Set<string>();
  for (const [index, extension] of list.value.entries()) {
    const parts = lift(`${field}[${index}]`, sequenceChildren(extension, 'Extension', 2, 3));
    if (!parts.ok) return parts;
    const oid = lift(`${field}[${index}].extnID`, readOid(parts.value[0]!));
    if (!oid.ok) return oid;
    const at = `${field}.${oid.value}`;
    if (seen.has(oid.value)) return fail(at, 'extension appears twice');
    seen.add(oid.value);
    let critical = false;
    if (parts.value.length === 3) {
      const flag = lift(`${at}.critical`, readBoolean(parts.value[1]!));
      if (!flag.ok) return flag;
      // DER omits a DEFAULT value: an explicit FALSE is not DER.
      if (!flag.value) return fail(`${at}.critical`, 'explicit FALSE (DEFAULT must be omitted)');
      critical = true;
    }
    const octets = lift(`${at}.extnValue`, expectUniversal(parts.value[parts.value.length - 1]!, Universal.octetString, 'OCTET STRING'));
    if (!octets.ok) return octets;
    const value = octets.value.content;
    if (oid.value === SET_CERT_TYPE_OID) {
      result.certType = decodeCertType(value);
      continue;
    }
    const known = KNOWN_EXTENSIONS[oid.value];
    if (!known) {
      if (critical) return fail(at, 'unrecognised critical extension');
      continue;
    }
    const inner = decodeDer(value);
    if (!inner.ok) return fail(at, inner.error.rule);
    const strict = lift(at, checkStrictDer(inner.value));
    if (!strict.ok) return strict;
    const read = lift(at, known(inner.value, result));
    if (!read.ok) return read;
  }
  return ok(result);
}

type ExtensionReader = (value: DerElement, into: { -readonly [K in keyof CertificateExtensions]: CertificateExtensions[K] }) => Rule<true>;

const KNOWN_EXTENSIONS: Readonly<Record<string, ExtensionReader>> = {
  [OID.basicConstraints]: (value, into) => {
    const parts = sequenceChildren(value, 'BasicConstraints', 0, 2);
    if (!parts.ok) return parts;
    let ca = false;
    let rest = parts.value;
    if (rest[0]?.tagNumber === Universal.boolean) {
      const flag = readBoolean(rest[0]);
      if (!flag.ok) return flag;
      if (!flag.value) return err('cA FALSE written out (DEFAULT must be omitted)');
      ca = true;
      rest = rest.slice(1);
    }
    let pathLength: number | undefined;
    if (rest.length > 0) {
      if (!ca) return err('pathLenConstraint without cA');
      const length = readSmallInteger(rest[0]!);
      if (!length.ok) return length;
      pathLength = length.value;
      if (rest.length > 1) return err('BasicConstraints has extra elements');
    }
    into.basicConstraints = { ca, pathLength };
    return ok(true);
  },
  [OID.keyUsage]: (value, into) => {
    const tag = expectUniversal(value, Universal.bitString, 'KeyUsage BIT STRING');
    if (!tag.ok) return tag;
    const bits = readNamedBits(value.content);
    if (!bits.ok) return bits;
    into.keyUsageBits = new Set(bits.value);
    return ok(true);
  },
  [OID.subjectKeyIdentifier]: (value, into) => {
    const tag = expectUniversal(value, Universal.octetString, 'KeyIdentifier OCTET STRING');
    if (!tag.ok) return tag;
    into.subjectKeyId = toHex(value.content);
    return ok(true);
  },
  [OID.authorityKeyIdentifier]: (value, into) => {
    const parts = sequenceChildren(value, 'AuthorityKeyIdentifier', 1);
    if (!parts.ok) return parts;
    const keyId = expectTag(parts.value[0]!, TagClass.context, false, 0, '[0] keyIdentifier');
    if (!keyId.ok) return keyId;
    into.authorityKeyId = toHex(keyId.value.content);
    return ok(true);
  },
};
