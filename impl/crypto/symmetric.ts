/**
 * EK_k(t) of SET.md section 2: AES-256-GCM under a fresh key per envelope. The output is
 * IV || ciphertext || tag; GCM's tag is what makes any changed octet fail to open.
 */
import { err, ok, type Result } from '../result.ts';
import { concatBytes } from '../wire/der.ts';
import type { Malformed } from '../wire/schema.ts';
import { bufferSource, randomBytes, type CryptoContext } from './provider.ts';

/** A fresh symmetric key (raw octets, so it can travel inside an OAEP block). */
export const newSymmetricKey = (ctx: CryptoContext): Uint8Array => randomBytes(ctx, ctx.suite.symmetric.length / 8);

function importAesKey(ctx: CryptoContext, raw: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return ctx.subtle.importKey('raw', bufferSource(raw), { name: 'AES-GCM' }, false, [usage]);
}

export async function symmetricEncrypt(ctx: CryptoContext, key: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  const { ivLength, tagLength } = ctx.suite.symmetric;
  const iv = randomBytes(ctx, ivLength);
  const aes = await importAesKey(ctx, key, 'encrypt');
  const sealed = await ctx.subtle.encrypt({ name: 'AES-GCM', iv: bufferSource(iv), tagLength }, aes, bufferSource(plaintext));
  return concatBytes(iv, new Uint8Array(sealed));
}

/** Opens EK_k(t); `field` names the ciphertext in the `malformed` answer when it does not open. */
export async function symmetricDecrypt(ctx: CryptoContext, key: Uint8Array, sealed: Uint8Array, field: string): Promise<Result<Uint8Array, Malformed>> {
  const { ivLength, tagLength } = ctx.suite.symmetric;
  if (key.length !== ctx.suite.symmetric.length / 8) return err({ outcome: 'malformed', field, rule: `symmetric key of ${key.length} octets` });
  if (sealed.length < ivLength + tagLength / 8) return err({ outcome: 'malformed', field, rule: 'shorter than IV and tag' });
  const aes = await importAesKey(ctx, key, 'decrypt');
  try {
    const plain = await ctx.subtle.decrypt(
      { name: 'AES-GCM', iv: bufferSource(sealed.subarray(0, ivLength)), tagLength },
      aes,
      bufferSource(sealed.subarray(ivLength)),
    );
    return ok(new Uint8Array(plain));
  } catch {
    // WebCrypto reports a failed GCM tag check only by rejecting: this is that one case.
    return err({ outcome: 'malformed', field, rule: 'does not open (authentication tag mismatch)' });
  }
}
