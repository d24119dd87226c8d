/**
 * The foundation demonstration (issue 3): a real PKI, real certificates and one real signed
 * PReq, built and checked with the primitives of impl/, then a few forgeries and how each is
 * rejected. Issue 4 replaces it with the eleven steps of the seed article.
 * Every check printed is one this code performed, logged as it ran.
 */
import { bytesEqual, hash } from '../../impl/crypto/digest.ts';
import { dualSign, verifyDualSignature } from '../../impl/crypto/dual-signature.ts';
import { extraEncrypt, openExtra, secretHashMatches } from '../../impl/crypto/extra-encryption.ts';
import { KeyPool } from '../../impl/crypto/key-pool.ts';
import { createCryptoContext, randomBytes, type CryptoContext, type ProviderName } from '../../impl/crypto/provider.ts';
import { hashedOrderDescription, panSecret, transStain, uniqueCardholderId } from '../../impl/crypto/set-values.ts';
import {
  buildPki,
  cardholderCommonName,
  ManualClock,
  validateCertificate,
  type CertificateFailure,
  type Pki,
  type ValidatedCertificate,
} from '../../impl/pki/index.ts';
import type { Result } from '../../impl/result.ts';
import type { ExtraEncrypted } from '../../impl/wire/blobs.ts';
import { decodeData, encodeData } from '../../impl/wire/data.ts';
import { decodeMessage, encodeMessage } from '../../impl/wire/messages.ts';
import { describeMalformed } from '../../impl/wire/schema.ts';
import { CheckLog, type CheckEntry } from './check-log.ts';

export interface DemoStep {
  readonly actor: string;
  readonly action: string;
  readonly bytes?: number;
  readonly checks: readonly CheckEntry[];
  readonly outcome: string;
}

export interface FoundationDemo {
  readonly provider: ProviderName;
  readonly keys: { readonly used: number; readonly generatedNow: number };
  readonly steps: readonly DemoStep[];
  readonly rejections: readonly { readonly attempt: string; readonly outcome: string }[];
}

const CARD = { pan: '4000123412341234', cardExpiry: '202712' };
const MERCHANT = 'M1';
const GATEWAY = 'P1';

