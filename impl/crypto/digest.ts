/** H and HMAC of SET.md section 2 (SHA-256, HMAC-SHA-256 in this profile), and byte comparison. */
import { bufferSource, type CryptoContext } from './provider.ts';

/** H(t) over already-encoded bytes. */
export async function hash(ctx: CryptoContext, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await ctx.subtle.digest(ctx.suite.hash, bufferSource(bytes)));
}

/** HMAC(t, k): the message first, the key second, as SET.md writes it. */
export async function hmac(ctx: CryptoContext, message: Uint8Array, key: Uint8Array): Promise<Uint8Array> {
  const hmacKey = await ctx.subtle.importKey('raw', bufferSource(key), { name: 'HMAC', hash: ctx.suite.hash }, false, ['sign']);
  return new Uint8Array(await ctx.subtle.sign('HMAC', hmacKey, bufferSource(message)));
}

/** Equality that does not stop at the first differing octet (hash and MAC comparisons). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
