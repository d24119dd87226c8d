/**
 * npm run bench:crypto — operations per second of each SET primitive on both providers with
 * every core busy, and the crypto floor of one purchase (PInitReq..CapRes) on each.
 * Options: --duration MS per measurement (default 1000), --provider native|peculiar.
 */
import { isProviderName, PROVIDER_NAMES, type ProviderName } from '../impl/crypto/provider.ts';
import { measureCryptoFloor, opsPerPurchase, type FloorMeasurement } from './crypto-floor.ts';
import { PURCHASE_STEPS } from './purchase-crypto-profile.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const durationMs = Number(option('duration') ?? 1000);
const only = option('provider');
if (only !== undefined && !isProviderName(only)) {
  console.error(`unknown provider "${only}"; use one of ${PROVIDER_NAMES.join(', ')}`);
  process.exit(2);
}
const providers: readonly ProviderName[] = only ? [only as ProviderName] : PROVIDER_NAMES;

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
const results: FloorMeasurement[] = [];
for (const provider of providers) {
  console.log(`\n${provider}: ${durationMs} ms per operation, one worker per core`);
  const result = await measureCryptoFloor(provider, { durationMs, onOp: (op, perSecond) => console.log(`  ${op.padEnd(13)} ${fmt(perSecond).padStart(10)} /s`) });
  results.push(result);
}

const perPurchase = opsPerPurchase();
console.log('\nOperations per purchase (signed, one capture):');
for (const [op, n] of Object.entries(perPurchase)) console.log(`  ${op.padEnd(13)} ${n}`);
console.log(`  (${PURCHASE_STEPS.length} message steps; certificate chains cached by thumbprint, as SET.md section 1 allows)`);

console.log('\nCrypto floor of one purchase (all cores):');
for (const r of results) {
  console.log(`  ${r.provider.padEnd(9)} ${(r.floorSeconds * 1000).toFixed(2)} ms per purchase = at most ${fmt(r.floorPurchasesPerSecond)} purchases/s on ${r.cores} cores`);
}
if (results.length === 2) {
  const [a, b] = results as [FloorMeasurement, FloorMeasurement];
  console.log(`  ratio ${b.provider}/${a.provider} floor: ${(b.floorSeconds / a.floorSeconds).toFixed(2)}x (same run)`);
}
