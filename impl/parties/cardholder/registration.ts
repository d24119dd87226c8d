/**
 * Cardholder registration, the cardholder's side (SET.md 4.1; seed step 2): CardCInitReq,
 * then the checks of CardCInitRes, RegFormRes and CertRes, each answered with the next request.
 */
import { openUnderKey } from '../../crypto/envelope.ts';
import { extraEncryptWithHash, signAndExtraEncrypt } from '../../crypto/extra-encryption.ts';
import { randomBytes } from '../../crypto/provider.ts';
import { panSecret, uniqueCardholderId } from '../../crypto/set-values.ts';
import { bytesEqual } from '../../crypto/digest.ts';
import { newSymmetricKey } from '../../crypto/symmetric.ts';
import { cardholderCommonName } from '../../pki/certificate-authority.ts';
import { parseCertificate } from '../../pki/certificate-parser.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import type { Signed } from '../../wire/blobs.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { checkCertificate } from '../certificates.ts';
import { requireCaCertificates, requireSignature } from '../checks.ts';
import { checkCaInitResponse, registrationFor } from '../registration-client.ts';
import { outbound, type Handled, type Outbound } from '../party.ts';
import { fresh, localId } from '../values.ts';
import type { CardholderSelf } from './self.ts';
import type { CardholderRegistration } from './state.ts';

/** SET.md 4.1 step 1: CardCInitReq to the CCA. */
export function startRegistration(c: CardholderSelf, id: string, ca: string): Outbound {
  const rrpid = fresh(c.env.ctx);
  const registration: CardholderRegistration = { id, ca, lidEE: localId(id), status: 'open', awaiting: 'CardCInitRes', challenge: fresh(c.env.ctx) };
  c.records.registrations.set(id, registration);
  c.records.requests.open(rrpid, { kind: 'registration', id, message: 'CardCInitReq' });
  return outbound(ca, { kind: 'CardCInitReq', value: { rrpid, lidEE: registration.lidEE, challEE: registration.challenge, brandID: c.brandId } });
}

/** SET.md 4.1 step 2: C checks CardCInitRes, then sends RegFormReq. */
export async function onCardCInitRes(c: CardholderSelf, body: MessageBody<'CardCInitRes'>, log: CheckLog): Promise<Handled> {
  const data = decodeData('CardCInitResData', body.signed.content, c.env.protocol.wire, 'CardCInitRes.signed.content');
  if (!data.ok) return log.fail('decode CardCInitResData', 'malformed', describeMalformed(data.error));
  const registration = registrationFor(c.records, log, data.value.rrpid, 'CardCInitRes');
  if (!registration.ok) return registration.error;
  const reg = registration.value;
  const caCertE = await checkCaInitResponse(c.env, { kind: 'cardholder', name: c.name }, log, { role: 'cca', certS: body.caCertS, certE: body.caCertE, signed: body.signed, ...data.value, expectedChallenge: reg.challenge, what: 'CardCInitRes' });
  if (!caCertE.ok) return caCertE.error;

  // Accepted: RegFormReq = EXH(CCA, {RRPID, LID_EE, Chall_EE2, BrandID}, {PAN, EXNonce}).
  const rrpid = fresh(c.env.ctx);
  const challEE2 = fresh(c.env.ctx);
  const content = encodeData('RegFormReqData', { rrpid, lidEE: reg.lidEE, challEE2, brandID: c.brandId });
  const secret = encodeData('PANOnly', { pan: c.card.pan, exNonce: fresh(c.env.ctx) });
  const request = await extraEncryptWithHash(c.env.ctx, caCertE.value.publicKey, content, secret);
  c.records.requests.answer(data.value.rrpid);
  c.records.requests.open(rrpid, { kind: 'registration', id: reg.id, message: 'RegFormReq' });
  Object.assign(reg, { awaiting: 'RegFormRes', challenge: challEE2, caCertS: body.caCertS, caCertE: body.caCertE });
  return { sent: [outbound(reg.ca, { kind: 'RegFormReq', value: request })] };
}

