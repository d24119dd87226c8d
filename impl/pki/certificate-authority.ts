/**
 * One certification authority of SET.md section 1 (RCA, BCA, CCA, MCA, PCA): its keys (from the
 * KeyPool as `key:<name>:signature` / `key:<name>:keyExchange`), its own certificates, the
 * certificates it issued, and its CRL. It issues only what the hierarchy allows (a cardholder by
 * a CCA, a merchant by an MCA, ...); forgeries for tests go through issue.ts directly.
 * Revocation (SET.md `revoke(party)`) lists the serial from a given day on and republishes the
 * CRL into the shared CrlDirectory at once.
 */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { assertBytes, assertSafeInteger, assertString } from '../assert.ts';
import { ArgumentError, SetVerifyError } from '../errors.ts';
import type { KeyPool, KeyUsageKind } from '../crypto/key-pool.ts';
import { bufferSource, type CryptoContext } from '../crypto/provider.ts';
import { ISSUER_TYPE, type CaType, type CertType } from './cert-type.ts';
import { startOfDay, type Clock } from './clock.ts';
import type { CrlDirectory } from './crl-directory.ts';
import { encodeSmallInteger, toHex } from './der-fields.ts';
import { issueCertificate, serialHex, type IssuedCertificate } from './issue.ts';
import { hasCertificate, OID, x509SigningAlgorithm } from './profile.ts';

/** CA names become key names `key:<name>:<usage>`, so no colon or space. */
const CA_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A cardholder certificate's subject CN: lowercase hex of UniqueCardholderID, never the PAN. */
export function cardholderCommonName(uniqueCardholderId: Uint8Array): string {
  assertBytes(uniqueCardholderId, 'uniqueCardholderId');
  if (uniqueCardholderId.length === 0) throw new ArgumentError('uniqueCardholderId', 'empty');
  return toHex(uniqueCardholderId);
}

export interface IssueRequest {
  readonly commonName: string;
  readonly publicKey: CryptoKey;
  readonly type: CertType;
  readonly usage: KeyUsageKind;
  /** Day of issue; the CA's clock when omitted. */
  readonly day?: number;
  /** Who holds the private key, for the CA's view (SET.md section 8), e.g. "M2". */
  readonly keyOwner?: string;
}

export interface IssuedRecord {
  readonly certificate: IssuedCertificate;
  readonly keyOwner: string | null;
  /** Day from which it is revoked, or null. */
  readonly revokedOn: number | null;
}

export interface KeyPairCertificates {
  readonly signature: IssuedCertificate;
  readonly keyExchange: IssuedCertificate;
}

interface AuthorityInit {
  readonly ctx: CryptoContext;
  readonly name: string;
  readonly type: CaType;
  readonly brandId: string | null;
  readonly clock: Clock;
  readonly crls: CrlDirectory;
  readonly parent: CertificateAuthority | null;
  readonly signatureKeys: CryptoKeyPair;
  readonly keyExchangeKeys: CryptoKeyPair | null;
}

export class CertificateAuthority {
  readonly ctx: CryptoContext;
  readonly name: string;
  readonly type: CaType;
  readonly brandId: string | null;
  readonly clock: Clock;
  readonly crls: CrlDirectory;
  readonly parent: CertificateAuthority | null;
  readonly signatureKeys: CryptoKeyPair;
  readonly keyExchangeKeys: CryptoKeyPair | null;
  #signatureCertificate: IssuedCertificate | null = null;
  #keyExchangeCertificate: IssuedCertificate | null = null;
  #nextSerial = 1;
  #issued = new Map<string, { certificate: IssuedCertificate; keyOwner: string | null }>();
  #revoked = new Map<string, number>();
  #crlNumber = 0;
  #crl: { readonly number: number; readonly der: Uint8Array } | null = null;

  private constructor(init: AuthorityInit) {
    ({ ctx: this.ctx, name: this.name, type: this.type, brandId: this.brandId, clock: this.clock, crls: this.crls } = init);
    ({ parent: this.parent, signatureKeys: this.signatureKeys, keyExchangeKeys: this.keyExchangeKeys } = init);
  }

