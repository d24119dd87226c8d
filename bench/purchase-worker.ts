/**
 * One purchase-benchmark worker thread: a deployment of its own with `lanes` registered
 * cardholder/merchant pairs, then honest purchases PInitReq..CapRes on every lane at once
 * for a fixed time. Set-up (keys, PKI, registration) is outside the timed window.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { createCryptoContext, type ProviderName } from '../impl/crypto/provider.ts';
import { SetDeployment } from '../impl/deployment/deployment.ts';
import type { Cardholder } from '../impl/parties/cardholder/cardholder.ts';
import type { Merchant } from '../impl/parties/merchant/merchant.ts';

export interface PurchaseTask {
  readonly provider: ProviderName;
  readonly durationMs: number;
  readonly lanes: number;
  readonly worker: number;
}

const task = workerData as PurchaseTask;
const d = await SetDeployment.create({ ctx: createCryptoContext({ provider: task.provider }) });
const pairs: { c: Cardholder; m: Merchant }[] = [];
for (let lane = 0; lane < task.lanes; lane++) {
  const pan = `40000000${String(task.worker).padStart(2, '0')}${String(lane).padStart(6, '0')}`;
  const c = await d.addCardholder(`C${lane}`, { pan, cardExpiry: '202912', limit: 1_000_000_000, name: `Holder ${lane}`, billingPostcode: '00000' });
  const m = await d.addMerchant(`M${lane}`);
  await d.runToQuiet(await c.register(`reg-C${lane}`, 'CCA'), c.name);
  await d.runToQuiet(await m.register(`reg-M${lane}`, 'MCA'), m.name);
  pairs.push({ c, m });
}

let done = 0;
let serial = 0;
async function purchaseOnce(pair: (typeof pairs)[number]): Promise<void> {
  const id = `p${serial++}`;
  const od = [{ description: 'bench item', quantity: 1, unitPrice: 100 }];
  const purchAmt = { currency: 'EUR', minorUnits: 100 };
  const lidM = await pair.m.agreeOrder(id, { od, purchAmt });
  const run = await d.runToQuiet(await pair.c.startPurchase({ id, merchant: pair.m.name, lidM, od, purchAmt, signed: true }), pair.c.name);
  const capture = await pair.m.capture([{ purchase: id, amount: 100 }]);
  const captured = await d.runToQuiet(capture.sent!, pair.m.name);
  const bad = [...run, ...captured].find((r) => r.result.outcome !== 'accepted');
  if (bad || captured[0]?.result.items?.[0] !== 'captured') throw new Error(`benchmark purchase failed at ${bad?.message.kind}: ${bad?.result.outcome}`);
}

await purchaseOnce(pairs[0]!); // warm-up outside the timed window
const deadline = performance.now() + task.durationMs;
const started = performance.now();
await Promise.all(
  pairs.map(async (pair) => {
    while (performance.now() < deadline) {
      await purchaseOnce(pair);
      done += 1;
    }
  }),
);
parentPort!.postMessage({ count: done, seconds: (performance.now() - started) / 1000 });
