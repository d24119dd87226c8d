/**
 * The cardholder CA (SET.md 4.1; seed step 2): CardCInitRes, RegFormRes, and the CertReq checks
 * in order, with the issuer's identity check; it certifies the cardholder's key under its
 * UniqueCardholderID, never the PAN, and answers CertRes under the cardholder's CABackKey.
 */
import { signAndEncryptUnderKey } from '../../crypto/envelope.ts';
import { contentHashMatches, openExtra, secretHashMatches } from '../../crypto/extra-encryption.ts';
import { panSecret, thumbprint, uniqueCardholderId } from '../../crypto/set-values.ts';
import { sign } from '../../crypto/signature.ts';
import type { Issuer } from '../../ledger/issuer.ts';
import type { CertificateAuthority } from '../../pki/certificate-authority.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import type { CAStatus } from '../../wire/registration.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { Message, MessageBody, MessageKind } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import { outbound, type Handled } from '../party.ts';
import { fresh } from '../values.ts';
import { toHex } from '../../pki/der-fields.ts';
import { CaParty } from './ca-party.ts';
import { REG_FORM } from './form-desk.ts';

/**
 * What a compromised CCA hands the attacker (SET.md 9): the PAN and CardSecret of every CertReq
 * it accepted, and for each certificate issued the CardCertNonce and PANSecret too.
 */
export interface CardholderSecrets {
  readonly holder: string;
  readonly pan: string;
  readonly cardSecret: Uint8Array;
  readonly issued?: { readonly cardCertNonce: Uint8Array; readonly panSecret: Uint8Array };
}

export class CardholderCa extends CaParty {
  protected readonly accepts: readonly MessageKind[] = ['CardCInitReq', 'RegFormReq', 'CertReq'];
  readonly secrets: CardholderSecrets[] = [];

  constructor(
    authority: CertificateAuthority,
    env: PartyEnvironment,
    private readonly issuer: Issuer,
  ) {
    super(authority, env);
  }

  protected receive(message: Message, from: string, log: CheckLog): Promise<Handled> {
    switch (message.kind) {
      case 'CardCInitReq':
        return this.#onCardCInitReq(message.value, from, log);
      case 'RegFormReq':
        return this.#onRegFormReq(message.value, from, log);
      case 'CertReq':
        return this.#onCertReq(message.value, from, log);
      default:
        throw new Error(`unreachable: ${message.kind} is not in accepts`);
    }
  }

