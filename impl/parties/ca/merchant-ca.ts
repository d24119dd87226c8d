/**
 * The merchant CA (SET.md 4.2; seed step 3): Me-AqCInitRes with a form, then the CertReq
 * checks in order, with the acquirer's confirmation of MerchantSecret; it certifies the
 * merchant's signature and key-exchange keys and answers a signed CertRes.
 */
import { thumbprint } from '../../crypto/set-values.ts';
import { sign } from '../../crypto/signature.ts';
import type { Acquirer } from '../../ledger/acquirer.ts';
import type { CertificateAuthority } from '../../pki/certificate-authority.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import type { CAStatus } from '../../wire/registration.ts';
import { encodeData } from '../../wire/data.ts';
import type { Message, MessageBody, MessageKind } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import { outbound, type Handled } from '../party.ts';
import { fresh } from '../values.ts';
import { toHex } from '../../pki/der-fields.ts';
import { CaParty } from './ca-party.ts';
import { REG_FORM } from './form-desk.ts';
import { importRequestKey } from './request-key.ts';

export class MerchantCa extends CaParty {
  protected readonly accepts: readonly MessageKind[] = ['Me-AqCInitReq', 'CertReq'];
  /** What a compromised MCA hands the attacker (SET.md 9): the MerchantSecret of every CertReq it accepted. */
  readonly secrets: Uint8Array[] = [];

  constructor(
    authority: CertificateAuthority,
    env: PartyEnvironment,
    private readonly acquirer: Acquirer,
  ) {
    super(authority, env);
  }

  protected receive(message: Message, from: string, log: CheckLog): Promise<Handled> {
    switch (message.kind) {
      case 'Me-AqCInitReq':
        return this.#onInitReq(message.value, from, log);
      case 'CertReq':
        return this.#onCertReq(message.value, from, log);
      default:
        throw new Error(`unreachable: ${message.kind} is not in accepts`);
    }
  }

  /** SET.md 4.2 steps 1-2: a form, its certificates and CAEThumb. */
  async #onInitReq(body: MessageBody<'Me-AqCInitReq'>, from: string, log: CheckLog): Promise<Handled> {
    const replay = log.require('RRPID not seen before', !this.consumed.seen(body.rrpid), 'replay');
    if (replay) return replay;
    const { ctx } = this.env;
    const certE = this.authority.keyExchangeCertificate!.der;
    const form = this.forms.draft(fresh(ctx));
    const content = encodeData('Me-AqCInitResData', {
      rrpid: body.rrpid,
      lidEE: body.lidEE,
      challEE: body.challEE,
      lidCA: form.lidCA,
      challCA: form.challCA,
      regFormID: form.regFormID,
      regForm: REG_FORM,
      caeThumb: await thumbprint(ctx, certE),
    });
    const signed = await sign(ctx, this.authority.signatureKeys.privateKey, content);
    this.consumed.consume(body.rrpid);
    this.forms.keep(form);
    return { sent: [outbound(from, { kind: 'Me-AqCInitRes', value: { signed, caCertE: certE, caCertS: this.authority.signatureCertificate.der } })] };
  }

  /** SET.md 4.2 steps 3-4: checks as in 4.1, the acquirer's confirmation, one certificate per MerchantID. */
  async #onCertReq(body: MessageBody<'CertReq'>, from: string, log: CheckLog): Promise<Handled> {
    const { ctx, names } = this.env;
    const checked = await this.checkCertReq(body, log, { request: 'MerchantCertReqData', account: 'MerchantAcctInfo' });
    if (!checked.ok) return checked.error;
    const { request, account, form, signatureKey: keyS } = checked.value;
    const keyE = await importRequestKey(ctx, request.publicKeyE, 'keyExchange');
    if (!keyE) return log.fail('PublicKeyE is an RSA public key', 'malformed', 'CertReq.MerchantCertReqData.publicKeyE: does not import');

    const { merchantID, merchantSecret } = account;
    const alreadyCertified = this.authority.issued().some((r) => r.certificate.commonName === merchantID && r.revokedOn === null);
    let status: CAStatus = 'issued';
    if (this.certifiedKeys.seen(request.publicKeyS) || this.certifiedKeys.seen(request.publicKeyE)) status = 'refused:key-reused';
    else if (!this.acquirer.confirmMerchant(merchantID, merchantSecret)) status = 'refused:identity';
    else if (alreadyCertified) status = 'refused:already-certified';
    log.pass(`the acquirer's confirmation and the MCA's own records: ${status}`);

    let certificates: { certS: Uint8Array; certE: Uint8Array } | null = null;
    if (status === 'issued') {
      const issued = await this.authority.issueMerchant(merchantID, { signature: keyS, keyExchange: keyE });
      certificates = { certS: issued.signature.der, certE: issued.keyExchange.der };
      this.certifiedKeys.consume(request.publicKeyS);
      this.certifiedKeys.consume(request.publicKeyE);
      for (const [cert, spki] of [
        [issued.signature, request.publicKeyS],
        [issued.keyExchange, request.publicKeyE],
      ] as const) {
        this.env.log.append({ kind: 'certificate', by: this.name, subject: merchantID, type: 'merchant', usage: cert.usage, key: names.keyName(spki), serial: cert.serial, thumbprint: toHex(await thumbprint(ctx, cert.der)) });
      }
    }
    this.secrets.push(merchantSecret);
    const content = encodeData('MerchantCertResData', {
      rrpid: request.rrpid,
      lidEE: request.lidEE,
      challEE3: request.challEE3,
      lidCA: request.lidCA,
      caStatus: status,
      ...(certificates ? { certS: certificates.certS, certE: certificates.certE } : {}),
    });
    const signed = await sign(ctx, this.authority.signatureKeys.privateKey, content);
    this.consumed.consume(request.rrpid);
    form.used = true;
    return { sent: [outbound(from, { kind: 'CertRes', value: { kind: 'signed', value: signed } })] };
  }
}
