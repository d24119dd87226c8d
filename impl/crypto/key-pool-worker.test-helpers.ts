/**
 * A stand-in for a parallel test worker: fills slots 0..count-1 of a 1024-bit pool in the
 * cache folder given on the command line, then prints how many keys it generated.
 */
import { KeyPool } from './key-pool.ts';
import { createCryptoContext } from './provider.ts';
import { SET_PROFILE_2026 } from './algorithms.ts';

const [dir, count] = process.argv.slice(2);
const pool = new KeyPool(createCryptoContext({ suite: { ...SET_PROFILE_2026, modulusLength: 1024 } }), { cacheDir: dir! });
await pool.warm(Number(count));
console.log(JSON.stringify({ generated: pool.generatedCount }));
