/**
 * Path validation, written out (SET.md section 1; x509's X509ChainBuilder checks none of this).
 * Decode first (every given certificate must be strict DER of the profile: `malformed`), then
 * one check kind at a time over the whole chain, leaf first, in section 1's order:
 * untrusted, bad-chain-signature, expired / not-yet-valid, not-a-ca, wrong-type, wrong-usage,
 * revoked. The first kind that fails anywhere is the outcome.
 * Revocation fails closed: a chain certificate whose issuer has no CRL in the directory, or
 * whose issuer's newest CRL does not verify with that issuer's key, is `revoked`: without a
 * trustworthy CRL nothing shows the certificate is still good.
 */
import { ArgumentError } from '../errors.ts';
import type { KeyUsageKind } from '../crypto/key-pool.ts';
import type { CryptoContext } from '../crypto/provider.ts';
import { err, ok, type Result } from '../result.ts';
import { ISSUER_TYPE, type CertType } from './cert-type.ts';
import { buildChain, describeLink, type ChainCertificate } from './chain.ts';
import type { ValidityDays } from './clock.ts';
import type { CrlDirectory } from './crl-directory.ts';
import { bytesEqual } from './der-fields.ts';
import { badCertificate, certificateMalformed, type BadCertificate, type CertificateFailure } from './failures.ts';
import { cachedCrlCheck, cachedLinkCheck, importCertificateKey, readCertificate, verifyPss } from './pki-cache.ts';
import { KEY_USAGE_BIT, signatureAlgorithmIdentifier } from './profile.ts';

/** DER bytes, or anything that carries them (an IssuedCertificate, a ParsedCertificate). */
export type CertificateInput = Uint8Array | { readonly der: Uint8Array };

export interface ValidationRequest {
  readonly certificate: CertificateInput;
  /** Certificates that may complete the chain (CA certificates from the message, in any order). */
  readonly intermediates: readonly CertificateInput[];
  /** The RCA certificate: the only trust anchor. */
  readonly trustAnchor: CertificateInput;
  /** The type the certificate is relied on as. */
  readonly role: CertType;
  readonly usage: KeyUsageKind;
  /** The day of processing (the clock's reading). */
  readonly day: number;
  readonly crls: CrlDirectory;
  /** Checks a weakened protocol variant leaves out (SET.md section 10); none by default. */
  readonly relax?: ValidationRelaxation;
}

/**
 * What the variants of SET.md section 10 switch off: `chain` (no-chain-validation: only parse
 * the certificate and import its key), `leafTypeAndUsage` (any-cert-for-encryption: any type
 * and usage for the certificate itself), `revocation` (no-revocation-check).
 */
export interface ValidationRelaxation {
  readonly chain?: boolean;
  readonly leafTypeAndUsage?: boolean;
  readonly revocation?: boolean;
}

export interface ValidatedCertificate {
  readonly commonName: string;
  readonly type: CertType;
  readonly usage: KeyUsageKind;
  readonly serial: string;
  /** RSA-PSS verify key (signature) or RSA-OAEP encrypt key (key exchange), from the validating context. */
  readonly publicKey: CryptoKey;
  readonly spki: Uint8Array;
  /** H(DER). */
  readonly thumbprint: Uint8Array;
  readonly der: Uint8Array;
  readonly validity: ValidityDays;
}

const derOf = (input: CertificateInput): Uint8Array => (input instanceof Uint8Array ? input : input.der);

async function decode(ctx: CryptoContext, input: CertificateInput, label: string): Promise<Result<ChainCertificate, CertificateFailure>> {
  const read = await readCertificate(ctx, derOf(input));
  if (!read.parsed.ok) return err(certificateMalformed(label, read.parsed.error));
  return ok({ thumbprint: read.thumbprint, thumbprintHex: read.thumbprintHex, parsed: read.parsed.value });
}