  /** The self-signed root (signature key only), its first CRL published. */
  static async createRoot(pool: KeyPool, options: { clock: Clock; crls: CrlDirectory; name?: string; day?: number }): Promise<CertificateAuthority> {
    const name = options.name ?? 'RCA';
    assertString(name, 'name', CA_NAME);
    const signatureKeys = await pool.keyPair(`key:${name}:signature`, 'signature');
    const root = new CertificateAuthority({ ctx: pool.ctx, name, type: 'root', brandId: null, clock: options.clock, crls: options.crls, parent: null, signatureKeys, keyExchangeKeys: null });
    const day = options.day ?? options.clock();
    root.#signatureCertificate = await root.#sign({ commonName: name, publicKey: signatureKeys.publicKey, type: 'root', usage: 'signature', day, keyOwner: name }, true);
    await root.publishCrl(day);
    return root;
  }

  /** A CA below this one: its keys from the pool, its certificates issued here, its first CRL published. */
  async createSubordinate(pool: KeyPool, options: { name: string; type: Exclude<CaType, 'root'>; brandId?: string; day?: number }): Promise<CertificateAuthority> {
    assertString(options.name, 'name', CA_NAME);
    const day = options.day ?? this.clock();
    const signatureKeys = await pool.keyPair(`key:${options.name}:signature`, 'signature');
    const keyExchangeKeys = hasCertificate(options.type, 'keyExchange') ? await pool.keyPair(`key:${options.name}:keyExchange`, 'keyExchange') : null;
    const brandId = options.brandId ?? this.brandId;
    const ca = new CertificateAuthority({ ctx: this.ctx, name: options.name, type: options.type, brandId, clock: this.clock, crls: this.crls, parent: this, signatureKeys, keyExchangeKeys });
    const base = { commonName: options.name, type: options.type, day, keyOwner: options.name } as const;
    ca.#signatureCertificate = await this.issue({ ...base, publicKey: signatureKeys.publicKey, usage: 'signature' });
    if (keyExchangeKeys) ca.#keyExchangeCertificate = await this.issue({ ...base, publicKey: keyExchangeKeys.publicKey, usage: 'keyExchange' });
    await ca.publishCrl(day);
    return ca;
  }

