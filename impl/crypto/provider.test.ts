import { describe, expect, test } from 'vitest';
import { SetVerifyError } from '../errors.ts';
import { openSigned, signAndSeal } from './envelope.ts';
import { testKeys } from './keys.test-helpers.ts';
import { oaepDecrypt, oaepEncrypt } from './oaep.ts';
import { createCryptoContext, providerFromEnvironment, randomBytes } from './provider.ts';
import { signDetached, verifyDetached, verifySigned } from './signature.ts';

describe('provider selection', () => {
  test('native by default; SET_VERIFY_CRYPTO selects peculiar; anything else is a clear error', () => {
    expect(providerFromEnvironment({})).toBe('native');
    expect(providerFromEnvironment({ SET_VERIFY_CRYPTO: 'peculiar' })).toBe('peculiar');
    expect(() => providerFromEnvironment({ SET_VERIFY_CRYPTO: 'openssl' })).toThrow(SetVerifyError);
    expect(() => providerFromEnvironment({ SET_VERIFY_CRYPTO: 'openssl' })).toThrow(/use one of native, peculiar/);
    expect(createCryptoContext({ provider: 'peculiar' }).crypto).not.toBe(createCryptoContext({ provider: 'native' }).crypto);
  });
});

describe('native and peculiar interoperate on the same key material', () => {
  const native = testKeys('native');
  const peculiar = testKeys('peculiar');

  test('a PSS signature made by one verifies with the other, both ways', async () => {
    const [n, p] = await Promise.all([native.party('interop'), peculiar.party('interop')]);
    const message = randomBytes(native.ctx, 100);
    const byNative = await signDetached(native.ctx, n.signature.privateKey, message);
    const byPeculiar = await signDetached(peculiar.ctx, p.signature.privateKey, message);
    expect(await verifyDetached(peculiar.ctx, p.signature.publicKey, message, byNative)).toBe(true);
    expect(await verifyDetached(native.ctx, n.signature.publicKey, message, byPeculiar)).toBe(true);
    expect(await verifyDetached(native.ctx, n.signature.publicKey, randomBytes(native.ctx, 100), byPeculiar)).toBe(false);
  });

  test('OAEP and a whole Enc envelope sealed by one open with the other, both ways', async () => {
    const [n, p] = await Promise.all([native.party('interop'), peculiar.party('interop')]);
    const payload = randomBytes(native.ctx, 190);
    const nativeBlock = await oaepEncrypt(native.ctx, n.keyExchange.publicKey, payload);
    const peculiarBlock = await oaepEncrypt(peculiar.ctx, p.keyExchange.publicKey, payload);
    expect(await oaepDecrypt(peculiar.ctx, p.keyExchange.privateKey, nativeBlock, 'x')).toEqual({ ok: true, value: payload });
    expect(await oaepDecrypt(native.ctx, n.keyExchange.privateKey, peculiarBlock, 'x')).toEqual({ ok: true, value: payload });

    const t = randomBytes(native.ctx, 500);
    const sealedByNative = await signAndSeal(native.ctx, n.signature.privateKey, n.keyExchange.publicKey, t);
    const openedByPeculiar = await openSigned(peculiar.ctx, p.keyExchange.privateKey, sealedByNative, 'Enc');
    if (!openedByPeculiar.ok) throw new Error(openedByPeculiar.error.rule);
    expect(openedByPeculiar.value.content).toEqual(t);
    expect(await verifySigned(peculiar.ctx, p.signature.publicKey, openedByPeculiar.value, 'Enc')).toBeNull();

    const sealedByPeculiar = await signAndSeal(peculiar.ctx, p.signature.privateKey, p.keyExchange.publicKey, t);
    const openedByNative = await openSigned(native.ctx, n.keyExchange.privateKey, sealedByPeculiar, 'Enc');
    if (!openedByNative.ok) throw new Error(openedByNative.error.rule);
    expect(await verifySigned(native.ctx, n.signature.publicKey, openedByNative.value, 'Enc')).toBeNull();
  });
});
