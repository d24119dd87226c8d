/**
 * The one injected WebCrypto object every impl/ operation goes through.
 * Default: Node's native `crypto` (libuv thread pool, fast); `@peculiar/webcrypto`
 * (pure JS, main thread) is selectable with the option or SET_VERIFY_CRYPTO=peculiar,
 * and serves as an independent second implementation for differential tests.
 */
import { webcrypto } from 'node:crypto';
import { Crypto as PeculiarCrypto } from '@peculiar/webcrypto';
import { SetVerifyError } from '../errors.ts';
import { SET_PROFILE_2026, type AlgorithmSuite } from './algorithms.ts';

export const PROVIDER_NAMES = ['native', 'peculiar'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** What a primitive needs: the WebCrypto object and the algorithm set. */
export interface CryptoContext {
  readonly provider: ProviderName;
  readonly crypto: Crypto;
  readonly subtle: SubtleCrypto;
  readonly suite: AlgorithmSuite;
}

let peculiarInstance: Crypto | undefined;

function webCryptoFor(name: ProviderName): Crypto {
  if (name === 'native') return webcrypto as unknown as Crypto;
  peculiarInstance ??= new PeculiarCrypto() as unknown as Crypto;
  return peculiarInstance;
}

export function isProviderName(value: string): value is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(value);
}

/** The provider named by SET_VERIFY_CRYPTO, or native when unset. */
export function providerFromEnvironment(env: NodeJS.ProcessEnv = process.env): ProviderName {
  const value = env.SET_VERIFY_CRYPTO;
  if (value === undefined || value === '') return 'native';
  if (!isProviderName(value)) {
    throw new SetVerifyError('unknown-crypto-provider', `SET_VERIFY_CRYPTO=${value}; use one of ${PROVIDER_NAMES.join(', ')}`);
  }
  return value;
}

export function createCryptoContext(options: { provider?: ProviderName; suite?: AlgorithmSuite } = {}): CryptoContext {
  const provider = options.provider ?? providerFromEnvironment();
  const crypto = webCryptoFor(provider);
  return { provider, crypto, subtle: crypto.subtle, suite: options.suite ?? SET_PROFILE_2026 };
}

/**
 * WebCrypto's BufferSource wants ArrayBuffer-backed views; impl/ never uses SharedArrayBuffer,
 * so every Uint8Array here is one. This is the single place that says so to the compiler.
 */
export const bufferSource = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

/** Fresh random octets from the context's provider (RRPID, XID, challenges, keys). */
export function randomBytes(ctx: CryptoContext, length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 octets per call.
  for (let pos = 0; pos < length; pos += 65536) ctx.crypto.getRandomValues(out.subarray(pos, Math.min(length, pos + 65536)));
  return out;
}
