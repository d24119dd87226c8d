/**
 * Where validators find each CA's current CRL (SET.md section 1: "Each CA publishes a CRL").
 * Indexed by the CRL's authority key identifier (the issuing CA certificate's SKI), or by the
 * issuer Name when it has none. Per issuer only the newest CRL is kept: highest cRLNumber, and
 * among equals the one published last. The directory does not verify signatures (it holds no
 * keys and no provider); path validation verifies the CRL against the issuer certificate of the
 * chain at the time of use, and fails closed (`revoked`) when that fails (validate.ts).
 */
import type { Result } from '../result.ts';
import type { FieldFailure } from './certificate-parser.ts';
import { parseCrl, type ParsedCrl } from './crl-parser.ts';
import { toHex } from './der-fields.ts';

/** What identifies an issuer: the subject Name and SKI of its certificate. */
export interface CrlIssuer {
  readonly subjectName: Uint8Array;
  readonly subjectKeyId: string | null;
}

const keyIdKey = (keyId: string): string => `kid:${keyId}`;
const nameKey = (name: Uint8Array): string => `name:${toHex(name)}`;

export class CrlDirectory {
  #newest = new Map<string, ParsedCrl>();

  /** Adds a CRL (DER); a newer one of the same issuer replaces the older. */
  publish(der: Uint8Array): Result<ParsedCrl, FieldFailure> {
    const parsed = parseCrl(der);
    if (!parsed.ok) return parsed;
    const crl = parsed.value;
    const key = crl.authorityKeyId !== null ? keyIdKey(crl.authorityKeyId) : nameKey(crl.issuerName);
    const current = this.#newest.get(key);
    if (!current || (crl.crlNumber ?? -1) >= (current.crlNumber ?? -1)) this.#newest.set(key, crl);
    return parsed;
  }

  /** The newest CRL of `issuer`, or null when it published none. */
  find(issuer: CrlIssuer): ParsedCrl | null {
    const byKeyId = issuer.subjectKeyId !== null ? this.#newest.get(keyIdKey(issuer.subjectKeyId)) : undefined;
    return byKeyId ?? this.#newest.get(nameKey(issuer.subjectName)) ?? null;
  }

  /** Every CRL held, newest per issuer (to hand a snapshot to another party). */
  all(): ParsedCrl[] {
    return [...this.#newest.values()];
  }
}
