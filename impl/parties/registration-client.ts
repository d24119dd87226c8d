/**
 * What the cardholder and the merchant do alike as registering parties (SET.md 4.1, 4.2): find
 * the registration a response's RRPID answers, and check the CA's first response (both CA
 * certificates, CAEThumb, the signature, the Chall_EE echo) in the order of 4.1 step 2.
 */
import { bytesEqual } from '../crypto/digest.ts';
import { thumbprint } from '../crypto/set-values.ts';
import type { ValidatedCertificate } from '../pki/validate.ts';
import type { CheckLog, Rejection } from '../protocol/check-log.ts';
import { err, ok, type Result } from '../result.ts';
import type { Signed } from '../wire/blobs.ts';
import type { RelyingParty } from './certificates.ts';
import { requireCaCertificates, requireSignature } from './checks.ts';
import type { PartyEnvironment } from './environment.ts';
import type { RequestBook } from './values.ts';

/** The registration an RRPID belongs to, in the state that takes `awaiting` (SET.md 8 steps 2-3). */
export function registrationFor<R extends { readonly id: string; readonly awaiting: string | null }>(
  records: { readonly requests: RequestBook<{ readonly kind: string; readonly id?: string }>; readonly registrations: ReadonlyMap<string, R> },
  log: CheckLog,
  rrpid: Uint8Array,
  awaiting: NonNullable<R['awaiting']>,
): Result<R, Rejection> {
  const found = records.requests.find(rrpid);
  if (found.state === 'answered') return err(log.fail('RRPID is an outstanding request of ours', 'replay', 'its response was already accepted'));
  const session = found.state === 'outstanding' && found.session.kind === 'registration' ? found.session : null;
  const registration = session?.id === undefined ? undefined : records.registrations.get(session.id);
  if (!registration || registration.awaiting !== awaiting) return err(log.fail(`RRPID names a registration waiting for ${awaiting}`, 'unexpected'));
  log.pass(`RRPID echoes our request of registration ${registration.id}`);
  return ok(registration);
}

/** CardCInitRes / Me-AqCInitRes: the CA's certificates, CAEThumb, signature, Chall_EE (SET.md 4.1 step 2, 4.2 step 2). */
export async function checkCaInitResponse(
  env: PartyEnvironment,
  party: RelyingParty,
  log: CheckLog,
  response: { readonly role: 'cca' | 'mca'; readonly certS: Uint8Array; readonly certE: Uint8Array; readonly signed: Signed; readonly caeThumb: Uint8Array; readonly challEE: Uint8Array; readonly expectedChallenge: Uint8Array; readonly what: string },
): Promise<Result<ValidatedCertificate, Rejection>> {
  const certs = await requireCaCertificates(env, party, log, response);
  if (!certs.ok) return certs;
  const thumbOk = bytesEqual(await thumbprint(env.ctx, response.certE), response.caeThumb);
  const failed =
    log.require(`CAEThumb is CertE(${response.role.toUpperCase()})'s thumbprint`, thumbOk, 'mismatch:thumbprint') ??
    (await requireSignature(env, log, certs.value.s.publicKey, response.signed, response.what)) ??
    log.require('Chall_EE echo', bytesEqual(response.challEE, response.expectedChallenge), 'mismatch:challenge');
  return failed ? err(failed) : ok(certs.value.e);
}