/** SET.md 4.1 step 4: C checks RegFormRes, then sends CertReq with a fresh CABackKey and CardSecret. */
export async function onRegFormRes(c: CardholderSelf, body: MessageBody<'RegFormRes'>, log: CheckLog): Promise<Handled> {
  const data = decodeData('RegFormResData', body.content, c.env.protocol.wire, 'RegFormRes.content');
  if (!data.ok) return log.fail('decode RegFormResData', 'malformed', describeMalformed(data.error));
  const registration = registrationFor(c.records, log, data.value.rrpid, 'RegFormRes');
  if (!registration.ok) return registration.error;
  const reg = registration.value;
  const certs = await requireCaCertificates(c.env, { kind: 'cardholder', name: c.name }, log, { role: 'cca', certS: reg.caCertS!, certE: reg.caCertE! });
  if (!certs.ok) return certs.error;
  const failed =
    (await requireSignature(c.env, log, certs.value.s.publicKey, body, 'RegFormRes')) ??
    log.require('Chall_EE2 echo', bytesEqual(data.value.challEE2, reg.challenge), 'mismatch:challenge');
  if (failed) return failed;

  // Accepted: CertReq = EncX(C, CCA, CertReqData, AcctInfo), signed with the key to certify.
  const { ctx } = c.env;
  const rrpid = fresh(ctx);
  const challEE3 = fresh(ctx);
  const caBackKey = newSymmetricKey(ctx);
  // A new key pair for each CertReq (D35).
  const key = await c.keys('signature', c.records.keyGenerations);
  const cardSecret = randomBytes(ctx, 20);
  const content = encodeData('CardholderCertReqData', {
    rrpid,
    lidEE: reg.lidEE,
    challEE3,
    lidCA: data.value.lidCA,
    challCA: data.value.challCA,
    regFormID: data.value.regFormID,
    regFormValues: { name: c.identity.name, billingPostcode: c.identity.billingPostcode },
    caBackKey,
    publicKeyS: key.spki,
  });
  const secret = encodeData('AcctInfo', { pan: c.card.pan, cardExpiry: c.card.cardExpiry, cardSecret, exNonce: fresh(ctx) });
  const request = await signAndExtraEncrypt(ctx, key.pair.privateKey, certs.value.e.publicKey, content, secret);
  c.records.requests.answer(data.value.rrpid);
  c.records.requests.open(rrpid, { kind: 'registration', id: reg.id, message: 'CertReq' });
  c.records.keyGenerations += 1;
  Object.assign(reg, { awaiting: 'CertRes', challenge: challEE3, caBackKey, cardSecret, key });
  return { sent: [outbound(reg.ca, { kind: 'CertReq', value: request })] };
}

/** SET.md 4.1 step 6: C opens CertRes with a CABackKey of its own and checks it. */
export async function onCertRes(c: CardholderSelf, body: MessageBody<'CertRes'>, log: CheckLog): Promise<Handled> {
  if (body.kind !== 'encrypted') return log.fail('CertRes to a cardholder is EncK under its CABackKey', 'malformed', 'a signed CertRes is for merchants');
  // The envelope is addressed to us when a CABackKey we chose opens it (SET.md 8 step 1; D33):
  // any of ours, so that an answered one is then `replay`, not `malformed`.
  let signed: Signed | null = null;
  for (const reg of c.records.registrations.values()) {
    if (!reg.caBackKey) continue;
    const opened = await openUnderKey(c.env.ctx, reg.caBackKey, body.value, 'CertRes.encrypted');
    if (opened.ok) {
      signed = opened.value;
      break;
    }
  }
  if (!signed) return log.fail('CertRes opens with a CABackKey we chose', 'malformed');
  log.pass('CertRes opens with our CABackKey');
  const data = decodeData('CardholderCertResData', signed.content, c.env.protocol.wire, 'CertRes.encrypted.content');
  if (!data.ok) return log.fail('decode CardholderCertResData', 'malformed', describeMalformed(data.error));
  const registration = registrationFor(c.records, log, data.value.rrpid, 'CertRes');
  if (!registration.ok) return registration.error;
  const reg = registration.value;
  const certS = await checkCertificate(c.env, { kind: 'cardholder', name: c.name }, log, { label: 'CertS(CCA)', der: reg.caCertS!, role: 'cca', usage: 'signature' });
  if (!certS.ok) return certS.error;
  const failed =
    (await requireSignature(c.env, log, certS.value.publicKey, signed, 'CertRes')) ??
    log.require('Chall_EE3 echo', bytesEqual(data.value.challEE3, reg.challenge), 'mismatch:challenge');
  if (failed) return failed;

  let issued: { der: Uint8Array; panSecret: Uint8Array } | null = null;
  if (data.value.caStatus === 'issued') {
    const parsed = parseCertificate(data.value.cert!);
    if (!parsed.ok) return log.fail('Cert(C) parses', 'malformed', `${parsed.error.field}: ${parsed.error.rule}`);
    const secret = panSecret(reg.cardSecret!, data.value.cardCertNonce);
    const expectedId = cardholderCommonName(await uniqueCardholderId(c.env.ctx, c.card, secret));
    const certFailed =
      log.require('Cert(C) certifies the key of our CertReq', bytesEqual(parsed.value.spki, reg.key!.spki), 'mismatch:key') ??
      log.require('Cert(C) carries our UniqueCardholderID = HMAC({PAN, CardExpiry}, CardSecret xor CardCertNonce)', parsed.value.commonName === expectedId, 'mismatch:cardholder-id');
    if (certFailed) return certFailed;
    issued = { der: data.value.cert!, panSecret: secret };
  }

  c.records.requests.answer(data.value.rrpid);
  reg.awaiting = null;
  reg.status = data.value.caStatus;
  if (issued) c.records.certificate = { der: issued.der, key: reg.key!, cardSecret: reg.cardSecret!, cardCertNonce: data.value.cardCertNonce, panSecret: issued.panSecret };
  return { sent: [] };
}
