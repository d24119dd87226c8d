/**
 * RSA key pairs, generated once and reused: RSA-2048 generation costs 70-450 ms here, so no
 * property run may pay it. Material (PKCS#8 + SPKI) lives in a process-wide memory pool and an
 * on-disk cache (git-ignored `.cache/keys/`), written atomically (temp file, then rename)
 * because parallel test workers fill it at the same time. A fresh clone starts empty and
 * fills it on first use.
 *
 * A name ("key:M2:signature") is bound to the next free slot the first time it is asked for,
 * so the same program asks for the same keys in the same order on every run. Imported
 * CryptoKeys are cached per pool (they belong to one provider).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetVerifyError } from '../errors.ts';
import { bufferSource, type CryptoContext } from './provider.ts';

export type KeyUsageKind = 'signature' | 'keyExchange';

export interface RsaKeyMaterial {
  readonly pkcs8: Uint8Array;
  readonly spki: Uint8Array;
}

export const DEFAULT_KEY_CACHE_DIR = fileURLToPath(new URL('../../.cache/keys/', import.meta.url));

/** Where the on-disk cache lives: SET_VERIFY_KEY_CACHE, or `.cache/keys/` in the project; `off` disables it. */
export function keyCacheDirFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.SET_VERIFY_KEY_CACHE;
  if (value === 'off') return null;
  return value && value !== '' ? value : DEFAULT_KEY_CACHE_DIR;
}

export interface KeyPoolOptions {
  /** Folder of the on-disk cache; null keeps keys in memory only. */
  readonly cacheDir?: string | null;
}

/** Material shared by every pool of the process, per cache folder, modulus length and slot. */
const processMaterial = new Map<string, Promise<RsaKeyMaterial>>();

export class KeyPool {
  readonly cacheDir: string | null;
  #slotsByName = new Map<string, number>();
  #imported = new Map<string, Promise<CryptoKeyPair>>();
  #generationForbidden = 0;
  #generated = 0;

  constructor(
    readonly ctx: CryptoContext,
    options: KeyPoolOptions = {},
  ) {
    this.cacheDir = options.cacheDir === undefined ? keyCacheDirFromEnvironment() : options.cacheDir;
  }

  /** Key pairs this pool had to generate (not found in memory or on disk). */
  get generatedCount(): number {
    return this.#generated;
  }

  /** The key pair for `name`, imported for its usage: RSA-PSS to sign, RSA-OAEP to encrypt. */
  keyPair(name: string, usage: KeyUsageKind): Promise<CryptoKeyPair> {
    const id = `${name}|${usage}`;
    let pair = this.#imported.get(id);
    if (!pair) {
      pair = this.#slotMaterial(this.#slotFor(name)).then((material) => importKeyPair(this.ctx, material, usage));
      this.#imported.set(id, pair);
      // A failed import must not poison the cache for the next caller.
      pair.catch(() => this.#imported.delete(id));
    }
    return pair;
  }

  /** The raw material behind `name` (to hand a compromised party's key to the attacker). */
  material(name: string): Promise<RsaKeyMaterial> {
    return this.#slotMaterial(this.#slotFor(name));
  }

  /** Makes sure slots 0..count-1 exist, generating missing ones in parallel (both cores). */
  async warm(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, (_, slot) => this.#slotMaterial(slot)));
  }

  /**
   * Runs `body` with key generation forbidden: any key not already in memory or on disk
   * throws `key-generation-forbidden`. Property runs go through this, so they never pay keygen.
   */
  async withoutGeneration<T>(body: () => Promise<T>): Promise<T> {
    this.#generationForbidden += 1;
    try {
      return await body();
    } finally {
      this.#generationForbidden -= 1;
    }
  }

  #slotFor(name: string): number {
    let slot = this.#slotsByName.get(name);
    if (slot === undefined) {
      slot = this.#slotsByName.size;
      this.#slotsByName.set(name, slot);
    }
    return slot;
  }

  #slotMaterial(slot: number): Promise<RsaKeyMaterial> {
    const id = `${this.cacheDir ?? 'memory'}|${this.ctx.suite.modulusLength}|${slot}`;
    let material = processMaterial.get(id);
    if (!material) {
      material = this.#loadOrGenerate(slot);
      processMaterial.set(id, material);
      material.catch(() => processMaterial.delete(id));
    }
    return material;
  }

  async #loadOrGenerate(slot: number): Promise<RsaKeyMaterial> {
    const file = this.cacheDir ? join(this.cacheDir, `rsa-${this.ctx.suite.modulusLength}`, `slot-${String(slot).padStart(4, '0')}.json`) : null;
    if (file) {
      const cached = await readCachedMaterial(file);
      if (cached) return cached;
    }
    if (this.#generationForbidden > 0) {
      throw new SetVerifyError('key-generation-forbidden', `key slot ${slot} is not in the pool and generation is forbidden here (warm the pool before the property run)`);
    }
    const material = await generateMaterial(this.ctx);
    this.#generated += 1;
    if (file) await writeAtomically(file, JSON.stringify({ pkcs8: toBase64(material.pkcs8), spki: toBase64(material.spki) }));
    return material;
  }
}

async function generateMaterial(ctx: CryptoContext): Promise<RsaKeyMaterial> {
  const { suite, subtle } = ctx;
  const params: RsaHashedKeyGenParams = { name: 'RSA-PSS', modulusLength: suite.modulusLength, publicExponent: suite.publicExponent, hash: suite.hash };
  const pair = (await subtle.generateKey(
    params,
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const [pkcs8, spki] = await Promise.all([subtle.exportKey('pkcs8', pair.privateKey), subtle.exportKey('spki', pair.publicKey)]);
  return { pkcs8: new Uint8Array(pkcs8), spki: new Uint8Array(spki) };
}

/**
 * Imports one material for one usage. The PKCS#8/SPKI carry the generic rsaEncryption OID, so
 * the same material imports as RSA-PSS or RSA-OAEP; SET.md's split keys are different
 * *names* (different slots), never one key used both ways.
 */
export async function importKeyPair(ctx: CryptoContext, material: RsaKeyMaterial, usage: KeyUsageKind): Promise<CryptoKeyPair> {
  const algorithm = usage === 'signature' ? { name: 'RSA-PSS', hash: ctx.suite.hash } : { name: 'RSA-OAEP', hash: ctx.suite.hash };
  const [privateKey, publicKey] = await Promise.all([
    ctx.subtle.importKey('pkcs8', bufferSource(material.pkcs8), algorithm, true, usage === 'signature' ? ['sign'] : ['decrypt']),
    ctx.subtle.importKey('spki', bufferSource(material.spki), algorithm, true, usage === 'signature' ? ['verify'] : ['encrypt']),
  ]);
  return { privateKey, publicKey };
}

async function readCachedMaterial(file: string): Promise<RsaKeyMaterial | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // A torn or hand-edited cache file is regenerated, not trusted.
  const parsed: unknown = safeJson(text);
  if (!parsed || typeof parsed !== 'object') return null;
  const { pkcs8, spki } = parsed as Record<string, unknown>;
  if (typeof pkcs8 !== 'string' || typeof spki !== 'string') return null;
  return { pkcs8: fromBase64(pkcs8), spki: fromBase64(spki) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Write to a unique temp file in the same folder, then rename: readers see all or nothing. */
export async function writeAtomically(file: string, content: string): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
}

const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
