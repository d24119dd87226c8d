/**
 * The digital envelopes of SET.md section 2:
 *   E(r, t)          = {OAEP_r(k), EK_k(t)}
 *   Enc(s, r, t)     = E(r, S(s, t))
 *   EncB(s, r, t, b) = {Enc(s, r, {t, H(b)}), b}
 *   EncK(k, s, t)    = EK_k(S(s, t))
 * Opening returns the signed part without verifying it: the receiver verifies only once it
 * has validated the signer's certificate, in the order its section gives.
 */
import { ok, type Result } from '../result.ts';
import { ContentWithHash, Signed, type Envelope, type EnvelopeWithBaggage, type SymmetricEncrypted } from '../wire/blobs.ts';
import { decode, encode, type Malformed } from '../wire/schema.ts';
import { bytesEqual, hash } from './digest.ts';
import { oaepDecrypt, oaepEncrypt } from './oaep.ts';
import type { CryptoContext } from './provider.ts';
import { sign } from './signature.ts';
import { newSymmetricKey, symmetricDecrypt, symmetricEncrypt } from './symmetric.ts';

/** E(r, t). */
export async function seal(ctx: CryptoContext, recipient: CryptoKey, content: Uint8Array): Promise<Envelope> {
  const key = newSymmetricKey(ctx);
  const [encryptedKey, encryptedContent] = await Promise.all([oaepEncrypt(ctx, recipient, key), symmetricEncrypt(ctx, key, content)]);
  return { encryptedKey, encryptedContent };
}

/** Opens E(r, t) with r's key-exchange private key. */
export async function openEnvelope(ctx: CryptoContext, recipientKey: CryptoKey, envelope: Envelope, field: string): Promise<Result<Uint8Array, Malformed>> {
  const key = await oaepDecrypt(ctx, recipientKey, envelope.encryptedKey, `${field}.encryptedKey`);
  if (!key.ok) return key;
  return symmetricDecrypt(ctx, key.value, envelope.encryptedContent, `${field}.encryptedContent`);
}

/**
 * Enc(s, r, t) = E(r, S(s, t)). The OAEP block of k does not depend on t, so it is made while
 * the signature is: one RSA operation of latency instead of two.
 */
export async function signAndSeal(ctx: CryptoContext, signer: CryptoKey, recipient: CryptoKey, content: Uint8Array): Promise<Envelope> {
  const key = newSymmetricKey(ctx);
  const [encryptedKey, signed] = await Promise.all([oaepEncrypt(ctx, recipient, key), sign(ctx, signer, content)]);
  return { encryptedKey, encryptedContent: await symmetricEncrypt(ctx, key, encode(Signed, signed)) };
}

/** Opens Enc(s, r, t) and returns S(s, t), still to be verified. */
export async function openSigned(ctx: CryptoContext, recipientKey: CryptoKey, envelope: Envelope, field: string): Promise<Result<Signed, Malformed>> {
  const plain = await openEnvelope(ctx, recipientKey, envelope, field);
  if (!plain.ok) return plain;
  return decode(Signed, plain.value, `${field}.Signed`);
}

/** EncB(s, r, t, b): the baggage b travels beside the envelope, bound by H(b) inside it. */
export async function signAndSealWithBaggage(
  ctx: CryptoContext,
  signer: CryptoKey,
  recipient: CryptoKey,
  content: Uint8Array,
  baggage: Uint8Array,
): Promise<EnvelopeWithBaggage> {
  const bound = encode(ContentWithHash, { content, hash: await hash(ctx, baggage) });
  return { envelope: await signAndSeal(ctx, signer, recipient, bound), baggage };
}

export interface OpenedWithBaggage {
  /** S(s, {t, H(b)}): verify with the signer's validated key. */
  readonly signed: Signed;
  /** t. */
  readonly content: Uint8Array;
  /** H(b) as the signer wrote it. */
  readonly baggageHash: Uint8Array;
  readonly baggage: Uint8Array;
}

export async function openWithBaggage(
  ctx: CryptoContext,
  recipientKey: CryptoKey,
  message: EnvelopeWithBaggage,
  field: string,
): Promise<Result<OpenedWithBaggage, Malformed>> {
  const signed = await openSigned(ctx, recipientKey, message.envelope, `${field}.envelope`);
  if (!signed.ok) return signed;
  const inner = decode(ContentWithHash, signed.value.content, `${field}.envelope.Signed.content`);
  if (!inner.ok) return inner;
  return ok({ signed: signed.value, content: inner.value.content, baggageHash: inner.value.hash, baggage: message.baggage });
}

/** Whether the baggage that arrived is the one the signer bound (SET.md 5.5: mismatch:pi-hash). */
export async function baggageMatches(ctx: CryptoContext, opened: OpenedWithBaggage): Promise<boolean> {
  return bytesEqual(await hash(ctx, opened.baggage), opened.baggageHash);
}

/** EncK(k, s, t): signed, then encrypted under a key the receiver chose earlier (CABackKey). */
export async function signAndEncryptUnderKey(ctx: CryptoContext, key: Uint8Array, signer: CryptoKey, content: Uint8Array): Promise<SymmetricEncrypted> {
  return { encryptedContent: await symmetricEncrypt(ctx, key, encode(Signed, await sign(ctx, signer, content))) };
}

export async function openUnderKey(ctx: CryptoContext, key: Uint8Array, message: SymmetricEncrypted, field: string): Promise<Result<Signed, Malformed>> {
  const plain = await symmetricDecrypt(ctx, key, message.encryptedContent, `${field}.encryptedContent`);
  if (!plain.ok) return plain;
  return decode(Signed, plain.value, `${field}.Signed`);
}

