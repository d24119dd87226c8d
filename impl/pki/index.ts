/** The PKI of SET.md section 1: clock, certificate profile, CAs, CRLs, path validation. */
export { ManualClock, CA_VALIDITY_DAYS, LEAF_VALIDITY_DAYS, dayOf, startOfDay, lastSecondOfDay, validityDates, validDays, type Clock, type ValidityDays } from './clock.ts';
export { CERT_TYPES, CA_TYPES, CERT_TYPE_BIT, ISSUER_TYPE, SET_CERT_TYPE_OID, encodeCertType, decodeCertType, isCertType, isCaType, type CertType, type CaType } from './cert-type.ts';
export { certificateProfile, hasCertificate, signatureAlgorithmIdentifier, KEY_USAGE_BIT, type CertificateProfile } from './profile.ts';
export { parseCertificate, type ParsedCertificate, type FieldFailure } from './certificate-parser.ts';
export { parseCrl, type ParsedCrl } from './crl-parser.ts';
export { CrlDirectory, type CrlIssuer } from './crl-directory.ts';
export { issueCertificate, type CertificateSpec, type IssuedCertificate } from './issue.ts';
export { CertificateAuthority, cardholderCommonName, type IssueRequest, type IssuedRecord, type KeyPairCertificates } from './certificate-authority.ts';
export { buildPki, DEFAULT_BRAND_ID, type Pki, type PkiOptions, type BrandOptions, type BrandAuthorities } from './build-pki.ts';
export { validateCertificate, type ValidationRequest, type ValidationRelaxation, type ValidatedCertificate, type CertificateInput } from './validate.ts';
export { thumbprint } from './pki-cache.ts';
export {
  BAD_CERTIFICATE_REASONS, badCertificate, describeCertificateFailure,
  type BadCertificate, type BadCertificateReason, type CertificateFailure,
} from './failures.ts';
