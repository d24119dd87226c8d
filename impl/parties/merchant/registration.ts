/**
 * Merchant registration, the merchant's side (SET.md 4.2; seed step 3): Me-AqCInitReq, the
 * checks of Me-AqCInitRes, the CertReq with new signature and key-exchange keys and the
 * MerchantSecret, and the checks of CertRes.
 */
import { bytesEqual } from '../../crypto/digest.ts';
import { signAndExtraEncrypt } from '../../crypto/extra-encryption.ts';
import { parseCertificate } from '../../pki/certificate-parser.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import { describeMalformed } from '../../wire/codec.ts';
import { decodeData, encodeData } from '../../wire/data.ts';
import type { MessageBody } from '../../wire/messages.ts';
import { checkCertificate } from '../certificates.ts';
import { requireSignature } from '../checks.ts';
import { checkCaInitResponse, registrationFor } from '../registration-client.ts';
import { outbound, type Handled, type Outbound } from '../party.ts';
import { fresh, localId } from '../values.ts';
import type { MerchantSelf } from './self.ts';
import type { MerchantRegistration } from './state.ts';

/** SET.md 4.2 step 1: Me-AqCInitReq to the MCA. */
export function startRegistration(m: MerchantSelf, id: string, ca: string): Outbound {
  const rrpid = fresh(m.env.ctx);
  const registration: MerchantRegistration = { id, ca, lidEE: localId(id), status: 'open', awaiting: 'Me-AqCInitRes', challenge: fresh(m.env.ctx) };
  m.records.registrations.set(id, registration);
  m.records.requests.open(rrpid, { kind: 'registration', id });
  return outbound(ca, {
    kind: 'Me-AqCInitReq',
    value: { rrpid, lidEE: registration.lidEE, challEE: registration.challenge, merchantID: m.name, acquirerBIN: m.acquirerBin },
  });
}

/** SET.md 4.2 step 2: M checks Me-AqCInitRes as C checks CardCInitRes, then sends CertReq. */
export async function onMeAqCInitRes(m: MerchantSelf, body: MessageBody<'Me-AqCInitRes'>, log: CheckLog): Promise<Handled> {
  const data = decodeData('Me-AqCInitResData', body.signed.content, m.env.protocol.wire, 'Me-AqCInitRes.signed.content');
  if (!data.ok) return log.fail('decode Me-AqCInitResData', 'malformed', describeMalformed(data.error));
  const registration = registrationFor(m.records, log, data.value.rrpid, 'Me-AqCInitRes');
  if (!registration.ok) return registration.error;
  const reg = registration.value;
  const caCertE = await checkCaInitResponse(m.env, { kind: 'merchant', name: m.name }, log, { role: 'mca', certS: body.caCertS, certE: body.caCertE, signed: body.signed, ...data.value, expectedChallenge: reg.challenge, what: 'Me-AqCInitRes' });
  if (!caCertE.ok) return caCertE.error;

  // Accepted: CertReq = EncX(M, MCA, CertReqData, {MerchantID, MerchantSecret, EXNonce}), signed with the new key.
  const { ctx } = m.env;
  const rrpid = fresh(ctx);
  const challEE3 = fresh(ctx);
  // New key pairs for each CertReq (D35).
  const generation = m.records.keyGenerations;
  const keys = { signature: await m.keys('signature', generation), keyExchange: await m.keys('keyExchange', generation) };
  const content = encodeData('MerchantCertReqData', {
    rrpid,
    lidEE: reg.lidEE,
    challEE3,
    lidCA: data.value.lidCA,
    challCA: data.value.challCA,
    regFormID: data.value.regFormID,
    regFormValues: m.identity,
    publicKeyS: keys.signature.spki,
    publicKeyE: keys.keyExchange.spki,
  });
  const secret = encodeData('MerchantAcctInfo', { merchantID: m.name, merchantSecret: m.merchantSecret, exNonce: fresh(ctx) });
  const request = await signAndExtraEncrypt(ctx, keys.signature.pair.privateKey, caCertE.value.publicKey, content, secret);
  m.records.requests.answer(data.value.rrpid);
  m.records.requests.open(rrpid, { kind: 'registration', id: reg.id });
  m.records.keyGenerations += 1;
  m.records.exchangeKeys.push(keys.keyExchange.pair.privateKey);
  Object.assign(reg, { awaiting: 'CertRes', challenge: challEE3, caCertS: body.caCertS, caCertE: body.caCertE, keys });
  return { sent: [outbound(reg.ca, { kind: 'CertReq', value: request })] };
}

/** SET.md 4.2 step 4: M checks the signed CertRes and that both certificates certify its own keys. */
export async function onCertRes(m: MerchantSelf, body: MessageBody<'CertRes'>, log: CheckLog): Promise<Handled> {
  if (body.kind !== 'signed') return log.fail("CertRes to a merchant is S(MCA, ...) (it cannot open a cardholder's EncK)", 'malformed');
  const data = decodeData('MerchantCertResData', body.value.content, m.env.protocol.wire, 'CertRes.signed.content');
  if (!data.ok) return log.fail('decode MerchantCertResData', 'malformed', describeMalformed(data.error));
  const registration = registrationFor(m.records, log, data.value.rrpid, 'CertRes');
  if (!registration.ok) return registration.error;
  const reg = registration.value;
  const certS = await checkCertificate(m.env, { kind: 'merchant', name: m.name }, log, { label: 'CertS(MCA)', der: reg.caCertS!, role: 'mca', usage: 'signature' });
  if (!certS.ok) return certS.error;
  const failed =
    (await requireSignature(m.env, log, certS.value.publicKey, body.value, 'CertRes')) ??
    log.require('Chall_EE3 echo', bytesEqual(data.value.challEE3, reg.challenge), 'mismatch:challenge');
  if (failed) return failed;

  if (data.value.caStatus === 'issued') {
    const certificates = { certS: data.value.certS!, certE: data.value.certE!, keys: reg.keys! };
    for (const [label, der, spki] of [
      ['CertS(M)', certificates.certS, reg.keys!.signature.spki],
      ['CertE(M)', certificates.certE, reg.keys!.keyExchange.spki],
    ] as const) {
      const parsed = parseCertificate(der);
      if (!parsed.ok) return log.fail(`${label} parses`, 'malformed', `${parsed.error.field}: ${parsed.error.rule}`);
      const wrongKey = log.require(`${label} certifies our ${label === 'CertS(M)' ? 'signature' : 'key-exchange'} key`, bytesEqual(parsed.value.spki, spki), 'mismatch:key');
      if (wrongKey) return wrongKey;
    }
    m.records.certificates = certificates;
  }
  m.records.requests.answer(data.value.rrpid);
  reg.awaiting = null;
  reg.status = data.value.caStatus;
  return { sent: [] };
}
