/** Test fixtures: key pairs from the shared pool, on the provider a test asks for. */
import { KeyPool } from './key-pool.ts';
import { createCryptoContext, type CryptoContext, type ProviderName } from './provider.ts';

export interface TestParty {
  readonly signature: CryptoKeyPair;
  readonly keyExchange: CryptoKeyPair;
}

export interface TestKeys {
  readonly ctx: CryptoContext;
  readonly pool: KeyPool;
  party(name: string): Promise<TestParty>;
}

const pools = new Map<ProviderName, KeyPool>();

export function testKeys(provider: ProviderName): TestKeys {
  let pool = pools.get(provider);
  if (!pool) {
    pool = new KeyPool(createCryptoContext({ provider }));
    pools.set(provider, pool);
  }
  const keyPool = pool;
  return {
    ctx: keyPool.ctx,
    pool: keyPool,
    async party(name) {
      const [signature, keyExchange] = await Promise.all([
        keyPool.keyPair(`key:${name}:signature`, 'signature'),
        keyPool.keyPair(`key:${name}:keyExchange`, 'keyExchange'),
      ]);
      return { signature, keyExchange };
    },
  };
}

/** Flips the bits of `mask` (non-zero) in the octet at `index % length`. */
export function flipByte(bytes: Uint8Array, index: number, mask: number): Uint8Array {
  const out = bytes.slice();
  const at = index % out.length;
  out[at] = out[at]! ^ (mask || 1);
  return out;
}
