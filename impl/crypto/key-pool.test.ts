import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { SET_PROFILE_2026 } from './algorithms.ts';
import { KeyPool, keyCacheDirFromEnvironment } from './key-pool.ts';
import { createCryptoContext } from './provider.ts';

// 1024-bit keys keep these pool-mechanics tests fast; the protocol itself uses the 2048-bit profile.
const smallSuite = { ...SET_PROFILE_2026, modulusLength: 1024 };
const freshDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'set-verify-keys-'));
const exportSpki = async (pool: KeyPool, key: CryptoKey): Promise<string> =>
  Buffer.from(await pool.ctx.subtle.exportKey('spki', key)).toString('hex');

describe('key pool', () => {
  test('one name, one key; split usages are different keys; a second pool on the same folder generates nothing', async () => {
    const dir = await freshDir();
    const first = new KeyPool(createCryptoContext({ suite: smallSuite }), { cacheDir: dir });
    const sig = await first.keyPair('key:M1:signature', 'signature');
    const again = await first.keyPair('key:M1:signature', 'signature');
    const kex = await first.keyPair('key:M1:keyExchange', 'keyExchange');
    expect(again).toBe(sig);
    expect(sig.privateKey.algorithm.name).toBe('RSA-PSS');
    expect(kex.privateKey.algorithm.name).toBe('RSA-OAEP');
    expect(await exportSpki(first, kex.publicKey)).not.toBe(await exportSpki(first, sig.publicKey));
    expect(first.generatedCount).toBe(2);

    // Another process (simulated by a different cache key: same folder, fresh memory) reads the files.
    const files = await readdir(join(dir, 'rsa-1024'));
    expect(files.sort()).toEqual(['slot-0000.json', 'slot-0001.json']);
    const secondCtx = createCryptoContext({ provider: 'peculiar', suite: smallSuite });
    const second = new KeyPool(secondCtx, { cacheDir: dir });
    const sigOnPeculiar = await second.keyPair('key:M1:signature', 'signature');
    expect(await exportSpki(second, sigOnPeculiar.publicKey)).toBe(await exportSpki(first, sig.publicKey));
  });

  test('inside withoutGeneration a missing key is a typed error, and a cached one is still served', async () => {
    const dir = await freshDir();
    const pool = new KeyPool(createCryptoContext({ suite: smallSuite }), { cacheDir: dir });
    await pool.keyPair('key:C1:signature', 'signature');
    await pool.withoutGeneration(async () => {
      await expect(pool.keyPair('key:C1:signature', 'signature')).resolves.toBeDefined();
      await expect(pool.keyPair('key:C2:signature', 'signature')).rejects.toMatchObject({ code: 'key-generation-forbidden' });
    });
    // The refusal did not poison the name: outside the guard it is generated.
    await expect(pool.keyPair('key:C2:signature', 'signature')).resolves.toBeDefined();
    expect(pool.generatedCount).toBe(2);
  });

  test('a torn cache file is regenerated, not trusted', async () => {
    const dir = await freshDir();
    const pool = new KeyPool(createCryptoContext({ suite: smallSuite }), { cacheDir: join(dir, 'a') });
    await pool.warm(1);
    const torn = join(dir, 'b', 'rsa-1024');
    await mkdir(torn, { recursive: true });
    await writeFile(join(torn, 'slot-0000.json'), '{"pkcs8": "AAA');
    const other = new KeyPool(createCryptoContext({ suite: smallSuite }), { cacheDir: join(dir, 'b') });
    await other.warm(1);
    expect(other.generatedCount).toBe(1);
    expect(JSON.parse(await readFile(join(torn, 'slot-0000.json'), 'utf8'))).toHaveProperty('spki');
  });

  test('parallel workers filling one folder leave only whole files (write, then rename)', async () => {
    const dir = await freshDir();
    const worker = fileURLToPath(new URL('./key-pool-worker.test-helpers.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const run = () => promisify(execFile)(process.execPath, [tsx, worker, dir, '4']);
    const outputs = await Promise.all([run(), run(), run()]);
    const generated = outputs.map((o) => JSON.parse(o.stdout.trim()).generated as number);
    expect(generated.every((n) => n >= 0 && n <= 4)).toBe(true);
    const files = (await readdir(join(dir, 'rsa-1024'))).sort();
    expect(files).toEqual(['slot-0000.json', 'slot-0001.json', 'slot-0002.json', 'slot-0003.json']);
    // Every file parses and imports: no torn writes, no temp files left behind.
    const pool = new KeyPool(createCryptoContext({ suite: smallSuite }), { cacheDir: dir });
    await pool.warm(4);
    expect(pool.generatedCount).toBe(0);
  });

  test('the cache folder follows SET_VERIFY_KEY_CACHE, and "off" keeps keys in memory', () => {
    expect(keyCacheDirFromEnvironment({ SET_VERIFY_KEY_CACHE: '/tmp/x' })).toBe('/tmp/x');
    expect(keyCacheDirFromEnvironment({ SET_VERIFY_KEY_CACHE: 'off' })).toBeNull();
    expect(keyCacheDirFromEnvironment({})).toMatch(/\.cache\/keys\/$/);
  });
});