  /** SET.md 4.1 steps 1-2: answers with its certificates and CAEThumb. */
  async #onCardCInitReq(body: MessageBody<'CardCInitReq'>, from: string, log: CheckLog): Promise<Handled> {
    const replay = log.require('RRPID not seen before', !this.consumed.seen(body.rrpid), 'replay');
    if (replay) return replay;
    const certE = this.authority.keyExchangeCertificate!.der;
    const content = encodeData('CardCInitResData', { rrpid: body.rrpid, lidEE: body.lidEE, challEE: body.challEE, caeThumb: await thumbprint(this.env.ctx, certE) });
    const signed = await sign(this.env.ctx, this.authority.signatureKeys.privateKey, content);
    this.consumed.consume(body.rrpid);
    return { sent: [outbound(from, { kind: 'CardCInitRes', value: { signed, caCertE: certE, caCertS: this.authority.signatureCertificate.der } })] };
  }

  /** SET.md 4.1 steps 3-4: opens the EXH and hands out a form. */
  async #onRegFormReq(body: MessageBody<'RegFormReq'>, from: string, log: CheckLog): Promise<Handled> {
    const { ctx, protocol } = this.env;
    const opened = await openExtra(ctx, this.keyExchangeKey, body, 'RegFormReq', true);
    if (!opened.ok) return log.fail('RegFormReq opens with our key-exchange key', 'malformed', describeMalformed(opened.error));
    const data = decodeData('RegFormReqData', opened.value.content, protocol.wire, 'RegFormReq.RegFormReqData');
    if (!data.ok) return log.fail('decode RegFormReqData', 'malformed', describeMalformed(data.error));
    const pan = decodeData('PANOnly', opened.value.secret, protocol.wire, 'RegFormReq.PANOnly');
    if (!pan.ok) return log.fail('decode PANOnly', 'malformed', describeMalformed(pan.error));
    // docs/decisions.md D10: SET.md names no check for EXH's hashes here, so they are part of opening.
    const hashesOk = (await secretHashMatches(ctx, opened.value)) && (await contentHashMatches(ctx, opened.value, opened.value.content));
    if (!hashesOk) return log.fail("the EXH's H(p) and H(t) match", 'malformed');
    log.pass('RegFormReq opens with our key-exchange key');
    const replay = log.require('RRPID not seen before', !this.consumed.seen(data.value.rrpid), 'replay');
    if (replay) return replay;

    const form = this.forms.draft(fresh(ctx));
    const content = encodeData('RegFormResData', {
      rrpid: data.value.rrpid,
      lidEE: data.value.lidEE,
      challEE2: data.value.challEE2,
      lidCA: form.lidCA,
      challCA: form.challCA,
      regFormID: form.regFormID,
      regForm: REG_FORM,
    });
    const signed = await sign(ctx, this.authority.signatureKeys.privateKey, content);
    this.consumed.consume(data.value.rrpid);
    this.forms.keep(form);
    return { sent: [outbound(from, { kind: 'RegFormRes', value: signed })] };
  }

  /** SET.md 4.1 steps 5-6: the CertReq checks in order, the issuer's confirmation, CertRes. */
  async #onCertReq(body: MessageBody<'CertReq'>, from: string, log: CheckLog): Promise<Handled> {
    const { ctx, protocol, names } = this.env;
    const checked = await this.checkCertReq(body, log, { request: 'CardholderCertReqData', account: 'AcctInfo' });
    if (!checked.ok) return checked.error;
    const { request, account, form, signatureKey: key } = checked.value;

    // Every check passed: the answer is a status (SET.md 8: a refusal is still `accepted`).
    const { pan, cardExpiry, cardSecret } = account;
    let status: CAStatus = 'issued';
    // The CCA asks the issuer in every variant (D30); registration-without-issuer-check ignores the answer.
    const answer = this.issuer.confirmCardholder({ pan, cardExpiry, ...request.regFormValues });
    if (this.certifiedKeys.seen(request.publicKeyS)) status = 'refused:key-reused';
    else if (protocol.rules.issuerConfirmsRegistration) {
      if (answer !== 'confirmed') status = `refused:${answer}`;
      log.pass(`the issuer's identity check: ${answer}`);
    } else log.skipped(`the issuer's identity check (it answered ${answer})`, 'registration-without-issuer-check');

    const cardCertNonce = fresh(ctx);
    const secret = panSecret(cardSecret, cardCertNonce);
    let cert: Uint8Array | undefined;
    if (status === 'issued') {
      // D30: a certificate for a PAN with no account is printed by the certified key's owner.
      const holder = this.issuer.holderOf(pan) ?? names.keyName(request.publicKeyS).split(':')[1] ?? 'unknown';
      const id = await uniqueCardholderId(ctx, { pan, cardExpiry }, secret);
      const issued = await this.authority.issueCardholder(id, key);
      names.nameSubject(issued.commonName, holder);
      cert = issued.der;
      this.certifiedKeys.consume(request.publicKeyS);
      this.secrets.push({ holder, pan, cardSecret, issued: { cardCertNonce, panSecret: secret } });
      this.env.log.append({
        kind: 'certificate', by: this.name, subject: holder, type: 'cardholder', usage: 'signature', key: names.keyName(request.publicKeyS), serial: issued.serial,
        thumbprint: toHex(await thumbprint(ctx, issued.der)), confirmed: answer === 'confirmed',
      });
    }
    if (status !== 'issued') this.secrets.push({ holder: this.issuer.holderOf(pan) ?? 'unknown', pan, cardSecret });
    const content = encodeData('CardholderCertResData', {
      rrpid: request.rrpid,
      lidEE: request.lidEE,
      challEE3: request.challEE3,
      lidCA: request.lidCA,
      caStatus: status,
      cardCertNonce,
      ...(cert ? { cert } : {}),
    });
    const encrypted = await signAndEncryptUnderKey(ctx, request.caBackKey, this.authority.signatureKeys.privateKey, content);
    this.consumed.consume(request.rrpid);
    form.used = true;
    return { sent: [outbound(from, { kind: 'CertRes', value: { kind: 'encrypted', value: encrypted } })] };
  }
}
