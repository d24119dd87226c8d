import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { EncodingError } from '../errors.ts';
import { Envelope, EnvelopeWithBaggage, ExtraEncrypted, Signed, SymmetricEncrypted } from '../wire/blobs.ts';
import { decode, encode } from '../wire/schema.ts';
import { oaepCapacity } from './algorithms.ts';
import { dualSign, verifyDualSignature } from './dual-signature.ts';
import {
  baggageMatches,
  openEnvelope,
  openSigned,
  openUnderKey,
  openWithBaggage,
  seal,
  signAndEncryptUnderKey,
  signAndSeal,
  signAndSealWithBaggage,
} from './envelope.ts';
import {
  contentHashMatches,
  extraEncrypt,
  extraEncryptWithHash,
  openExtra,
  openSignedExtra,
  secretHashMatches,
  signAndExtraEncrypt,
  verifySignedExtra,
} from './extra-encryption.ts';
import { flipByte, testKeys, type TestParty } from './keys.test-helpers.ts';
import { oaepEncrypt } from './oaep.ts';
import { PROVIDER_NAMES, randomBytes } from './provider.ts';
import { sign, verifySigned } from './signature.ts';
import { newSymmetricKey } from './symmetric.ts';

const content = fc.uint8Array({ minLength: 0, maxLength: 300 });
const secret = fc.uint8Array({ minLength: 0, maxLength: 80 });
const flip = fc.record({ index: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) });
// Real RSA per run: keep the run count modest (FC_NUM_RUNS still overrides globally).
const RUNS = { numRuns: 25 };