export async function runFoundationDemo(options: { provider?: ProviderName } = {}): Promise<FoundationDemo> {
  const ctx = createCryptoContext(options.provider ? { provider: options.provider } : {});
  const pool = new KeyPool(ctx);
  const clock = new ManualClock(0);
  const steps: DemoStep[] = [];
  const rejections: { attempt: string; outcome: string }[] = [];

  const pki = await buildPki(pool, { clock: clock.now });
  steps.push({ actor: 'RCA, BCA', action: 'set up the CA hierarchy: RCA -> BCA -> CCA, MCA, PCA, each CA with its CRL', checks: [], outcome: 'done' });

  // Parties' keys: split signature / key-exchange pairs, from the pool.
  const key = (name: string, usage: 'signature' | 'keyExchange') => pool.keyPair(`key:${name}:${usage}`, usage);
  const [cSig, mSig, mKex, pSig, pKex] = await Promise.all([
    key('C1', 'signature'),
    key(MERCHANT, 'signature'),
    key(MERCHANT, 'keyExchange'),
    key(GATEWAY, 'signature'),
    key(GATEWAY, 'keyExchange'),
  ]);

  // Registration's outcome (the message exchange is issue 4): the CCA certifies C1 under
  // UniqueCardholderID, never the PAN.
  const cardSecret = randomBytes(ctx, 20);
  const cardCertNonce = randomBytes(ctx, 20);
  const secret = panSecret(cardSecret, cardCertNonce);
  const cardholderId = await uniqueCardholderId(ctx, CARD, secret);
  const brand = pki.brand();
  const cardholderCert = await brand.cca.issueCardholder(cardholderId, cSig.publicKey, { keyOwner: 'C1' });
  const merchantCerts = await brand.mca.issueMerchant(MERCHANT, { signature: mSig.publicKey, keyExchange: mKex.publicKey });
  const gatewayCerts = await brand.pca.issueGateway(GATEWAY, { signature: pSig.publicKey, keyExchange: pKex.publicKey });
  const panInCert = Buffer.from(cardholderCert.der).includes(Buffer.from(CARD.pan));
  steps.push({
    actor: 'CCA, MCA, PCA',
    action: `certify C1 (CN = UniqueCardholderID ${Buffer.from(cardholderId).toString('hex').slice(0, 12)}...), ${MERCHANT} and ${GATEWAY} (signature and key-exchange)`,
    bytes: cardholderCert.der.length,
    checks: [{ check: 'the cardholder certificate holds no PAN digits', passed: !panInCert }],
    outcome: panInCert ? 'PAN leaked' : 'issued',
  });

  const chainOf = (...cas: { signatureCertificate: { der: Uint8Array } }[]) => cas.map((ca) => ca.signatureCertificate.der);
  const validate = (certificate: Uint8Array, role: 'cardholder' | 'merchant' | 'gateway', usage: 'signature' | 'keyExchange', intermediates: Uint8Array[]) =>
    validateCertificate(ctx, { certificate, intermediates, trustAnchor: pki.trustAnchor, role, usage, day: clock.day, crls: pki.crls });

  // C1 builds a signed PReq for purchase p1 (SET.md 5.3).
  const od = [{ description: 'SET textbook', quantity: 1, unitPrice: 4200 }];
  const purchAmt = { currency: 'EUR', minorUnits: 4200 };
  const odSalt = randomBytes(ctx, 20);
  const transID = { lidC: new TextEncoder().encode('C1-order-1'), lidM: new TextEncoder().encode('M1-cart-7'), xid: randomBytes(ctx, 20) };
  const hod = await hashedOrderDescription(ctx, { od, purchAmt, odSalt });
  const oiData = {
    transID,
    rrpid: randomBytes(ctx, 20),
    challC: randomBytes(ctx, 20),
    hod,
    odSalt,
    challM: randomBytes(ctx, 20),
    brandID: pki.brand().brandId,
    merchantID: MERCHANT,
  };
  const piHead = { transID, hod, purchAmt, merchantID: MERCHANT, transStain: await transStain(ctx, transID.xid, cardSecret) };
  const panData = { ...CARD, panSecret: secret, exNonce: randomBytes(ctx, 20) };
  const oiDataHash = await hash(ctx, encodeData('OIData', oiData));
  const piDataHash = await hash(ctx, encodeData('PIData', { piHead, panData }));
  const ds = await dualSign(ctx, cSig.privateKey, { piDataHash, oiDataHash });
  const gatewayKey = await validatedKey(ctx, pki, clock, gatewayCerts.keyExchange.der);
  const ex = await extraEncrypt(ctx, gatewayKey, encodeData('PIOILink', { piHead, oiDataHash }), encodeData('PANData', panData));
  const preqBytes = encodeMessage({
    kind: 'PReq',
    value: { pi: { kind: 'signed', value: { ds, ex } }, oi: { oiData, piDataHash }, cardholderCertS: cardholderCert.der },
  });
  steps.push({ actor: 'C1', action: 'build PReq of p1: HOD, OIData, PIHead with TransStain, dual signature, PI under EX to P1', bytes: preqBytes.length, checks: [], outcome: 'sent' });

  // M1 receives it: decode, certificate, HOD, dual signature (the merchant's half of SET.md 5.3).
  const merchantSide = await merchantChecksPReq(ctx, pki, clock, preqBytes, { od, purchAmt, intermediates: chainOf(brand.cca, brand.brand) });
  steps.push({ actor: MERCHANT, action: 'receive PReq of p1', bytes: preqBytes.length, checks: merchantSide.log.entries, outcome: merchantSide.outcome });

  // P1 opens the PI (as it will inside AuthReq, SET.md 5.5).
  const gatewaySide = await gatewayChecksPI(ctx, pKex.privateKey, ds, ex, (der) => validate(der, 'cardholder', 'signature', chainOf(brand.cca, brand.brand)), cardholderCert.der);
  steps.push({ actor: GATEWAY, action: 'open the PI of p1 and check it', checks: gatewaySide.log.entries, outcome: gatewaySide.outcome });

  // What the checks reject.
  const flipped = preqBytes.slice();
  flipped[Math.floor(flipped.length * 0.8)]! ^= 0x01;
  rejections.push({ attempt: 'one flipped byte in the PReq (inside the OIData)', outcome: (await merchantChecksPReq(ctx, pki, clock, flipped, { od, purchAmt, intermediates: chainOf(brand.cca, brand.brand) })).outcome });
  const truncated = preqBytes.slice(0, preqBytes.length - 5);
  const decodedTruncated = decodeMessage(truncated);
  rejections.push({ attempt: 'the PReq cut short by 5 bytes', outcome: decodedTruncated.ok ? 'accepted' : describeMalformed(decodedTruncated.error) });
  const asSigner = await validate(merchantCerts.keyExchange.der, 'merchant', 'signature', chainOf(brand.mca, brand.brand));
  rejections.push({ attempt: `${MERCHANT}'s key-exchange certificate used as its signature certificate`, outcome: asSigner.ok ? 'accepted' : asSigner.error.outcome });
  const asGateway = await validate(merchantCerts.keyExchange.der, 'gateway', 'keyExchange', chainOf(brand.mca, brand.brand));
  rejections.push({ attempt: `${MERCHANT}'s key-exchange certificate named as the gateway's`, outcome: asGateway.ok ? 'accepted' : asGateway.error.outcome });
  const untrusted = await validate(merchantCerts.signature.der, 'merchant', 'signature', []);
  rejections.push({ attempt: `${MERCHANT}'s certificate without the chain up to RCA`, outcome: untrusted.ok ? 'accepted' : untrusted.error.outcome });
  // The clock only moves forward (SET.md advanceClock): revocation on day 10, expiry on day 365.
  clock.advance(10);
  await brand.mca.revoke(merchantCerts.signature);
  const revoked = await validate(merchantCerts.signature.der, 'merchant', 'signature', chainOf(brand.mca, brand.brand));
  rejections.push({ attempt: `${MERCHANT}'s signature certificate after revoke(${MERCHANT}) on day 10`, outcome: revoked.ok ? 'accepted' : revoked.error.outcome });
  clock.advance(355);
  const expired = await validate(gatewayCerts.signature.der, 'gateway', 'signature', chainOf(brand.pca, brand.brand));
  rejections.push({ attempt: `${GATEWAY}'s signature certificate on day 365 (issued day 0, valid 365 days)`, outcome: expired.ok ? 'accepted' : expired.error.outcome });

  return { provider: ctx.provider, keys: { used: 5 + pki.authorities.length * 2, generatedNow: pool.generatedCount }, steps, rejections };
}

