/**
 * What path validation may remember (SET.md section 1): parsed certificates and imported keys
 * by thumbprint, and the outcome of a chain-link or CRL signature check (both ends named by
 * thumbprint, so the answer cannot change). Never dates or revocation. One cache per
 * CryptoContext, because CryptoKeys belong to one provider; bounded, so long property runs
 * that mint many certificates do not grow memory without end.
 */
import type { KeyUsageKind } from '../crypto/key-pool.ts';
import { bufferSource, type CryptoContext } from '../crypto/provider.ts';
import type { Result } from '../result.ts';
import { parseCertificate, type FieldFailure, type ParsedCertificate } from './certificate-parser.ts';
import type { ParsedCrl } from './crl-parser.ts';
import { toHex } from './der-fields.ts';

const MAX_ENTRIES = 4096;

/** A Map that forgets its oldest entry beyond `limit`. */
class BoundedMap<K, V> {
  #map = new Map<K, V>();
  constructor(readonly limit: number) {}
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  set(key: K, value: V): V {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as K);
    return value;
  }
}

interface PkiCache {
  readonly reads: BoundedMap<string, ReadCertificate>;
  readonly parsed: BoundedMap<string, Result<ParsedCertificate, FieldFailure>>;
  readonly keys: BoundedMap<string, Promise<CryptoKey | null>>;
  readonly links: BoundedMap<string, boolean>;
  readonly crlChecks: WeakMap<ParsedCrl, Map<string, boolean>>;
}

const caches = new WeakMap<CryptoContext, PkiCache>();

function cacheFor(ctx: CryptoContext): PkiCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = { reads: new BoundedMap(MAX_ENTRIES), parsed: new BoundedMap(MAX_ENTRIES), keys: new BoundedMap(MAX_ENTRIES), links: new BoundedMap(MAX_ENTRIES), crlChecks: new WeakMap() };
    caches.set(ctx, cache);
  }
  return cache;
}

/** H(DER), SET.md's thumbprint. */
export async function thumbprint(ctx: CryptoContext, der: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await ctx.subtle.digest(ctx.suite.hash, bufferSource(der)));
}

export interface ReadCertificate {
  readonly thumbprint: Uint8Array;
  readonly thumbprintHex: string;
  readonly parsed: Result<ParsedCertificate, FieldFailure>;
}

/**
 * Parses a certificate once per thumbprint. The thumbprint itself is remembered by the exact
 * bytes (the certificates of a chain arrive with every message, so hashing them again each
 * time was the largest cost of validation); equal bytes have an equal thumbprint, by definition.
 */
export async function readCertificate(ctx: CryptoContext, der: Uint8Array): Promise<ReadCertificate> {
  const cache = cacheFor(ctx);
  const bytesKey = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('latin1');
  const known = cache.reads.get(bytesKey);
  if (known) return known;
  const print = await thumbprint(ctx, der);
  const thumbprintHex = toHex(print);
  const parsed = cache.parsed.get(thumbprintHex) ?? cache.parsed.set(thumbprintHex, parseCertificate(der));
  return cache.reads.set(bytesKey, { thumbprint: print, thumbprintHex, parsed });
}

/** The algorithm and operations a certificate's key is imported with, by usage. */
function importParams(ctx: CryptoContext, usage: KeyUsageKind | 'issuer'): { algorithm: RsaHashedImportParams; uses: KeyUsage[] } {
  if (usage === 'keyExchange') return { algorithm: { name: 'RSA-OAEP', hash: ctx.suite.hash }, uses: ['encrypt'] };
  return { algorithm: { name: 'RSA-PSS', hash: ctx.suite.hash }, uses: ['verify'] };
}

/**
 * The subject key of a certificate, imported for `usage` (an issuer's key verifies). Null when
 * the provider refuses the key: the caller turns that into a typed failure.
 */
export function importCertificateKey(ctx: CryptoContext, thumbprintHex: string, spki: Uint8Array, usage: KeyUsageKind | 'issuer'): Promise<CryptoKey | null> {
  const cache = cacheFor(ctx);
  const id = `${thumbprintHex}|${usage === 'issuer' ? 'signature' : usage}`;
  const cached = cache.keys.get(id);
  if (cached) return cached;
  const { algorithm, uses } = importParams(ctx, usage);
  // Targeted: importKey is the one call here that rejects on a key the provider dislikes.
  const imported = ctx.subtle.importKey('spki', bufferSource(spki), algorithm, true, uses).then(
    (key) => key,
    () => null,
  );
  return cache.keys.set(id, imported);
}

/** RSA-PSS verification that answers false instead of rejecting (a bad length rejects in some providers). */
export async function verifyPss(ctx: CryptoContext, key: CryptoKey, signature: Uint8Array, signed: Uint8Array): Promise<boolean> {
  try {
    return await ctx.subtle.verify({ name: 'RSA-PSS', saltLength: ctx.suite.signature.saltLength }, key, bufferSource(signature), bufferSource(signed));
  } catch {
    return false;
  }
}

/** Remembers whether `child`'s signature verified with `issuer`'s key. */
export async function cachedLinkCheck(ctx: CryptoContext, childThumbprint: string, issuerThumbprint: string, check: () => Promise<boolean>): Promise<boolean> {
  const cache = cacheFor(ctx);
  const id = `${childThumbprint}>${issuerThumbprint}`;
  const known = cache.links.get(id);
  if (known !== undefined) return known;
  return cache.links.set(id, await check());
}

/** Remembers whether a CRL verified with an issuer's key. */
export async function cachedCrlCheck(ctx: CryptoContext, crl: ParsedCrl, issuerThumbprint: string, check: () => Promise<boolean>): Promise<boolean> {
  const cache = cacheFor(ctx);
  let byIssuer = cache.crlChecks.get(crl);
  if (!byIssuer) cache.crlChecks.set(crl, (byIssuer = new Map()));
  const known = byIssuer.get(issuerThumbprint);
  if (known !== undefined) return known;
  const verified = await check();
  byIssuer.set(issuerThumbprint, verified);
  return verified;
}
