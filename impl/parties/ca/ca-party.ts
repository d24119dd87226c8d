/**
 * What the two registering CAs (CCA, MCA) share as SET parties (SET.md 1, 4, 8): their
 * CertificateAuthority (keys, certificates, CRL), the RRPIDs they consumed, their forms, the
 * keys they certified, and their view: every certificate issued (subject, type, key owner)
 * and whether it is revoked.
 */
import type { CertificateAuthority } from '../../pki/certificate-authority.ts';
import type { PartyEnvironment } from '../environment.ts';
import { Party } from '../party.ts';
import { FreshnessBook } from '../values.ts';
import { FormDesk } from './form-desk.ts';

export interface CertificateRecord {
  readonly subject: string;
  readonly type: string;
  readonly usage: string;
  /** The certified key, by its owner and usage (`key:C1:signature`, SET.md 8 naming). */
  readonly key: string;
  readonly revoked: boolean;
}

export interface CaView {
  readonly certificates: readonly CertificateRecord[];
}

export abstract class CaParty extends Party {
  readonly consumed = new FreshnessBook();
  readonly forms: FormDesk;
  /** SubjectPublicKeyInfo (hex) of every key certified (SET.md 4: `key-reused`). */
  readonly certifiedKeys = new FreshnessBook();

  constructor(
    readonly authority: CertificateAuthority,
    env: PartyEnvironment,
  ) {
    super(authority.name, env);
    this.forms = new FormDesk(authority.name);
  }

  /** The CA's key-exchange private key, which opens requests sent to it. */
  protected get keyExchangeKey(): CryptoKey {
    return this.authority.keyExchangeKeys!.privateKey;
  }

  view(): CaView {
    const day = this.env.clock();
    return {
      certificates: this.authority.issued().map(({ certificate, revokedOn }) => ({
        subject: this.env.names.subjectName(certificate.commonName),
        type: certificate.type,
        usage: certificate.usage,
        key: this.env.names.keyName(certificate.spki),
        revoked: revokedOn !== null && revokedOn <= day,
      })),
    };
  }
}