/** The key a cardholder takes for the gateway: from P's validated key-exchange certificate. */
async function validatedKey(ctx: CryptoContext, pki: Pki, clock: ManualClock, der: Uint8Array): Promise<CryptoKey> {
  const brand = pki.brand();
  const result = await validateCertificate(ctx, {
    certificate: der,
    intermediates: [brand.pca.signatureCertificate.der, brand.brand.signatureCertificate.der],
    trustAnchor: pki.trustAnchor,
    role: 'gateway',
    usage: 'keyExchange',
    day: clock.day,
    crls: pki.crls,
  });
  if (!result.ok) throw new Error(`the demo's own gateway certificate does not validate: ${result.error.outcome}`);
  return result.value.publicKey;
}

/** The merchant's checks of a signed PReq that the foundation can already make (SET.md 5.3). */
async function merchantChecksPReq(
  ctx: CryptoContext,
  pki: Pki,
  clock: ManualClock,
  bytes: Uint8Array,
  order: { od: { description: string; quantity: number; unitPrice: number }[]; purchAmt: { currency: string; minorUnits: number }; intermediates: Uint8Array[] },
): Promise<{ log: CheckLog; outcome: string }> {
  const log = new CheckLog();
  const message = decodeMessage(bytes);
  if (!message.ok) return { log, outcome: log.fail('decode the PReq (strict DER)', describeMalformed(message.error)) };
  log.pass('decode the PReq (strict DER)');
  if (message.value.kind !== 'PReq') return { log, outcome: log.fail('message kind is PReq', 'unexpected') };
  const preq = message.value.value;
  if (!preq.cardholderCertS || preq.pi.kind !== 'signed') return { log, outcome: log.fail('signed form: certificate and dual signature present', 'malformed') };
  const cert = await validateCertificate(ctx, {
    certificate: preq.cardholderCertS,
    intermediates: order.intermediates,
    trustAnchor: pki.trustAnchor,
    role: 'cardholder',
    usage: 'signature',
    day: clock.day,
    crls: pki.crls,
  });
  if (!cert.ok) return { log, outcome: log.fail('cardholder certificate: chain to RCA, dates, type, usage, CRL', cert.error.outcome) };
  log.pass('cardholder certificate: chain to RCA, dates, type, usage, CRL');
  const oiData = preq.oi.oiData;
  if (!log.expect('MerchantID in OIData is M1', oiData.merchantID === MERCHANT, 'mismatch:merchant')) return { log, outcome: 'mismatch:merchant' };
  const hod = await hashedOrderDescription(ctx, { od: order.od, purchAmt: order.purchAmt, odSalt: oiData.odSalt });
  if (!log.expect('HOD is the hash of the agreed order with the given ODSalt', bytesEqual(hod, oiData.hod), 'mismatch:hod')) return { log, outcome: 'mismatch:hod' };
  const oiDataHash = await hash(ctx, encodeData('OIData', oiData));
  const dsOk = await verifyDualSignature(ctx, cert.value.publicKey, preq.pi.value.ds, { piDataHash: preq.oi.piDataHash, oiDataHash });
  if (!log.expect('dual signature over {H(PIData) as given, H(OIData) computed}', dsOk, 'bad-signature')) return { log, outcome: 'bad-signature' };
  return { log, outcome: 'accepted' };
}

