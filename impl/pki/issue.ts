/**
 * Makes one X.509 v3 certificate of the SET profile (SET.md section 1) with @peculiar/x509.
 * Every x509 call is handed `ctx.crypto` explicitly, so the provider is the injected
 * CryptoContext's and never x509's process-wide default (two providers can run side by side).
 * This is the low-level maker: it signs what it is told. CertificateAuthority applies the honest
 * rules; tests use the overrides to build forgeries.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { SetVerifyError } from '../errors.ts';
import type { KeyUsageKind } from '../crypto/key-pool.ts';
import { bufferSource, type CryptoContext } from '../crypto/provider.ts';
import { encodeCertType, SET_CERT_TYPE_OID, type CertType } from './cert-type.ts';
import { validityDates, type ValidityDays } from './clock.ts';
import { parseCertificate } from './certificate-parser.ts';
import { certificateProfile, x509SigningAlgorithm, type CertificateProfile } from './profile.ts';

/** A certificate as its issuer keeps it. */
export interface IssuedCertificate {
  readonly der: Uint8Array;
  readonly serial: string;
  readonly commonName: string;
  readonly type: CertType;
  readonly usage: KeyUsageKind;
  /** The day it was issued on (its first valid day). */
  readonly issuedOn: number;
  readonly validity: ValidityDays;
  /** Subject Name DER: the issuer name of the certificates this one signs. */
  readonly subjectName: Uint8Array;
  readonly spki: Uint8Array;
}

export interface CertificateSpec {
  /** Hexadecimal, positive, unique per issuer. */
  readonly serial: string;
  readonly commonName: string;
  readonly subjectPublicKey: CryptoKey;
  readonly type: CertType;
  readonly usage: KeyUsageKind;
  readonly day: number;
  /** The issuer: its subject Name DER (null: self-signed), the key named in the AKI, the key that signs. */
  readonly issuer: { readonly name: Uint8Array | null; readonly publicKey: CryptoKey; readonly signingKey: CryptoKey };
  /** Departures from the profile, for building bad certificates in tests. */
  readonly overrides?: {
    readonly profile?: Partial<CertificateProfile>;
    /** Raw setCext-certType value, or null to leave the extension out. */
    readonly certTypeValue?: Uint8Array | null;
  };
}

export async function issueCertificate(ctx: CryptoContext, spec: CertificateSpec): Promise<IssuedCertificate> {
  const profile = { ...certificateProfile(spec.type, spec.usage), ...spec.overrides?.profile };
  const subject = new x509.Name([{ '2.5.4.3': [spec.commonName] }]);
  const issuer = spec.issuer.name === null ? subject : new x509.Name(bufferSource(spec.issuer.name));
  const { notBefore, notAfter } = validityDates(spec.day, profile.validityDays);
  const keyUsageFlags = profile.keyUsageBits.reduce((flags, bit) => flags | (1 << bit), 0);
  const certTypeValue = spec.overrides?.certTypeValue === undefined ? encodeCertType(spec.type) : spec.overrides.certTypeValue;

  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(profile.isCa, profile.isCa ? profile.pathLength : undefined, true),
    new x509.KeyUsagesExtension(keyUsageFlags, true),
    await x509.SubjectKeyIdentifierExtension.create(spec.subjectPublicKey, false, ctx.crypto),
    await x509.AuthorityKeyIdentifierExtension.create(spec.issuer.publicKey, false, ctx.crypto),
  ];
  if (certTypeValue !== null) extensions.push(new x509.Extension(SET_CERT_TYPE_OID, false, bufferSource(certTypeValue)));

  const certificate = await x509.X509CertificateGenerator.create(
    {
      serialNumber: spec.serial,
      subject,
      issuer,
      notBefore,
      notAfter,
      publicKey: spec.subjectPublicKey,
      signingKey: spec.issuer.signingKey,
      signingAlgorithm: x509SigningAlgorithm(ctx.suite),
      extensions,
    },
    ctx.crypto,
  );
  const der = new Uint8Array(certificate.rawData);
  // Our own output must pass our own strict reader; if not, the profile and the reader disagree.
  const parsed = parseCertificate(der);
  if (!parsed.ok) throw new SetVerifyError('issued-certificate-unreadable', `${parsed.error.field}: ${parsed.error.rule}`);
  return {
    der,
    serial: parsed.value.serial,
    commonName: parsed.value.commonName,
    type: spec.type,
    usage: spec.usage,
    issuedOn: spec.day,
    validity: parsed.value.validity,
    subjectName: parsed.value.subjectName,
    spki: parsed.value.spki,
  };
}

/** Serial numbers: a per-issuer counter from 1, as even-length hex (x509 adds the sign octet). */
export function serialHex(counter: number): string {
  const hex = counter.toString(16);
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}
