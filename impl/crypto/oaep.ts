/**
 * OAEP_r(x) of SET.md section 2. A block holds at most oaepCapacity(suite) octets (190 for
 * RSA-2048 / SHA-256); a larger payload is an EncodingError, never a silent truncation.
 */
import { EncodingError } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import type { Malformed } from '../wire/schema.ts';
import { oaepCapacity } from './algorithms.ts';
import { bufferSource, type CryptoContext } from './provider.ts';

export async function oaepEncrypt(ctx: CryptoContext, recipient: CryptoKey, payload: Uint8Array): Promise<Uint8Array> {
  const capacity = oaepCapacity(ctx.suite);
  if (payload.length > capacity) {
    throw new EncodingError('oaep-block-too-long', `OAEP payload of ${payload.length} octets exceeds the ${capacity}-octet capacity of ${ctx.suite.name}`);
  }
  return new Uint8Array(await ctx.subtle.encrypt({ name: 'RSA-OAEP' }, recipient, bufferSource(payload)));
}

export async function oaepDecrypt(ctx: CryptoContext, privateKey: CryptoKey, block: Uint8Array, field: string): Promise<Result<Uint8Array, Malformed>> {
  const expected = ctx.suite.modulusLength / 8;
  if (block.length !== expected) return err({ outcome: 'malformed', field, rule: `OAEP block of ${block.length} octets, expected ${expected}` });
  try {
    return ok(new Uint8Array(await ctx.subtle.decrypt({ name: 'RSA-OAEP' }, privateKey, bufferSource(block))));
  } catch {
    // WebCrypto reports a block that does not decode under this key only by rejecting.
    return err({ outcome: 'malformed', field, rule: 'does not open with the recipient key' });
  }
}
