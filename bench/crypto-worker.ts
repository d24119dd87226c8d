/**
 * One benchmark worker thread: runs one primitive of impl/crypto for a fixed time with a few
 * operations in flight, and reports how many completed. The parent runs one per core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hash, hmac } from '../impl/crypto/digest.ts';
import { KeyPool } from '../impl/crypto/key-pool.ts';
import { oaepDecrypt, oaepEncrypt } from '../impl/crypto/oaep.ts';
import { createCryptoContext, randomBytes, type ProviderName } from '../impl/crypto/provider.ts';
import { signDetached, verifyDetached } from '../impl/crypto/signature.ts';
import { newSymmetricKey, symmetricDecrypt, symmetricEncrypt } from '../impl/crypto/symmetric.ts';
import type { CryptoOp } from './purchase-crypto-profile.ts';

export interface WorkerTask {
  readonly provider: ProviderName;
  readonly op: CryptoOp;
  readonly durationMs: number;
  readonly inFlight: number;
}

async function prepare(task: WorkerTask): Promise<() => Promise<unknown>> {
  const ctx = createCryptoContext({ provider: task.provider });
  const pool = new KeyPool(ctx);
  const [sig, kex] = await Promise.all([pool.keyPair('key:bench:signature', 'signature'), pool.keyPair('key:bench:keyExchange', 'keyExchange')]);
  const message = randomBytes(ctx, 300); // about an OIData-sized signed content
  const kilobyte = randomBytes(ctx, 1024);
  const oaepPayload = randomBytes(ctx, 110); // {k, PANData}, the EX block
  const aesKey = newSymmetricKey(ctx);
  switch (task.op) {
    case 'rsa-sign':
      return () => signDetached(ctx, sig.privateKey, message);
    case 'rsa-verify': {
      const signature = await signDetached(ctx, sig.privateKey, message);
      return async () => {
        if (!(await verifyDetached(ctx, sig.publicKey, message, signature))) throw new Error('verify failed');
      };
    }
    case 'oaep-encrypt':
      return () => oaepEncrypt(ctx, kex.publicKey, oaepPayload);
    case 'oaep-decrypt': {
      const block = await oaepEncrypt(ctx, kex.publicKey, oaepPayload);
      return async () => {
        if (!(await oaepDecrypt(ctx, kex.privateKey, block, 'bench')).ok) throw new Error('decrypt failed');
      };
    }
    case 'aes-encrypt':
      return () => symmetricEncrypt(ctx, aesKey, kilobyte);
    case 'aes-decrypt': {
      const sealed = await symmetricEncrypt(ctx, aesKey, kilobyte);
      return async () => {
        if (!(await symmetricDecrypt(ctx, aesKey, sealed, 'bench')).ok) throw new Error('decrypt failed');
      };
    }
    case 'hmac':
      return () => hmac(ctx, kilobyte, aesKey);
    case 'sha256':
      return () => hash(ctx, kilobyte);
  }
}

async function run(task: WorkerTask): Promise<number> {
  const op = await prepare(task);
  await op(); // warm-up outside the timed window
  const deadline = performance.now() + task.durationMs;
  let done = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await op();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: task.inFlight }, lane));
  return done;
}

const task = workerData as WorkerTask;
const started = performance.now();
const count = await run(task);
parentPort!.postMessage({ count, seconds: (performance.now() - started) / 1000 });
