/**
 * Checks several parties make the same way: a signature S(s, t) against a validated key, and
 * the pair of CA certificates a registering party relies on (SET.md 4.1 step 2, 4.2 step 2).
 */
import { verifySigned } from '../crypto/signature.ts';
import type { ValidatedCertificate } from '../pki/validate.ts';
import type { CheckLog, Rejection } from '../protocol/check-log.ts';
import { ok, type Result } from '../result.ts';
import type { Signed } from '../wire/blobs.ts';
import { checkCertificate, type RelyingParty } from './certificates.ts';
import type { PartyEnvironment } from './environment.ts';

/** `bad-signature` unless `signed` verifies with `key`; null means it does. */
export async function requireSignature(env: PartyEnvironment, log: CheckLog, key: CryptoKey, signed: Signed, what: string): Promise<Rejection | null> {
  return log.require(`signature of ${what}`, (await verifySigned(env.ctx, key, signed, what)) === null, 'bad-signature');
}

/** CertS(CA) then CertE(CA), both of the CA's type, validated now (SET.md 1: kept ones again at each use). */
export async function requireCaCertificates(
  env: PartyEnvironment,
  party: RelyingParty,
  log: CheckLog,
  ca: { readonly role: 'cca' | 'mca'; readonly certS: Uint8Array; readonly certE: Uint8Array },
): Promise<Result<{ readonly s: ValidatedCertificate; readonly e: ValidatedCertificate }, Rejection>> {
  const label = ca.role.toUpperCase();
  const s = await checkCertificate(env, party, log, { label: `CertS(${label})`, der: ca.certS, role: ca.role, usage: 'signature' });
  if (!s.ok) return s;
  const e = await checkCertificate(env, party, log, { label: `CertE(${label})`, der: ca.certE, role: ca.role, usage: 'keyExchange' });
  if (!e.ok) return e;
  return ok({ s: s.value, e: e.value });
}
