/**
 * A public key a registering party sends in its CertReq (PublicKeyS, PublicKeyE: SET.md 4),
 * imported for its usage; null when the bytes are no RSA key the provider accepts, which the
 * CA answers as `malformed`.
 */
import type { KeyUsageKind } from '../../crypto/key-pool.ts';
import { bufferSource, type CryptoContext } from '../../crypto/provider.ts';

export function importRequestKey(ctx: CryptoContext, spki: Uint8Array, usage: KeyUsageKind): Promise<CryptoKey | null> {
  const algorithm = usage === 'signature' ? { name: 'RSA-PSS', hash: ctx.suite.hash } : { name: 'RSA-OAEP', hash: ctx.suite.hash };
  // importKey rejects on bytes that are no key: that one rejection is the typed answer null.
  return ctx.subtle.importKey('spki', bufferSource(spki), algorithm, true, usage === 'signature' ? ['verify'] : ['encrypt']).then(
    (key) => key,
    () => null,
  );
}
