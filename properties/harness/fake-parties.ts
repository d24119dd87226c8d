/**
 * The parties' certificates and keys as `fake` names them (docs/decisions.md D29), on the
 * implementation, by the model's directory rule: a party's current certificate of a usage is the
 * latest a CA issued for a key it owns (from the moment the CA issues it); its current key is
 * that certificate's key, else its first key pair (generation 0, `key:<party>:<usage>`).
 */
import { bytesEqual } from '../../impl/crypto/digest.ts';
import { bufferSource } from '../../impl/crypto/provider.ts';
import { attackerKeyNames, holdsKey, keyNameOf, partyKeyNames } from './attacker-keys.ts';
import type { ImplRun } from './impl-run.ts';

type Usage = 'signature' | 'keyExchange';

/** The certificate the model's directory holds for `party` and `usage` (its DER), if any. */
export function currentCertificate(run: ImplRun, party: string, usage: Usage): Uint8Array | undefined {
  const { d } = run;
  const ca = d.pki.authorities.find((a) => a.name === party);
  if (ca) return usage === 'signature' ? ca.signatureCertificate.der : ca.keyExchangeCertificate?.der;
  const gateway = d.gateways.get(party);
  if (gateway) return usage === 'signature' ? gateway.certS : d.gatewayCertificate(party);
  let latest: Uint8Array | undefined;
  for (const authority of [d.cca.authority, d.mca.authority]) {
    for (const { certificate } of authority.issued()) {
      if (certificate.usage === usage && d.env.names.subjectName(certificate.commonName) === party) latest = certificate.der;
    }
  }
  return latest;
}

function currentSpki(run: ImplRun, party: string, usage: Usage): Uint8Array | undefined {
  const { d } = run;
  for (const authority of [d.cca.authority, d.mca.authority]) {
    let latest: Uint8Array | undefined;
    for (const { certificate } of authority.issued()) {
      if (certificate.usage === usage && d.env.names.subjectName(certificate.commonName) === party) latest = certificate.spki;
    }
    if (latest) return latest;
  }
  return undefined;
}

/** The pool name of `party`'s current key of `usage` (undefined: it has no key pair anywhere). */
export async function currentKeyName(run: ImplRun, party: string, usage: Usage): Promise<string | undefined> {
  const own = partyKeyNames(run, party, usage);
  if (run.d.gateways.has(party) || run.d.pki.authorities.some((a) => a.name === party)) return own[0];
  const spki = currentSpki(run, party, usage);
  if (spki) {
    for (const name of own) if (bytesEqual((await run.d.pool.material(name)).spki, spki)) return name;
    const other = await keyNameOf(run, spki);
    if (other) return other;
  }
  const first = `key:${party}:${usage}`;
  if (own.includes(first) || attackerKeyNames(run).includes(first)) return first;
  return undefined;
}

export interface SignatureKey {
  /** The private half, when the attacker holds it. */
  readonly privateKey?: CryptoKey;
  /** The public half, to recognise a signature with it that the attacker already holds. */
  readonly publicKey?: CryptoKey;
}

/** A signature key by pool name: its public half, and its private half if the attacker holds it. */
export async function signatureKeyNamed(run: ImplRun, name: string | undefined): Promise<SignatureKey> {
  if (name === undefined) return {};
  const pair = await run.d.pool.keyPair(name, 'signature');
  return (await holdsKey(run, name)) ? { privateKey: pair.privateKey, publicKey: pair.publicKey } : { publicKey: pair.publicKey };
}

/** A signature key given by its public half (a CertReq's PublicKeyS): the pool key with it, if any. */
export async function signatureKeyOf(run: ImplRun, spki: Uint8Array): Promise<SignatureKey> {
  const name = await keyNameOf(run, spki);
  if (name !== undefined) return signatureKeyNamed(run, name);
  const ctx = run.d.env.ctx;
  const publicKey = await ctx.subtle.importKey('spki', bufferSource(spki), { name: 'RSA-PSS', hash: ctx.suite.hash }, true, ['verify']).catch(() => undefined);
  return publicKey ? { publicKey } : {};
}

/** The key-exchange public key the model names for `party`: its current certificate's, else its generation-0 key. */
export async function exchangeKeyOf(run: ImplRun, party: string): Promise<CryptoKey> {
  const { d } = run;
  const ca = d.pki.authorities.find((a) => a.name === party);
  if (ca?.keyExchangeKeys) return ca.keyExchangeKeys.publicKey;
  const gateway = d.gateways.get(party);
  if (gateway) return gateway.keyExchangeKeys.publicKey;
  const spki = currentSpki(run, party, 'keyExchange');
  if (spki) {
    const ctx = d.env.ctx;
    return ctx.subtle.importKey('spki', bufferSource(spki), { name: 'RSA-OAEP', hash: ctx.suite.hash }, true, ['encrypt']);
  }
  return (await d.pool.keyPair(`key:${party}:keyExchange`, 'keyExchange')).publicKey;
}
