/**
 * SO(s, t) and S(s, t) = {t, SO(s, t)} of SET.md section 2: RSASSA-PSS with SHA-256 over the
 * DER encoding of t. A detached SO reveals nothing of t.
 */
import { encode } from '../wire/schema.ts';
import { Signed } from '../wire/blobs.ts';
import { bufferSource, type CryptoContext } from './provider.ts';

/** The answer when a message signature or the dual signature does not verify (SET.md 8). */
export interface BadSignature {
  readonly outcome: 'bad-signature';
  readonly what: string;
}

export async function signDetached(ctx: CryptoContext, signer: CryptoKey, bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await ctx.subtle.sign(ctx.suite.signature, signer, bufferSource(bytes)));
}

/** False for a wrong signature *and* for one of the wrong length: neither proves anything. */
export async function verifyDetached(ctx: CryptoContext, publicKey: CryptoKey, bytes: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== ctx.suite.modulusLength / 8) return false;
  return ctx.subtle.verify(ctx.suite.signature, publicKey, bufferSource(signature), bufferSource(bytes));
}

/** S(s, t): t travels in clear beside its signature. */
export async function sign(ctx: CryptoContext, signer: CryptoKey, content: Uint8Array): Promise<Signed> {
  return { content, signature: await signDetached(ctx, signer, content) };
}

export const encodeSigned = (signed: Signed): Uint8Array => encode(Signed, signed);

/** Checks S(s, t) with the key of the certificate the receiver validated for s. */
export async function verifySigned(ctx: CryptoContext, publicKey: CryptoKey, signed: Signed, what: string): Promise<BadSignature | null> {
  return (await verifyDetached(ctx, publicKey, signed.content, signed.signature)) ? null : { outcome: 'bad-signature', what };
}