describe.each(PROVIDER_NAMES)('SET operators on the %s provider', (provider) => {
  const keys = testKeys(provider);
  const { ctx } = keys;
  let alice: TestParty;
  let bob: TestParty;
  let eve: TestParty;

  beforeAll(async () => {
    [alice, bob, eve] = await Promise.all([keys.party('alice'), keys.party('bob'), keys.party('eve')]);
  });

  test('S(s, t): verifies with the signer key, not with another, and any flipped octet is caught', async () => {
    await fc.assert(
      fc.asyncProperty(content, flip, async (t, f) => {
        const signed = await sign(ctx, alice.signature.privateKey, t);
        expect(await verifySigned(ctx, alice.signature.publicKey, signed, 'test')).toBeNull();
        expect(await verifySigned(ctx, eve.signature.publicKey, signed, 'test')).toEqual({ outcome: 'bad-signature', what: 'test' });
        const tampered = decode(Signed, flipByte(encode(Signed, signed), f.index, f.mask), 'Signed');
        if (tampered.ok) expect(await verifySigned(ctx, alice.signature.publicKey, tampered.value, 'test')).not.toBeNull();
        else expect(tampered.error.outcome).toBe('malformed');
      }),
      RUNS,
    );
  });

  test('E(r, t): only r opens it, and any flipped octet makes it not open', async () => {
    await fc.assert(
      fc.asyncProperty(content, flip, async (t, f) => {
        const envelope = await seal(ctx, bob.keyExchange.publicKey, t);
        const opened = await openEnvelope(ctx, bob.keyExchange.privateKey, envelope, 'E');
        expect(opened).toEqual({ ok: true, value: t });
        const byEve = await openEnvelope(ctx, eve.keyExchange.privateKey, envelope, 'E');
        expect(byEve.ok).toBe(false);
        const tampered = decode(Envelope, flipByte(encode(Envelope, envelope), f.index, f.mask), 'E');
        if (tampered.ok) {
          const result = await openEnvelope(ctx, bob.keyExchange.privateKey, tampered.value, 'E');
          expect(result.ok ? 'opened' : result.error.outcome).toBe('malformed');
        }
      }),
      RUNS,
    );
  });

  test('Enc(s, r, t): opens to a signature that verifies; the field of a failure is named', async () => {
    const t = randomBytes(ctx, 64);
    const envelope = await signAndSeal(ctx, alice.signature.privateKey, bob.keyExchange.publicKey, t);
    const opened = await openSigned(ctx, bob.keyExchange.privateKey, envelope, 'AuthRes');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.content).toEqual(t);
    expect(await verifySigned(ctx, alice.signature.publicKey, opened.value, 'AuthRes')).toBeNull();
    const wrongKey = await openSigned(ctx, eve.keyExchange.privateKey, envelope, 'AuthRes');
    expect(wrongKey).toEqual({ ok: false, error: { outcome: 'malformed', field: 'AuthRes.encryptedKey', rule: 'does not open with the recipient key' } });
  });

  test('EncB(s, r, t, b): the baggage is bound by its hash; changed baggage or envelope is caught', async () => {
    await fc.assert(
      fc.asyncProperty(content, fc.uint8Array({ minLength: 1, maxLength: 200 }), flip, async (t, b, f) => {
        const message = await signAndSealWithBaggage(ctx, alice.signature.privateKey, bob.keyExchange.publicKey, t, b);
        const opened = await openWithBaggage(ctx, bob.keyExchange.privateKey, message, 'AuthReq');
        if (!opened.ok) throw new Error(`honest EncB did not open: ${opened.error.rule}`);
        expect(opened.value.content).toEqual(t);
        expect(await baggageMatches(ctx, opened.value)).toBe(true);
        expect(await verifySigned(ctx, alice.signature.publicKey, opened.value.signed, 'AuthReq')).toBeNull();
        // Whatever octet of the whole message changes, some check fails.
        const bytes = flipByte(encode(EnvelopeWithBaggage, message), f.index, f.mask);
        const tampered = decode(EnvelopeWithBaggage, bytes, 'AuthReq');
        if (!tampered.ok) return;
        const reopened = await openWithBaggage(ctx, bob.keyExchange.privateKey, tampered.value, 'AuthReq');
        if (!reopened.ok) return;
        const signatureOk = (await verifySigned(ctx, alice.signature.publicKey, reopened.value.signed, 'AuthReq')) === null;
        expect(signatureOk && (await baggageMatches(ctx, reopened.value))).toBe(false);
      }),
      RUNS,
    );
  });

  test('EX(r, t, p): p and H(p) come back; a flipped octet does not open', async () => {
    await fc.assert(
      fc.asyncProperty(content, secret, flip, async (t, p, f) => {
        const blob = await extraEncrypt(ctx, bob.keyExchange.publicKey, t, p);
        const opened = await openExtra(ctx, bob.keyExchange.privateKey, blob, 'PI', false);
        if (!opened.ok) throw new Error(opened.error.rule);
        expect(opened.value.content).toEqual(t);
        expect(opened.value.secret).toEqual(p);
        expect(await secretHashMatches(ctx, opened.value)).toBe(true);
        const tampered = decode(ExtraEncrypted, flipByte(encode(ExtraEncrypted, blob), f.index, f.mask), 'PI');
        if (tampered.ok) expect((await openExtra(ctx, bob.keyExchange.privateKey, tampered.value, 'PI', false)).ok).toBe(false);
      }),
      RUNS,
    );
  });

  test('EXH(r, t, p): H(t) inside the OAEP block binds t', async () => {
    const t = randomBytes(ctx, 90);
    const p = randomBytes(ctx, 40);
    const blob = await extraEncryptWithHash(ctx, bob.keyExchange.publicKey, t, p);
    const opened = await openExtra(ctx, bob.keyExchange.privateKey, blob, 'PI', true);
    if (!opened.ok) throw new Error(opened.error.rule);
    expect(await contentHashMatches(ctx, opened.value, t)).toBe(true);
    expect(await contentHashMatches(ctx, opened.value, flipByte(t, 3, 1))).toBe(false);
    expect(await secretHashMatches(ctx, opened.value)).toBe(true);
    // Opening EXH as EX is a shape error on the OAEP payload, named as such.
    const asEx = await openExtra(ctx, bob.keyExchange.privateKey, blob, 'PI', false);
    expect(asEx.ok ? null : asEx.error).toEqual({ outcome: 'malformed', field: 'PI.oaepBlock', rule: '1 unexpected trailing field(s)' });
  });

  test('EncX(s, r, t, p): the signature covers t and p together (proof of possession)', async () => {
    await fc.assert(
      fc.asyncProperty(content, secret, flip, async (t, p, f) => {
        const blob = await signAndExtraEncrypt(ctx, alice.signature.privateKey, bob.keyExchange.publicKey, t, p);
        const opened = await openSignedExtra(ctx, bob.keyExchange.privateKey, blob, 'CertReq');
        if (!opened.ok) throw new Error(opened.error.rule);
        expect(opened.value.content).toEqual(t);
        expect(opened.value.secret).toEqual(p);
        expect(await verifySignedExtra(ctx, alice.signature.publicKey, opened.value)).toBe(true);
        expect(await verifySignedExtra(ctx, eve.signature.publicKey, opened.value)).toBe(false);
        expect(await verifySignedExtra(ctx, alice.signature.publicKey, { ...opened.value, secret: Uint8Array.of(...p, 0) })).toBe(false);
        const tampered = decode(ExtraEncrypted, flipByte(encode(ExtraEncrypted, blob), f.index, f.mask), 'CertReq');
        if (tampered.ok) expect((await openSignedExtra(ctx, bob.keyExchange.privateKey, tampered.value, 'CertReq')).ok).toBe(false);
      }),
      RUNS,
    );
  });

  test('EncK(k, s, t): opens only under k', async () => {
    const k = newSymmetricKey(ctx);
    const t = randomBytes(ctx, 120);
    const blob = await signAndEncryptUnderKey(ctx, k, alice.signature.privateKey, t);
    const opened = await openUnderKey(ctx, k, blob, 'CertRes');
    expect(opened.ok && opened.value.content).toEqual(t);
    const otherKey = await openUnderKey(ctx, newSymmetricKey(ctx), blob, 'CertRes');
    expect(otherKey.ok ? null : otherKey.error.rule).toBe('does not open (authentication tag mismatch)');
    for (let i = 0; i < encode(SymmetricEncrypted, blob).length; i += 7) {
      const tampered = decode(SymmetricEncrypted, flipByte(encode(SymmetricEncrypted, blob), i, 0x40), 'CertRes');
      if (tampered.ok) expect((await openUnderKey(ctx, k, tampered.value, 'CertRes')).ok).toBe(false);
    }
  });

  test('an OAEP payload over the capacity is a typed EncodingError, never a truncation', async () => {
    const capacity = oaepCapacity(ctx.suite);
    expect(capacity).toBe(190);
    await expect(oaepEncrypt(ctx, bob.keyExchange.publicKey, new Uint8Array(capacity))).resolves.toHaveLength(256);
    const tooLong = oaepEncrypt(ctx, bob.keyExchange.publicKey, new Uint8Array(capacity + 1));
    await expect(tooLong).rejects.toBeInstanceOf(EncodingError);
    await expect(tooLong).rejects.toMatchObject({ code: 'oaep-block-too-long' });
    // EX puts {k, p} in the block: a PAN-sized p fits, an oversized p is refused the same way.
    await expect(extraEncrypt(ctx, bob.keyExchange.publicKey, new Uint8Array(10), new Uint8Array(200))).rejects.toMatchObject({ code: 'oaep-block-too-long' });
  });

  test('dual signature: verifies on both halves, fails when either half changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(31), async (pi, oi, at) => {
        const halves = { piDataHash: pi, oiDataHash: oi };
        const ds = await dualSign(ctx, alice.signature.privateKey, halves);
        expect(await verifyDualSignature(ctx, alice.signature.publicKey, ds, halves)).toBe(true);
        expect(await verifyDualSignature(ctx, alice.signature.publicKey, ds, { ...halves, piDataHash: flipByte(pi, at, 1) })).toBe(false);
        expect(await verifyDualSignature(ctx, alice.signature.publicKey, ds, { ...halves, oiDataHash: flipByte(oi, at, 1) })).toBe(false);
        // The halves are ordered: swapping them is a different statement.
        if (!pi.every((b, i) => b === oi[i])) {
          expect(await verifyDualSignature(ctx, alice.signature.publicKey, ds, { piDataHash: oi, oiDataHash: pi })).toBe(false);
        }
        expect(await verifyDualSignature(ctx, eve.signature.publicKey, ds, halves)).toBe(false);
      }),
      RUNS,
    );
  });
});
