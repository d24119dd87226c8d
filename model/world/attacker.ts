/**
 * What the attacker can read and make (SET.md 9; docs/decisions.md D26-D29): a message read
 * with the keys it can derive, fresh values of its own (`att-<n>`) of each field type, and the
 * certificates `substituteCertificate` puts in place (D28).
 */
import {
  agent, amount, certificate, hash, integer, nonce, pan, privateKey, privateKeyOf, publicKey, secretData, sign, symKey, text, tuple,
  type Certificate, type CertType, type Term,
} from '../terms/index.ts';
import type { Knowledge } from '../knowledge/index.ts';
import { parse, templateOf, type Capability, type FieldType, type Fields } from '../messages/index.ts';
import { lastValidDay } from '../pki/index.ts';
import type { CertificateSubstitute } from '../scenario/actions.ts';
import type { Draft } from './draft.ts';
import type { NetworkMessage } from './world.ts';

/** Opens what the attacker's knowledge opens. */
export function attackerCapability(knowledge: Knowledge): Capability {
  return {
    opens: (key) => knowledge.canDerive(privateKeyOf(key)),
    holds: (key) => knowledge.canDerive(key),
  };
}

/** Can the attacker open this ciphertext? */
export function attackerOpens(knowledge: Knowledge): (ciphertext: Term) => boolean {
  return (ciphertext) =>
    ciphertext.kind === 'crypt' ? knowledge.canDerive(privateKeyOf(ciphertext.key))
    : ciphertext.kind === 'symCrypt' ? knowledge.canDerive(ciphertext.key)
    : true;
}

/** A message's fields as the attacker reads them (what it cannot open or parse is absent). */
export function readAsAttacker(knowledge: Knowledge, message: NetworkMessage, shape: Draft['env']['profile']['shape']): Fields {
  // memoised per knowledge and message (both immutable): a fake copies many fields of one message
  let byMessage = readings.get(knowledge);
  if (byMessage === undefined) readings.set(knowledge, (byMessage = new WeakMap()));
  const cached = byMessage.get(message);
  if (cached !== undefined && cached.shape === shape) return cached.fields;
  const result = parse(templateOf(message.kind, message.form, shape), message.term, { capability: attackerCapability(knowledge), lenient: true });
  if (!result.ok) throw new Error(`lenient parse failed: ${result.reason}`);
  byMessage.set(message, { shape, fields: result.fields });
  return result.fields;
}

const readings = new WeakMap<Knowledge, WeakMap<NetworkMessage, { readonly shape: object; readonly fields: Fields }>>();

/**
 * A fresh value of the attacker's own of a field type (D26): `att-<n>` for nonces, texts, names,
 * PANs, secrets, keys; a hash or signature of its own over a fresh nonce; one more minor unit for
 * an amount or integer; a forged copy of a certificate.
 */
export function freshValue(draft: Draft, type: FieldType, old: Term | undefined): Term {
  if (type === 'int') return integer(old?.kind === 'int' ? old.value + 1 : 1);
  if (type === 'amount') return amount(old?.kind === 'amount' ? old.currency : draft.env.currency, old?.kind === 'amount' ? old.minorUnits + 1 : 1);
  if (type === 'certificate' && old?.kind === 'cert') return substituteCertificate(draft, old, 'forged')!;
  const name = draft.attackerName();
  switch (type) {
    case 'nonce':
    case 'secret20':
      return nonce(name);
    case 'text':
      return text(name);
    case 'agent':
      return agent(name);
    case 'hash':
      return hash(nonce(name));
    case 'signature':
      draft.learn([privateKey(name, 'signature')]);
      return sign(privateKey(name, 'signature'), nonce(name));
    case 'publicKey': {
      // a key pair of its own: it holds the private half
      const usage = old?.kind === 'publicKey' ? old.usage : 'signature';
      draft.learn([privateKey(name, usage)]);
      return publicKey(name, usage);
    }
    case 'symKey':
      return symKey(name);
    case 'pan':
      return pan(name);
    case 'secret':
      return secretData(name);
    case 'tuple':
      return tuple(text(name));
    case 'certificate':
      return nonce(name); // no certificate to copy: unreachable from the field lists (every certificate field has a value)
  }
}

const OTHER_TYPE: Readonly<Record<CertType, CertType>> = {
  cardholder: 'merchant', merchant: 'cardholder', gateway: 'merchant', cca: 'mca', mca: 'cca', pca: 'mca', brand: 'root', root: 'brand',
};

/** The owner of a certificate: the party whose key it certifies. */
export function ownerOf(c: Certificate): string {
  return c.subjectKey.owner;
}

/** D28: the certificate `substituteCertificate` puts in place of `original`; undefined when there is none. */
export function substituteCertificate(draft: Draft, original: Certificate, substitute: CertificateSubstitute): Certificate | undefined {
  const issuer = original.issuer.kind === 'agent' ? original.issuer.name : undefined;
  const genuine = (changes: Partial<Parameters<typeof certificate>[0]>): Certificate =>
    certificate({
      subject: original.subject, subjectKey: original.subjectKey, certType: original.certType, usage: original.usage, firstDay: original.firstDay,
      lastDay: original.lastDay, serial: original.serial, issuer: original.issuer, signer: issuer ? privateKey(issuer, 'signature') : original.signer, ...changes,
    });
  const day = draft.env.day;
  switch (substitute) {
    case 'forged': {
      const name = draft.attackerName();
      draft.learn([privateKey(name, 'signature'), privateKey(name, original.usage)]);
      return genuine({ subjectKey: publicKey(name, original.usage), signer: privateKey(name, 'signature') });
    }
    case 'expired': {
      const lastDay = day - 1;
      return genuine({ lastDay, firstDay: lastDay - lastValidDay(original.certType, 0) });
    }
    case 'revoked': {
      const revoked = genuine({ serial: 1_000_000 + original.serial });
      const crl = new Map(draft.env.crl);
      crl.set(revoked.id, day);
      draft.setEnv({ ...draft.env, crl });
      return revoked;
    }
    case 'wrongUsage':
      return genuine({ usage: original.usage === 'signature' ? 'keyExchange' : 'signature' });
    case 'wrongType':
      return genuine({ certType: OTHER_TYPE[original.certType] });
    case 'otherParty': {
      const owner = ownerOf(original);
      const names = Object.keys(draft.env.directory).sort();
      for (const name of names) {
        if (name === owner) continue;
        const candidate = draft.env.directory[name]?.[original.usage];
        if (candidate !== undefined && candidate.certType === original.certType) return candidate;
      }
      return undefined;
    }
  }
}
