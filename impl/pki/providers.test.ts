/**
 * The PKI follows the injected CryptoContext (impl/crypto/provider.ts): the same hierarchy
 * works on Node's native WebCrypto and on @peculiar/webcrypto, and certificates made by one
 * validate with the other, so neither provider's quirks leak into the encoding.
 */
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createCryptoContext, PROVIDER_NAMES } from '../crypto/provider.ts';
import { buildFixture, outcomeOf, validate, type PkiFixture } from './pki.test-helpers.ts';

const fixtures = new Map<string, PkiFixture>();
beforeAll(async () => {
  for (const provider of PROVIDER_NAMES) fixtures.set(provider, await buildFixture(createCryptoContext({ provider })));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const fixture = (provider: string): PkiFixture => fixtures.get(provider)!;

describe.each(PROVIDER_NAMES)('on the %s provider', (provider) => {
  test('honest cardholder, merchant and gateway certificates validate', async () => {
    const f = fixture(provider);
    expect(f.ctx.provider).toBe(provider);
    expect(await outcomeOf(validate(f, f.cardholder.certificate, { role: 'cardholder' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, f.merchant.certificates.signature, { role: 'merchant' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, f.merchant.certificates.keyExchange, { role: 'merchant', usage: 'keyExchange' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, f.gateway.certificates.keyExchange, { role: 'gateway', usage: 'keyExchange' }))).toBe('accepted');
    expect(await outcomeOf(validate(f, f.merchant.certificates.keyExchange, { role: 'merchant', usage: 'signature' }))).toBe('bad-certificate:wrong-usage');
  });
});

describe('across providers', () => {
  test.each([
    ['native', 'peculiar'],
    ['peculiar', 'native'],
  ])('certificates issued with %s validate with %s', async (issuing, validating) => {
    const f = fixture(issuing);
    const ctx = fixture(validating).ctx;
    const result = await validate(f, f.gateway.certificates.signature, { role: 'gateway', ctx });
    expect(result.ok && result.value.commonName).toBe('P1');
    expect(await outcomeOf(validate(f, f.cardholder.certificate, { role: 'cardholder', ctx }))).toBe('accepted');
    expect(await outcomeOf(validate(f, f.merchant.certificates.signature, { role: 'merchant', ctx, day: 365 }))).toBe('bad-certificate:expired');
  });

  test('issuing and validating call the context\'s own provider, never x509\'s default', async () => {
    const peculiar = fixture('peculiar');
    const native = fixture('native');
    const peculiarSign = vi.spyOn(peculiar.ctx.subtle, 'sign');
    const peculiarVerify = vi.spyOn(peculiar.ctx.subtle, 'verify');
    const nativeSign = vi.spyOn(native.ctx.subtle, 'sign');
    const { cca } = peculiar.pki.brand();
    const certificate = await cca.issueCardholder(Uint8Array.of(0x5e), peculiar.cardholder.keys.publicKey, { day: 1 });
    expect(peculiarSign).toHaveBeenCalled();
    expect(nativeSign).not.toHaveBeenCalled();
    expect(await outcomeOf(validate(peculiar, certificate, { role: 'cardholder', day: 1 }))).toBe('accepted');
    expect(peculiarVerify).toHaveBeenCalled();
  });
});
