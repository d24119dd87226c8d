/**
 * Test fixture for impl/pki: the SET.md section 1 hierarchy with one cardholder, one merchant
 * and one gateway, all issued on day 0, plus helpers to validate and to forge. Built once per
 * test file (beforeAll); keys come from the KeyPool (on-disk cache), never generated here.
 */
import { KeyPool, type KeyUsageKind } from '../crypto/key-pool.ts';
import { bufferSource, createCryptoContext, type CryptoContext } from '../crypto/provider.ts';
import type { Result } from '../result.ts';
import { buildPki, type Pki } from './build-pki.ts';
import type { CertificateAuthority, KeyPairCertificates } from './certificate-authority.ts';
import type { CertType } from './cert-type.ts';
import { ManualClock } from './clock.ts';
import type { CertificateFailure } from './failures.ts';
import { issueCertificate, type CertificateSpec, type IssuedCertificate } from './issue.ts';
import { validateCertificate, type CertificateInput, type ValidatedCertificate } from './validate.ts';

export const TEST_PAN = '4111111111111111';
export const TEST_EXPIRY = '202712';

export interface PartyKeys {
  readonly signature: CryptoKeyPair;
  readonly keyExchange: CryptoKeyPair;
}

export interface PkiFixture {
  readonly ctx: CryptoContext;
  readonly pool: KeyPool;
  readonly clock: ManualClock;
  readonly pki: Pki;
  readonly cardholder: { readonly keys: CryptoKeyPair; readonly uniqueCardholderId: Uint8Array; readonly certificate: IssuedCertificate };
  readonly merchant: { readonly keys: PartyKeys; readonly certificates: KeyPairCertificates };
  readonly gateway: { readonly keys: PartyKeys; readonly certificates: KeyPairCertificates };
}

/** UniqueCardholderID = HMAC({PAN, CardExpiry}, PANSecret) (SET.md section 1), fixed secret for the test. */
export async function uniqueCardholderId(ctx: CryptoContext, pan: string, expiry: string): Promise<Uint8Array> {
  const panSecret = new Uint8Array(20).fill(7);
  const key = await ctx.subtle.importKey('raw', bufferSource(panSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await ctx.subtle.sign('HMAC', key, new TextEncoder().encode(`${pan}|${expiry}`)));
}

export async function buildFixture(ctx: CryptoContext = createCryptoContext({ provider: 'native' })): Promise<PkiFixture> {
  const pool = new KeyPool(ctx);
  const clock = new ManualClock(0);
  const pki = await buildPki(pool, { clock: clock.now });
  const { cca, mca, pca } = pki.brand();
  const partyKeys = async (name: string): Promise<PartyKeys> => ({
    signature: await pool.keyPair(`key:${name}:signature`, 'signature'),
    keyExchange: await pool.keyPair(`key:${name}:keyExchange`, 'keyExchange'),
  });
  const cardholderKeys = await pool.keyPair('key:C1:signature', 'signature');
  const id = await uniqueCardholderId(ctx, TEST_PAN, TEST_EXPIRY);
  const cardholderCertificate = await cca.issueCardholder(id, cardholderKeys.publicKey, { keyOwner: 'C1' });
  const merchantKeys = await partyKeys('M1');
  const merchantCertificates = await mca.issueMerchant('M1', { signature: merchantKeys.signature.publicKey, keyExchange: merchantKeys.keyExchange.publicKey }, { keyOwner: 'M1' });
  const gatewayKeys = await partyKeys('P1');
  const gatewayCertificates = await pca.issueGateway('P1', { signature: gatewayKeys.signature.publicKey, keyExchange: gatewayKeys.keyExchange.publicKey }, { keyOwner: 'P1' });
  return {
    ctx,
    pool,
    clock,
    pki,
    cardholder: { keys: cardholderKeys, uniqueCardholderId: id, certificate: cardholderCertificate },
    merchant: { keys: merchantKeys, certificates: merchantCertificates },
    gateway: { keys: gatewayKeys, certificates: gatewayCertificates },
  };
}

export interface ValidateOptions {
  readonly role: CertType;
  readonly usage?: KeyUsageKind;
  readonly day?: number;
  /** Default: the chain of the CA of the role's issuer type in the first brand. */
  readonly intermediates?: readonly CertificateInput[];
  readonly ctx?: CryptoContext;
}

/** The CA chain a party of `role` presents (SET.md section 1 chains). */
export function intermediatesFor(pki: Pki, role: CertType): Uint8Array[] {
  const brand = pki.brand();
  const issuer: CertificateAuthority | null = { cardholder: brand.cca, merchant: brand.mca, gateway: brand.pca, cca: brand.brand, mca: brand.brand, pca: brand.brand, brand: pki.root, root: null }[role];
  return issuer?.parent ? issuer.chain : [];
}

export function validate(fixture: PkiFixture, certificate: CertificateInput, options: ValidateOptions): Promise<Result<ValidatedCertificate, CertificateFailure>> {
  return validateCertificate(options.ctx ?? fixture.ctx, {
    certificate,
    intermediates: options.intermediates ?? intermediatesFor(fixture.pki, options.role),
    trustAnchor: fixture.pki.trustAnchor,
    role: options.role,
    usage: options.usage ?? 'signature',
    day: options.day ?? fixture.clock.day,
    crls: fixture.pki.crls,
  });
}

/** The outcome string of a validation: "accepted" or the failure's outcome. */
export async function outcomeOf(result: Promise<Result<ValidatedCertificate, CertificateFailure>>): Promise<string> {
  const settled = await result;
  return settled.ok ? 'accepted' : settled.error.outcome;
}

/** A certificate made outside the honest CA rules, signed by `signer` while naming `issuer`. */
export async function forge(
  fixture: PkiFixture,
  spec: Omit<CertificateSpec, 'serial' | 'day' | 'issuer'> & { serial?: string; day?: number },
  issuer: { name: Uint8Array | null; publicKey: CryptoKey },
  signingKey: CryptoKey,
): Promise<IssuedCertificate> {
  return issueCertificate(fixture.ctx, { serial: 'f0', day: 0, ...spec, issuer: { ...issuer, signingKey } });
}
