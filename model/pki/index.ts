/** The symbolic PKI of SET.md 1: the CA hierarchy, issuing, and path validation. */
export { issueCertificate, standardPki, hierarchyCertificates, type Pki, type CaCertificates, type IssueRequest } from './hierarchy.ts';
export { validateCertificate, FULL_VALIDATION, type Crl, type ValidationContext, type CertificateUse, type ValidationOptions } from './validate.ts';
export { CA_VALIDITY_DAYS, END_ENTITY_VALIDITY_DAYS, ISSUER_TYPE, isCaType, lastValidDay } from './validity.ts';
