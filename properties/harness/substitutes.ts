/**
 * The certificates `substituteCertificate` puts in place (docs/decisions.md D28), made with the
 * implementation's real PKI: `forged` certifies the attacker's new key and is signed with the
 * attacker's key while naming the real issuer; `expired`, `revoked`, `wrongUsage` and `wrongType`
 * are signed by the real issuer with its real key, outside its registration desk (no CA view
 * lists them; a `revoked` one goes on the issuer's CRL today); `otherParty` is another party's
 * genuine current certificate of the same type and usage.
 */
import { bytesEqual } from '../../impl/crypto/digest.ts';
import type { CertType } from '../../impl/pki/cert-type.ts';
import type { CertificateAuthority } from '../../impl/pki/certificate-authority.ts';
import { parseCertificate } from '../../impl/pki/certificate-parser.ts';
import { LEAF_VALIDITY_DAYS, CA_VALIDITY_DAYS } from '../../impl/pki/clock.ts';
import { issueCertificate, serialHex } from '../../impl/pki/issue.ts';
import { hasCertificate, KEY_USAGE_BIT } from '../../impl/pki/profile.ts';
import type { CertificateSubstitute } from '../../model/index.ts';
import type { ImplRun } from './impl-run.ts';
import { holdAttackerKey } from './attacker-keys.ts';

const WRONG_TYPE: Partial<Record<CertType, CertType>> = {
  cardholder: 'merchant',
  merchant: 'cardholder',
  gateway: 'merchant',
  cca: 'mca',
  mca: 'cca',
  pca: 'mca',
  brand: 'root',
  root: 'brand',
};

/** Serials of substitutes: far above any CA's own counter. */
let nextSerial = 0x7000_0000;

/** The substitute for `der`, or null when there is none (otherParty with no other party; an unparsable certificate). */
export async function substituteFor(run: ImplRun, der: Uint8Array, option: CertificateSubstitute): Promise<Uint8Array | null> {
  const parsed = parseCertificate(der);
  if (!parsed.ok || parsed.value.certType === null) return null;
  const c = parsed.value;
  const type = c.certType!;
  const usage = c.keyUsageBits?.has(0) ? 'signature' : 'keyExchange';
  if (option === 'otherParty') return otherPartyCertificate(run, type === 'cardholder' ? run.d.env.names.subjectName(c.commonName) : c.commonName, type, usage);
  const issuer = run.d.pki.authorities.find((a) => bytesEqual(a.signatureCertificate.subjectName, c.issuerName)) ?? null;
  if (!issuer) return null;
  const ctx = run.d.env.ctx;
  const today = run.d.clock.day;
  const serial = serialHex(nextSerial++);
  const subjectKey = await ctx.subtle.importKey('spki', c.spki as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: ctx.suite.hash }, true, ['verify']);
  const base = { serial, commonName: c.commonName, subjectPublicKey: subjectKey, type, usage, day: c.validity.firstDay } as const;
  const real = { name: issuer.signatureCertificate.subjectName, publicKey: issuer.signatureKeys.publicKey, signingKey: issuer.signatureKeys.privateKey };
  switch (option) {
    case 'forged': {
      const name = run.attackerName();
      const [own, signer] = await Promise.all([run.d.pool.keyPair(`key:${name}:${usage}`, usage), run.d.pool.keyPair(`key:${name}:signature`, 'signature')]);
      // the attacker holds both halves of its new key pairs (D28), as the model's attacker learns them
      holdAttackerKey(run, `key:${name}:${usage}`);
      holdAttackerKey(run, `key:${name}:signature`);
      const ownKey = usage === 'signature' ? own.publicKey : await reimportForCertificate(run, `key:${name}:${usage}`);
      return (await issueCertificate(ctx, { ...base, subjectPublicKey: ownKey, issuer: { name: real.name, publicKey: real.publicKey, signingKey: signer.privateKey } })).der;
    }
    case 'expired': {
      const days = isCaType(type) ? CA_VALIDITY_DAYS : LEAF_VALIDITY_DAYS;
      return (await issueCertificate(ctx, { ...base, day: today - days, issuer: real })).der;
    }
    case 'revoked': {
      const issued = await issueCertificate(ctx, { ...base, issuer: real });
      await issuer.revokeSerial(issued.serial, today);
      return issued.der;
    }
    case 'wrongUsage': {
      const wrong = usage === 'signature' ? 'keyExchange' : 'signature';
      if (hasCertificate(type, wrong)) return (await issueCertificate(ctx, { ...base, usage: wrong, issuer: real })).der;
      // SET.md 1 gives a cardholder, root or brand CA no key-exchange certificate, so the profile
      // refuses one: a key-exchange key usage (no CA) is forced on the type's own profile
      const overrides = { profile: { isCa: false, pathLength: undefined, keyUsageBits: [KEY_USAGE_BIT.keyEncipherment] } };
      return (await issueCertificate(ctx, { ...base, issuer: real, overrides })).der;
    }
    case 'wrongType': {
      const other = WRONG_TYPE[type];
      return other ? (await issueCertificate(ctx, { ...base, type: other, issuer: real })).der : null;
    }
  }
}

const isCaType = (type: CertType): boolean => CA_TYPES.includes(type);
const CA_TYPES: readonly CertType[] = ['root', 'brand', 'cca', 'mca', 'pca'];

/** A key-exchange public key as x509 wants it for the subject (it only exports it). */
async function reimportForCertificate(run: ImplRun, name: string): Promise<CryptoKey> {
  const material = await run.d.pool.material(name);
  return run.d.env.ctx.subtle.importKey('spki', material.spki as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: run.d.env.ctx.suite.hash }, true, ['verify']);
}

/** The current certificate of the same type and usage of the first other party by name. */
function otherPartyCertificate(run: ImplRun, owner: string, type: CertType, usage: 'signature' | 'keyExchange'): Uint8Array | null {
  const { d } = run;
  const current: [string, Uint8Array | undefined][] = [];
  if (type === 'cardholder') for (const [name, c] of d.cardholders) current.push([name, c.records.certificate?.der]);
  if (type === 'merchant') for (const [name, m] of d.merchants) current.push([name, usage === 'signature' ? m.certificates?.certS : m.certificates?.certE]);
  if (type === 'gateway') for (const [name, p] of d.gateways) current.push([name, usage === 'signature' ? p.certS : d.gatewayCertificate(name)]);
  if (isCaType(type)) {
    for (const ca of d.pki.authorities as readonly CertificateAuthority[]) if (ca.type === type) current.push([ca.name, usage === 'signature' ? ca.signatureCertificate.der : ca.keyExchangeCertificate?.der]);
  }
  const others = current.filter(([name, cert]) => cert && name !== owner).sort(([a], [b]) => (a < b ? -1 : 1));
  return others[0]?.[1] ?? null;
}
