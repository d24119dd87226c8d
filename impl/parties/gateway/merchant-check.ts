/**
 * The gateway's check of the merchant behind an AuthReq or CapReq (SET.md 5.5, reused by
 * 6.2): CertS(M) and CertE(M) of type merchant, the signature of the enveloped data, and
 * MerchantID = the signer's certificate subject (docs/decisions.md D11: CertE(M)'s too,
 * since P encrypts its answer to that key).
 */
import type { ValidatedCertificate } from '../../pki/validate.ts';
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import type { Signed } from '../../wire/blobs.ts';
import { checkCertificate } from '../certificates.ts';
import { requireSignature } from '../checks.ts';
import type { GatewaySelf } from './self.ts';

export interface CheckedMerchant {
  readonly certS: ValidatedCertificate;
  readonly certE: ValidatedCertificate;
}

export async function checkMerchant(
  p: GatewaySelf,
  log: CheckLog,
  message: { readonly merchantCertS: Uint8Array; readonly merchantCertE: Uint8Array; readonly signed: Signed; readonly merchantID: string; readonly what: string },
): Promise<Result<CheckedMerchant, Rejection>> {
  const certS = await checkCertificate(p.env, { kind: 'gateway', name: p.name }, log, { label: 'CertS(M)', der: message.merchantCertS, role: 'merchant', usage: 'signature' });
  if (!certS.ok) return certS;
  const certE = await checkCertificate(p.env, { kind: 'gateway', name: p.name }, log, { label: 'CertE(M)', der: message.merchantCertE, role: 'merchant', usage: 'keyExchange' });
  if (!certE.ok) return certE;
  const failed =
    (await requireSignature(p.env, log, certS.value.publicKey, message.signed, message.what)) ??
    log.require(
      "MerchantID is the subject of the signer's certificates",
      message.merchantID === certS.value.commonName && message.merchantID === certE.value.commonName,
      'mismatch:merchant',
    );
  return failed ? err(failed) : ok({ certS: certS.value, certE: certE.value });
}
