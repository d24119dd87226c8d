/**
 * Measures operations per second of each primitive with every core busy (one worker thread
 * per core), and from them the crypto floor of one purchase. Later benchmarks call
 * measureCryptoFloor() in their own run and print their throughput as a ratio to it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KeyPool } from '../impl/crypto/key-pool.ts';
import { createCryptoContext, type ProviderName } from '../impl/crypto/provider.ts';
import type { WorkerTask } from './crypto-worker.ts';
import { cryptoFloorSeconds, opsPerPurchase, type CryptoOp } from './purchase-crypto-profile.ts';

export const BENCH_OPS: readonly CryptoOp[] = ['rsa-sign', 'rsa-verify', 'oaep-encrypt', 'oaep-decrypt', 'aes-encrypt', 'aes-decrypt', 'hmac', 'sha256'];

export interface FloorMeasurement {
  readonly provider: ProviderName;
  readonly cores: number;
  readonly opsPerSecond: Record<CryptoOp, number>;
  /** Seconds of crypto per purchase with every core busy. */
  readonly floorSeconds: number;
  /** The most purchases per second the crypto alone allows. */
  readonly floorPurchasesPerSecond: number;
}

function runWorker(task: WorkerTask): Promise<{ count: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { ...task, module: new URL('./crypto-worker.ts', import.meta.url).href },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`benchmark worker exited with ${code}`)));
  });
}

export async function measureOp(provider: ProviderName, op: CryptoOp, durationMs: number, cores: number): Promise<number> {
  // Native crypto runs on libuv's pool, so a few operations in flight keep it busy;
  // peculiar computes on the calling thread, where more in flight gains nothing.
  const inFlight = provider === 'native' ? 4 : 1;
  const results = await Promise.all(Array.from({ length: cores }, () => runWorker({ provider, op, durationMs, inFlight })));
  return results.reduce((sum, r) => sum + r.count, 0) / (durationMs / 1000);
}

export async function measureCryptoFloor(provider: ProviderName, options: { durationMs?: number; cores?: number; onOp?: (op: CryptoOp, perSecond: number) => void } = {}): Promise<FloorMeasurement> {
  const durationMs = options.durationMs ?? 1000;
  const cores = options.cores ?? availableParallelism();
  // Fill the key cache once here, so workers never race to generate the same keys.
  const pool = new KeyPool(createCryptoContext({ provider }));
  await Promise.all([pool.keyPair('key:bench:signature', 'signature'), pool.keyPair('key:bench:keyExchange', 'keyExchange')]);
  const opsPerSecond = {} as Record<CryptoOp, number>;
  for (const op of BENCH_OPS) {
    opsPerSecond[op] = await measureOp(provider, op, durationMs, cores);
    options.onOp?.(op, opsPerSecond[op]);
  }
  const floorSeconds = cryptoFloorSeconds(opsPerSecond);
  return { provider, cores, opsPerSecond, floorSeconds, floorPurchasesPerSecond: 1 / floorSeconds };
}

export { opsPerPurchase };
