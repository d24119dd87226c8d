/**
 * The CA hierarchy of SET.md 1, made at set-up on day 0: RCA (self-signed, the only trust
 * anchor), BCA under it, and CCA, MCA, PCA under BCA, each of the three with a signature and a
 * key-exchange certificate. Serial numbers count from 1 per issuing CA, in the order below.
 */
import {
  agent, certificate, privateKey, publicKey, type Certificate, type CertType, type KeyUsage,
} from '../terms/index.ts';
import { BRAND_CA, CARDHOLDER_CA, GATEWAY_CA, MERCHANT_CA, ROOT_CA } from '../vocabulary/agents.ts';
import { lastValidDay } from './validity.ts';

export interface CaCertificates {
  readonly signature: Certificate;
  readonly keyExchange?: Certificate;
}

/** The CA certificates every party holds from set-up (SET.md 1: "Every party trusts only RCA"). */
export interface Pki {
  readonly root: Certificate;
  readonly cas: ReadonlyMap<string, CaCertificates>;
}

export interface IssueRequest {
  readonly issuer: string;
  readonly subject: string | Certificate['subject'];
  readonly subjectKey: Certificate['subjectKey'];
  readonly type: CertType;
  readonly usage: KeyUsage;
  readonly day: number;
  readonly serial: number;
}

/** A certificate as the named CA issues it: signed with that CA's own signature key. */
export function issueCertificate(request: IssueRequest): Certificate {
  const subject = typeof request.subject === 'string' ? agent(request.subject) : request.subject;
  return certificate({
    subject,
    subjectKey: request.subjectKey,
    certType: request.type,
    usage: request.usage,
    firstDay: request.day,
    lastDay: lastValidDay(request.type, request.day),
    serial: request.serial,
    issuer: agent(request.issuer),
    signer: privateKey(request.issuer, 'signature'),
  });
}

function caCertificate(name: string, issuer: string, type: CertType, usage: KeyUsage, serial: number): Certificate {
  return issueCertificate({ issuer, subject: name, subjectKey: publicKey(name, usage), type, usage, day: 0, serial });
}

let hierarchy: Pki | undefined;

/** The set-up PKI (the same terms every time: certificates are interned). */
export function standardPki(): Pki {
  if (hierarchy !== undefined) return hierarchy;
  const root = caCertificate(ROOT_CA, ROOT_CA, 'root', 'signature', 1);
  const brand = caCertificate(BRAND_CA, ROOT_CA, 'brand', 'signature', 2);
  const cas = new Map<string, CaCertificates>([[ROOT_CA, { signature: root }], [BRAND_CA, { signature: brand }]]);
  let serial = 0;
  for (const [name, type] of [[CARDHOLDER_CA, 'cca'], [MERCHANT_CA, 'mca'], [GATEWAY_CA, 'pca']] as const) {
    cas.set(name, {
      signature: caCertificate(name, BRAND_CA, type, 'signature', ++serial),
      keyExchange: caCertificate(name, BRAND_CA, type, 'keyExchange', ++serial),
    });
  }
  hierarchy = Object.freeze({ root, cas });
  return hierarchy;
}

/** Every certificate of the set-up hierarchy, with the CA that issued it. */
export function hierarchyCertificates(pki: Pki): { issuer: string; certificate: Certificate }[] {
  const out: { issuer: string; certificate: Certificate }[] = [];
  for (const { signature, keyExchange } of pki.cas.values()) {
    for (const c of [signature, keyExchange]) {
      if (c !== undefined && c.issuer.kind === 'agent') out.push({ issuer: c.issuer.name, certificate: c });
    }
  }
  return out;
}