export async function validateCertificate(ctx: CryptoContext, request: ValidationRequest): Promise<Result<ValidatedCertificate, CertificateFailure>> {
  const anchor = await decode(ctx, request.trustAnchor, 'trustAnchor');
  // The anchor is local configuration, not network input: a bad one is the caller's mistake.
  if (!anchor.ok) throw new ArgumentError('trustAnchor', JSON.stringify(anchor.error));
  const leaf = await decode(ctx, request.certificate, 'certificate');
  if (!leaf.ok) return leaf;
  const intermediates: ChainCertificate[] = [];
  for (const [index, input] of request.intermediates.entries()) {
    const decoded = await decode(ctx, input, `intermediates[${index}]`);
    if (!decoded.ok) return decoded;
    intermediates.push(decoded.value);
  }
  const publicKey = await importCertificateKey(ctx, leaf.value.thumbprintHex, leaf.value.parsed.spki, request.usage);
  if (!publicKey) return err(certificateMalformed('certificate', { field: 'tbsCertificate.subjectPublicKeyInfo', rule: 'the key does not import' }));

  const relax = request.relax ?? {};
  if (!relax.chain) {
    const chain = buildChain(leaf.value, intermediates, anchor.value);
    if (!Array.isArray(chain)) return err(chain);
    const failure =
      (await checkSignatures(ctx, chain)) ??
      checkDates(chain, request.day) ??
      checkCaConstraints(chain) ??
      checkTypes(chain, request.role, relax.leafTypeAndUsage === true) ??
      checkUsages(chain, request.usage, relax.leafTypeAndUsage === true) ??
      (relax.revocation ? null : await checkRevocation(ctx, chain, request.day, request.crls));
    if (failure) return err(failure);
  }

  const { parsed } = leaf.value;
  return ok({
    commonName: parsed.commonName,
    type: parsed.certType ?? request.role,
    usage: request.usage,
    serial: parsed.serial,
    publicKey,
    spki: parsed.spki,
    thumbprint: leaf.value.thumbprint,
    der: parsed.der,
    validity: parsed.validity,
  });
}

/** Links whose issuer is in the chain: every certificate but the anchor, which is trusted as is. */
const links = (chain: readonly ChainCertificate[]): number[] => chain.slice(0, -1).map((_, index) => index);

async function checkSignatures(ctx: CryptoContext, chain: ChainCertificate[]): Promise<BadCertificate | null> {
  const expected = signatureAlgorithmIdentifier(ctx.suite);
  for (const index of links(chain)) {
    const { parsed } = chain[index]!;
    const issuer = chain[index + 1]!;
    const fail = (detail: string): BadCertificate => badCertificate('bad-chain-signature', describeLink(chain, index), detail);
    if (!bytesEqual(parsed.signatureAlgorithm, parsed.tbsSignatureAlgorithm)) return fail('outer signatureAlgorithm differs from the signed one');
    if (!bytesEqual(parsed.signatureAlgorithm, expected)) return fail(`signature algorithm is not the profile's (${ctx.suite.name})`);
    const verified = await cachedLinkCheck(ctx, chain[index]!.thumbprintHex, issuer.thumbprintHex, async () => {
      const key = await importCertificateKey(ctx, issuer.thumbprintHex, issuer.parsed.spki, 'issuer');
      return key !== null && (await verifyPss(ctx, key, parsed.signature, parsed.tbs));
    });
    if (!verified) return fail(`signature does not verify with the key of ${describeLink(chain, index + 1)}`);
  }
  return null;
}

function checkDates(chain: readonly ChainCertificate[], day: number): BadCertificate | null {
  for (const [index, { parsed }] of chain.entries()) {
    const { firstDay, lastDay } = parsed.validity;
    if (day > lastDay) return badCertificate('expired', describeLink(chain, index), `last valid day ${lastDay}, today ${day}`);
    if (day < firstDay) return badCertificate('not-yet-valid', describeLink(chain, index), `first valid day ${firstDay}, today ${day}`);
  }
  return null;
}

/** Every issuer is a CA, and no more CAs follow it below than its path length allows. */
function checkCaConstraints(chain: readonly ChainCertificate[]): BadCertificate | null {
  for (let index = 1; index < chain.length; index++) {
    const constraints = chain[index]!.parsed.basicConstraints;
    const fail = (detail: string): BadCertificate => badCertificate('not-a-ca', describeLink(chain, index), detail);
    if (!constraints?.ca) return fail('used as an issuer but basicConstraints does not say CA');
    // Intermediate CAs below it: the certificates between it and the leaf, leaf excluded.
    if (constraints.pathLength !== undefined && index - 1 > constraints.pathLength) return fail(`path length ${constraints.pathLength} exceeded by ${index - 1} CA(s) below`);
  }
  return null;
}

