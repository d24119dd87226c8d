/**
 * Keys and certificates as they travel in SET messages (SET.md section 1: full certificates
 * are always sent). The wire carries their DER opaque; impl/pki and impl/crypto parse and
 * validate them later and map unparsable bytes to `malformed` themselves.
 */
import { octets } from './schema.ts';

/** An X.509 v3 certificate: OCTET STRING wrapping the certificate's DER (SET.md section 1). */
export const Certificate = octets({ min: 1, max: 16_384 });

/** A public key as SubjectPublicKeyInfo DER (PublicKeyS, PublicKeyE of SET.md section 4). */
export const PublicKeyInfo = octets({ min: 1, max: 4_096 });

/** A symmetric key the receiver chose for the answer: AES-256 (CABackKey, SET.md 4.1 step 5). */
export const SymmetricKey = octets({ length: 32 });
