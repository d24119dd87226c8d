/**
 * Extra encryption of SET.md section 2, where a secret p travels only inside the OAEP block:
 *   EX(r, t, p)      = {EK_k({t, H(p)}), OAEP_r({k, p})}
 *   EXH(r, t, p)     = {EK_k({t, H(p)}), OAEP_r({k, p, H(t)})}
 *   EncX(s, r, t, p) = {EK_k({t, SO(s, {t, p})}), OAEP_r({k, p})}
 * Opening returns the parts; the hash and signature checks are the receiver's, in its order.
 */
import { ok, type Result } from '../result.ts';
import {
  ContentWithHash,
  ContentWithSecret,
  ContentWithSignature,
  OaepPayload,
  OaepPayloadWithHash,
  type ExtraEncrypted,
} from '../wire/blobs.ts';
import { decode, encode, type Malformed } from '../wire/schema.ts';
import { bytesEqual, hash } from './digest.ts';
import { oaepDecrypt, oaepEncrypt } from './oaep.ts';
import type { CryptoContext } from './provider.ts';
import { signDetached, verifyDetached } from './signature.ts';
import { newSymmetricKey, symmetricDecrypt, symmetricEncrypt } from './symmetric.ts';

export interface OpenedExtra {
  /** t */
  readonly content: Uint8Array;
  /** p */
  readonly secret: Uint8Array;
  /** H(p) as the sender wrote it (EX, EXH). */
  readonly secretHash: Uint8Array;
  /** H(t) as the sender wrote it in the OAEP block (EXH only). */
  readonly contentHash?: Uint8Array;
}

/** EX(r, t, p). */
export async function extraEncrypt(ctx: CryptoContext, recipient: CryptoKey, content: Uint8Array, secret: Uint8Array): Promise<ExtraEncrypted> {
  const key = newSymmetricKey(ctx);
  const inner = encode(ContentWithHash, { content, hash: await hash(ctx, secret) });
  const [encryptedContent, oaepBlock] = await Promise.all([
    symmetricEncrypt(ctx, key, inner),
    oaepEncrypt(ctx, recipient, encode(OaepPayload, { key, secret })),
  ]);
  return { encryptedContent, oaepBlock };
}

/** EXH(r, t, p): H(t) rides in the OAEP block too, binding t where no signature does. */
export async function extraEncryptWithHash(ctx: CryptoContext, recipient: CryptoKey, content: Uint8Array, secret: Uint8Array): Promise<ExtraEncrypted> {
  const key = newSymmetricKey(ctx);
  const [secretHash, contentHash] = await Promise.all([hash(ctx, secret), hash(ctx, content)]);
  const [encryptedContent, oaepBlock] = await Promise.all([
    symmetricEncrypt(ctx, key, encode(ContentWithHash, { content, hash: secretHash })),
    oaepEncrypt(ctx, recipient, encode(OaepPayloadWithHash, { key, secret, contentHash })),
  ]);
  return { encryptedContent, oaepBlock };
}

/** Opens EX or EXH (withContentHash selects the OAEP payload shape). */
export async function openExtra(
  ctx: CryptoContext,
  recipientKey: CryptoKey,
  blob: ExtraEncrypted,
  field: string,
  withContentHash: boolean,
): Promise<Result<OpenedExtra, Malformed>> {
  const block = await oaepDecrypt(ctx, recipientKey, blob.oaepBlock, `${field}.oaepBlock`);
  if (!block.ok) return block;
  const payload = withContentHash
    ? decode(OaepPayloadWithHash, block.value, `${field}.oaepBlock`)
    : decode(OaepPayload, block.value, `${field}.oaepBlock`);
  if (!payload.ok) return payload;
  const plain = await symmetricDecrypt(ctx, payload.value.key, blob.encryptedContent, `${field}.encryptedContent`);
  if (!plain.ok) return plain;
  const inner = decode(ContentWithHash, plain.value, `${field}.encryptedContent`);
  if (!inner.ok) return inner;
  const opened: OpenedExtra = { content: inner.value.content, secret: payload.value.secret, secretHash: inner.value.hash };
  return ok('contentHash' in payload.value ? { ...opened, contentHash: payload.value.contentHash as Uint8Array } : opened);
}

/** The H(p) check of EX and EXH (SET.md 5.5: mismatch:pan-hash). */
export async function secretHashMatches(ctx: CryptoContext, opened: OpenedExtra): Promise<boolean> {
  return bytesEqual(await hash(ctx, opened.secret), opened.secretHash);
}

/** The H(t) check of EXH (SET.md 5.5, unsigned form: mismatch:pi-hash). */
export async function contentHashMatches(ctx: CryptoContext, opened: OpenedExtra, expectedContent: Uint8Array): Promise<boolean> {
  if (!opened.contentHash) return false;
  return bytesEqual(await hash(ctx, expectedContent), opened.contentHash);
}

/** EncX(s, r, t, p): signed over {t, p}, the secret p in the OAEP block (CertReq). */
export async function signAndExtraEncrypt(
  ctx: CryptoContext,
  signer: CryptoKey,
  recipient: CryptoKey,
  content: Uint8Array,
  secret: Uint8Array,
): Promise<ExtraEncrypted> {
  const key = newSymmetricKey(ctx);
  const signature = await signDetached(ctx, signer, encode(ContentWithSecret, { content, secret }));
  const [encryptedContent, oaepBlock] = await Promise.all([
    symmetricEncrypt(ctx, key, encode(ContentWithSignature, { content, signature })),
    oaepEncrypt(ctx, recipient, encode(OaepPayload, { key, secret })),
  ]);
  return { encryptedContent, oaepBlock };
}

export interface OpenedSignedExtra {
  readonly content: Uint8Array;
  readonly secret: Uint8Array;
  readonly signature: Uint8Array;
}

export async function openSignedExtra(ctx: CryptoContext, recipientKey: CryptoKey, blob: ExtraEncrypted, field: string): Promise<Result<OpenedSignedExtra, Malformed>> {
  const block = await oaepDecrypt(ctx, recipientKey, blob.oaepBlock, `${field}.oaepBlock`);
  if (!block.ok) return block;
  const payload = decode(OaepPayload, block.value, `${field}.oaepBlock`);
  if (!payload.ok) return payload;
  const plain = await symmetricDecrypt(ctx, payload.value.key, blob.encryptedContent, `${field}.encryptedContent`);
  if (!plain.ok) return plain;
  const inner = decode(ContentWithSignature, plain.value, `${field}.encryptedContent`);
  if (!inner.ok) return inner;
  return ok({ content: inner.value.content, secret: payload.value.secret, signature: inner.value.signature });
}

/** Verifies EncX's signature over {t, p} with the key the sender enclosed (proof of possession). */
export async function verifySignedExtra(ctx: CryptoContext, signerKey: CryptoKey, opened: OpenedSignedExtra): Promise<boolean> {
  return verifyDetached(ctx, signerKey, encode(ContentWithSecret, { content: opened.content, secret: opened.secret }), opened.signature);
}