/** setCext-certType: the leaf is of the role, and each certificate is issued by the type SET.md allows. */
function checkTypes(chain: readonly ChainCertificate[], role: CertType, anyLeafType: boolean): BadCertificate | null {
  for (const [index, { parsed }] of chain.entries()) {
    if (index === 0 && anyLeafType) continue;
    const fail = (detail: string): BadCertificate => badCertificate('wrong-type', describeLink(chain, index), detail);
    const type = parsed.certType;
    if (type === null) return fail('setCext-certType missing, unreadable, or not exactly one SET type');
    if (index === 0 && type !== role) return fail(`is a ${type} certificate, expected ${role}`);
    const issuerType = index + 1 < chain.length ? chain[index + 1]!.parsed.certType : null;
    const isAnchor = index === chain.length - 1;
    if (isAnchor ? type !== 'root' : issuerType !== ISSUER_TYPE[type]) {
      return fail(isAnchor ? `the trust anchor is a ${type}` : `a ${type} issued by a ${issuerType ?? 'untyped certificate'}, expected ${ISSUER_TYPE[type] ?? 'none'}`);
    }
  }
  return null;
}

/** keyUsage: the leaf's for the use at hand (never both), each issuer's for signing certificates and CRLs. */
function checkUsages(chain: readonly ChainCertificate[], usage: KeyUsageKind, anyLeafUsage: boolean): BadCertificate | null {
  const { digitalSignature, keyEncipherment, keyCertSign, cRLSign } = KEY_USAGE_BIT;
  for (const [index, { parsed }] of chain.entries()) {
    if (index === 0 && anyLeafUsage) continue;
    const bits = parsed.keyUsageBits;
    const fail = (detail: string): BadCertificate => badCertificate('wrong-usage', describeLink(chain, index), detail);
    if (!bits) return fail('no keyUsage');
    if (index === 0) {
      const [wanted, other] = usage === 'signature' ? [digitalSignature, keyEncipherment] : [keyEncipherment, digitalSignature];
      if (!bits.has(wanted) || bits.has(other)) return fail(`not a ${usage} certificate`);
    } else if (!bits.has(keyCertSign) || !bits.has(cRLSign)) {
      return fail('issuer without keyCertSign and cRLSign');
    }
  }
  return null;
}

async function checkRevocation(ctx: CryptoContext, chain: readonly ChainCertificate[], day: number, crls: CrlDirectory): Promise<BadCertificate | null> {
  const expected = signatureAlgorithmIdentifier(ctx.suite);
  for (const index of links(chain)) {
    const issuer = chain[index + 1]!;
    const fail = (detail: string): BadCertificate => badCertificate('revoked', describeLink(chain, index), detail);
    const crl = crls.find(issuer.parsed);
    if (!crl) return fail(`no CRL from ${describeLink(chain, index + 1)} (fail closed)`);
    const trustworthy =
      bytesEqual(crl.issuerName, issuer.parsed.subjectName) &&
      bytesEqual(crl.signatureAlgorithm, crl.tbsSignatureAlgorithm) &&
      bytesEqual(crl.signatureAlgorithm, expected) &&
      (await cachedCrlCheck(ctx, crl, issuer.thumbprintHex, async () => {
        const key = await importCertificateKey(ctx, issuer.thumbprintHex, issuer.parsed.spki, 'issuer');
        return key !== null && (await verifyPss(ctx, key, crl.signature, crl.tbs));
      }));
    if (!trustworthy) return fail(`the CRL of ${describeLink(chain, index + 1)} does not verify (fail closed)`);
    const revokedOn = crl.revoked.get(chain[index]!.parsed.serial);
    if (revokedOn !== undefined && revokedOn <= day) return fail(`revoked on day ${revokedOn}`);
  }
  return null;
}
