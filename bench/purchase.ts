/**
 * npm run bench:purchase — honest purchases per second through PInitReq..CapRes (signed form,
 * one capture each) with every core busy, and the ratio to the crypto floor of one purchase
 * measured in the same run (bench/crypto-floor.ts). Options: --duration MS (default 5000),
 * --lanes N concurrent purchases per worker (default 8), --provider native|peculiar.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { isProviderName, type ProviderName } from '../impl/crypto/provider.ts';
import { measureCryptoFloor } from './crypto-floor.ts';
import type { PurchaseTask } from './purchase-worker.ts';

const option = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const durationMs = Number(option('duration') ?? 5000);
const lanes = Number(option('lanes') ?? 8);
const provider = option('provider') ?? 'native';
if (!isProviderName(provider)) {
  console.error(`unknown provider "${provider}"; use native or peculiar`);
  process.exit(2);
}
const cores = availableParallelism();

function runWorker(task: PurchaseTask): Promise<{ count: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { ...task, module: new URL('./purchase-worker.ts', import.meta.url).href } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`purchase worker exited with ${code}`)));
  });
}

console.log(`crypto floor (${provider}, ${cores} cores) ...`);
const floor = await measureCryptoFloor(provider as ProviderName, { durationMs: 1000, cores });
console.log(`  ${(floor.floorSeconds * 1000).toFixed(2)} ms of crypto per purchase: at most ${floor.floorPurchasesPerSecond.toFixed(1)} purchases/s`);

console.log(`purchases (${cores} workers x ${lanes} lanes, ${durationMs} ms) ...`);
const results = await Promise.all(Array.from({ length: cores }, (_, worker) => runWorker({ provider: provider as ProviderName, durationMs, lanes, worker })));
const count = results.reduce((sum, r) => sum + r.count, 0);
const seconds = Math.max(...results.map((r) => r.seconds));
const perSecond = count / seconds;
console.log(`  ${count} purchases in ${seconds.toFixed(1)} s = ${perSecond.toFixed(1)} purchases/s`);
console.log(`\nratio to the crypto floor (same run): ${(perSecond / floor.floorPurchasesPerSecond).toFixed(2)}  (1.00 = nothing but the floor's crypto)`);