  get signatureCertificate(): IssuedCertificate {
    if (!this.#signatureCertificate) throw new SetVerifyError('ca-not-ready', `${this.name} has no certificate yet`);
    return this.#signatureCertificate;
  }

  /** Null for RCA and BCAs, which have no key-exchange pair. */
  get keyExchangeCertificate(): IssuedCertificate | null {
    return this.#keyExchangeCertificate;
  }

  /** This CA's signature certificate and its parents', up to but not including the root. */
  get chain(): Uint8Array[] {
    const chain: Uint8Array[] = [];
    for (let ca: CertificateAuthority | null = this; ca?.parent; ca = ca.parent) chain.push(ca.signatureCertificate.der);
    return chain;
  }

  /** Issues a certificate the hierarchy allows from this CA (SET.md section 1). */
  issue(request: IssueRequest): Promise<IssuedCertificate> {
    if (ISSUER_TYPE[request.type] !== this.type) throw new ArgumentError('type', `a ${this.type} CA does not issue ${request.type} certificates`);
    if (!hasCertificate(request.type, request.usage)) throw new ArgumentError('usage', `a ${request.type} has no ${request.usage} certificate`);
    assertString(request.commonName, 'commonName', /^.{1,64}$/u);
    return this.#sign(request, false);
  }

  /** A cardholder's signature certificate, its subject the UniqueCardholderID (SET.md section 1). */
  issueCardholder(uniqueCardholderId: Uint8Array, publicKey: CryptoKey, options: { day?: number; keyOwner?: string } = {}): Promise<IssuedCertificate> {
    return this.issue({ commonName: cardholderCommonName(uniqueCardholderId), publicKey, type: 'cardholder', usage: 'signature', ...options });
  }

  /** A merchant's two certificates; the subject CN is the MerchantID. */
  issueMerchant(merchantId: string, keys: { signature: CryptoKey; keyExchange: CryptoKey }, options: { day?: number; keyOwner?: string } = {}): Promise<KeyPairCertificates> {
    return this.#issuePair(merchantId, 'merchant', keys, options);
  }

  /** A payment gateway's two certificates; the subject CN is the gateway's name. */
  issueGateway(gatewayName: string, keys: { signature: CryptoKey; keyExchange: CryptoKey }, options: { day?: number; keyOwner?: string } = {}): Promise<KeyPairCertificates> {
    return this.#issuePair(gatewayName, 'gateway', keys, options);
  }

  /** Everything issued, in order, with revocation state (the CA's view, SET.md section 8). */
  issued(): IssuedRecord[] {
    return [...this.#issued.values()].map(({ certificate, keyOwner }) => ({ certificate, keyOwner, revokedOn: this.#revoked.get(certificate.serial) ?? null }));
  }

  /** Revoked from `day` (default: today) on; an earlier revocation of the same serial stands. */
  async revoke(target: string | IssuedCertificate, day: number = this.clock()): Promise<void> {
    assertSafeInteger(day, 'day', Number.MIN_SAFE_INTEGER);
    const serial = typeof target === 'string' ? target.toLowerCase() : target.serial;
    if (!this.#issued.has(serial)) throw new ArgumentError('target', `${this.name} issued no certificate with serial ${serial}`);
    const earlier = this.#revoked.get(serial);
    this.#revoked.set(serial, earlier === undefined ? day : Math.min(earlier, day));
    await this.publishCrl(day);
  }

  /**
   * Lists a serial on the CRL that this CA's records do not hold: a certificate signed with its
   * key outside its registration desk (the harness's `substituteCertificate(revoked)`, D28).
   */
  async revokeSerial(serial: string, day: number = this.clock()): Promise<void> {
    assertString(serial, 'serial', /^[0-9a-f]+$/);
    if (this.#issued.has(serial)) return this.revoke(serial, day);
    this.#revoked.set(serial, day);
    await this.publishCrl(day);
  }

  /** SET.md `revoke(party)`: every unrevoked certificate with this subject CN; returns their serials. */
  async revokeSubject(commonName: string, day: number = this.clock()): Promise<string[]> {
    const serials = this.issued().filter((r) => r.certificate.commonName === commonName && r.revokedOn === null).map((r) => r.certificate.serial);
    for (const serial of serials) this.#revoked.set(serial, day);
    if (serials.length > 0) await this.publishCrl(day);
    return serials;
  }

  /** The CRL last published (DER). */
  get crl(): Uint8Array {
    if (!this.#crl) throw new SetVerifyError('ca-not-ready', `${this.name} has published no CRL yet`);
    return this.#crl.der;
  }

  /** Signs a fresh CRL of every revocation so far, dated `day`, and publishes it. */
  async publishCrl(day: number = this.clock()): Promise<Uint8Array> {
    // State is read before the first await, so the higher cRLNumber always lists more.
    const number = ++this.#crlNumber;
    const entries = [...this.#revoked].map(([serial, revokedOn]) => ({ serialNumber: serial, revocationDate: startOfDay(revokedOn) }));
    const extensions = [
      await x509.AuthorityKeyIdentifierExtension.create(this.signatureKeys.publicKey, false, this.ctx.crypto),
      new x509.Extension(OID.crlNumber, false, bufferSource(encodeSmallInteger(number))),
    ];
    const crl = await x509.X509CrlGenerator.create(
      {
        issuer: new x509.Name(bufferSource(this.signatureCertificate.subjectName)),
        thisUpdate: startOfDay(day),
        entries,
        extensions,
        signingKey: this.signatureKeys.privateKey,
        signingAlgorithm: x509SigningAlgorithm(this.ctx.suite),
      },
      this.ctx.crypto,
    );
    const der = new Uint8Array(crl.rawData);
    const published = this.crls.publish(der);
    if (!published.ok) throw new SetVerifyError('issued-crl-unreadable', `${published.error.field}: ${published.error.rule}`);
    // Signing runs concurrently; keep the highest number, as the directory does.
    if (this.#crl === null || number > this.#crl.number) this.#crl = { number, der };
    return der;
  }

  async #issuePair(commonName: string, type: 'merchant' | 'gateway', keys: { signature: CryptoKey; keyExchange: CryptoKey }, options: { day?: number; keyOwner?: string }): Promise<KeyPairCertificates> {
    const signature = await this.issue({ commonName, publicKey: keys.signature, type, usage: 'signature', ...options });
    const keyExchange = await this.issue({ commonName, publicKey: keys.keyExchange, type, usage: 'keyExchange', ...options });
    return { signature, keyExchange };
  }

  async #sign(request: IssueRequest, selfSigned: boolean): Promise<IssuedCertificate> {
    const serial = serialHex(this.#nextSerial++);
    const certificate = await issueCertificate(this.ctx, {
      serial,
      commonName: request.commonName,
      subjectPublicKey: request.publicKey,
      type: request.type,
      usage: request.usage,
      day: request.day ?? this.clock(),
      issuer: {
        name: selfSigned ? null : this.signatureCertificate.subjectName,
        publicKey: this.signatureKeys.publicKey,
        signingKey: this.signatureKeys.privateKey,
      },
    });
    this.#issued.set(certificate.serial, { certificate, keyOwner: request.keyOwner ?? null });
    return certificate;
  }
}