/** The gateway's checks of a signed PI that the foundation can already make (SET.md 5.5). */
async function gatewayChecksPI(
  ctx: CryptoContext,
  gatewayKey: CryptoKey,
  ds: Uint8Array,
  ex: ExtraEncrypted,
  validate: (der: Uint8Array) => Promise<Result<ValidatedCertificate, CertificateFailure>>,
  cardholderCert: Uint8Array,
): Promise<{ log: CheckLog; outcome: string }> {
  const log = new CheckLog();
  const opened = await openExtra(ctx, gatewayKey, ex, 'PI.ex', false);
  if (!opened.ok) return { log, outcome: log.fail("the PI's extra encryption opens with P1's key-exchange key", 'malformed') };
  log.pass("the PI's extra encryption opens with P1's key-exchange key");
  const pans = decodeData('PANData', opened.value.secret);
  const link = decodeData('PIOILink', opened.value.content);
  if (!pans.ok || !link.ok || !link.value.oiDataHash) return { log, outcome: log.fail('PANData and PIHead decode', 'malformed') };
  log.pass('PANData and PIHead decode');
  if (!log.expect('H(PANData) inside EX matches', await secretHashMatches(ctx, opened.value), 'mismatch:pan-hash')) return { log, outcome: 'mismatch:pan-hash' };
  const cert = await validate(cardholderCert);
  if (!cert.ok) return { log, outcome: log.fail('cardholder certificate: chain to RCA, dates, type, usage, CRL', cert.error.outcome) };
  log.pass('cardholder certificate: chain to RCA, dates, type, usage, CRL');
  const piDataHash = await hash(ctx, encodeData('PIData', { piHead: link.value.piHead, panData: pans.value }));
  const dsOk = await verifyDualSignature(ctx, cert.value.publicKey, ds, { piDataHash, oiDataHash: link.value.oiDataHash });
  if (!log.expect('dual signature over {H(PIData) computed, H(OIData) from the PI}', dsOk, 'bad-signature')) return { log, outcome: 'bad-signature' };
  const expectedId = await uniqueCardholderId(ctx, pans.value, pans.value.panSecret);
  const idOk = cardholderCommonName(expectedId) === cert.value.commonName;
  if (!log.expect("UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret) is the certificate's", idOk, 'mismatch:cardholder-id')) return { log, outcome: 'mismatch:cardholder-id' };
  return { log, outcome: 'accepted' };
}
