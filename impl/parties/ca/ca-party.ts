/**
 * What the two registering CAs (CCA, MCA) share as SET parties (SET.md 1, 4, 8): their
 * CertificateAuthority (keys, certificates, CRL), the RRPIDs they consumed, their forms, the
 * keys they certified, and their view: every certificate issued (subject, type, key owner)
 * and whether it is revoked.
 */
import { openSignedExtra, verifySignedExtra } from '../../crypto/extra-encryption.ts';
import type { CertificateAuthority } from '../../pki/certificate-authority.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, type DataValue } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import { Party } from '../party.ts';
import { FreshnessBook } from '../values.ts';
import { FormDesk, type RegistrationForm } from './form-desk.ts';
import { importRequestKey } from './request-key.ts';

/** A CertReq that passed the checks SET.md 4.1 step 5 makes before the CA decides a status. */
export interface CheckedCertReq<D, A> {
  readonly request: D;
  readonly account: A;
  readonly form: RegistrationForm;
  /** PublicKeyS, imported, whose private half signed the request (proof of possession). */
  readonly signatureKey: CryptoKey;
}

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

  /**
   * SET.md 4.1 step 5 (and 4.2 step 3 "as in 4.1"), in order: the envelope opens and decodes;
   * the RRPID is new; Chall_CA and RegFormID name an unused form of ours; PublicKeyS imports;
   * the signature with it verifies. The status (issued or refused) is the caller's.
   */
  protected async checkCertReq<DK extends 'CardholderCertReqData' | 'MerchantCertReqData', AK extends 'AcctInfo' | 'MerchantAcctInfo'>(
    body: MessageBody<'CertReq'>,
    log: CheckLog,
    kinds: { readonly request: DK; readonly account: AK },
  ): Promise<Result<CheckedCertReq<DataValue<DK>, DataValue<AK>>, Rejection>> {
    const { ctx, protocol } = this.env;
    const opened = await openSignedExtra(ctx, this.keyExchangeKey, body, 'CertReq');
    if (!opened.ok) return err(log.fail('CertReq opens with our key-exchange key', 'malformed', describeMalformed(opened.error)));
    const data = decodeData(kinds.request, opened.value.content, protocol.wire, `CertReq.${kinds.request}`);
    if (!data.ok) return err(log.fail(`decode ${kinds.request}`, 'malformed', describeMalformed(data.error)));
    const account = decodeData(kinds.account, opened.value.secret, protocol.wire, `CertReq.${kinds.account}`);
    if (!account.ok) return err(log.fail(`decode ${kinds.account}`, 'malformed', describeMalformed(account.error)));
    log.pass('CertReq opens with our key-exchange key');
    const request = data.value as DataValue<DK> & { rrpid: Uint8Array; challCA: Uint8Array; regFormID: number; publicKeyS: Uint8Array };
    const replay = log.require('RRPID not seen before', !this.consumed.seen(request.rrpid), 'replay');
    if (replay) return err(replay);
    const form = this.forms.find(log, request.challCA, request.regFormID);
    if (!form.ok) return form;
    const signatureKey = await importRequestKey(ctx, request.publicKeyS, 'signature');
    if (!signatureKey) return err(log.fail('PublicKeyS is an RSA public key', 'malformed', `CertReq.${kinds.request}.publicKeyS: does not import`));
    const bad = log.require('signature with the enclosed PublicKeyS (proof of possession)', await verifySignedExtra(ctx, signatureKey, opened.value), 'bad-signature');
    if (bad) return err(bad);
    return ok({ request, account: account.value, form: form.value, signatureKey });
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
