/**
 * `fake(kind, form?, to, as?, session?, template?, fields?, keys?)` on the implementation
 * (SET.md 9; docs/decisions.md D24, D27, D29), mirroring model/world/fake.ts step by step: the
 * same field names (the model's template slots for the kind and form, model/messages), the same
 * precedence (a value from `fields`; else the same field of `template` if the attacker reads it
 * there, a structure the action changes nothing in copied whole; else the derivation, a hash or
 * HMAC of its parts, a signature made anew with the key slot's key; else a fresh `att-<n>` for
 * nonce, text and envelope-key fields), the same key-slot defaults, the same `att-<n>` order, the
 * same session rule. The message is built with the implementation's codec and operators
 * (fake-build.ts) and sent only if the attacker can derive all of it; otherwise the action is
 * skipped and changes nothing.
 */
import type { Fake, FakeValue, MessageForm } from '../../model/index.ts';
import { slots, templateOf, type FieldType } from '../../model/messages/index.ts';
import { ATTACKER, FORMS_OF_KIND } from '../../model/vocabulary/index.ts';
import { bytesEqual, hash } from '../../impl/crypto/digest.ts';
import { randomBytes } from '../../impl/crypto/provider.ts';
import { signDetached } from '../../impl/crypto/signature.ts';
import { encodeMessage } from '../../impl/wire/messages.ts';
import { attackerKeyNames, holdAttackerKey, holdsKey, holdSymmetricKey, releaseAttackerKey } from './attacker-keys.ts';
import { odBytes } from './compromise.ts';
import { FakeBuilder, Missing, NotDerivable } from './fake-build.ts';
import { currentCertificate, currentKeyName, exchangeKeyOf, signatureKeyNamed, signatureKeyOf, type SignatureKey } from './fake-parties.ts';
import { AttackerReader } from './fake-read.ts';
import { hashInput, val, type Val } from './fake-values.ts';
import { orderDescription } from './honest.ts';
import type { ImplRun, ImplStep } from './impl-run.ts';
import { panOf, SPY } from './names.ts';
import { substituteFor } from './substitutes.ts';

const skipped = (reason: string): ImplStep => ({ kind: 'skipped', reason });

/** A FakeValue that names nothing (the model's Unavailable). */
class Unavailable extends Error {}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A receiver the network can address: a SET party of the world (not the issuer, the acquirer or the attacker). */
function isSetParty(run: ImplRun, name: string): boolean {
  const { config } = run;
  return name !== SPY && ([...config.cardholders, ...config.merchants, ...config.gateways].includes(name) || ['RCA', 'BCA', 'CCA', 'MCA', 'PCA'].includes(name));
}

/** One `fake` action: its choices, and what it creates (kept only if the fake is sent). */
class FakeAction {
  readonly reader: AttackerReader;
  /** Bytes of fresh values the attacker learns if the fake is sent (the model's `draft.learn(fresh)`). */
  readonly learnt: Uint8Array[] = [];

  constructor(readonly run: ImplRun, readonly action: Fake) {
    this.reader = new AttackerReader(run);
  }

  /** A FakeValue (D29) as a value on the implementation; throws Unavailable when it names nothing. */
  async evaluate(spec: FakeValue, slotName: string, type: FieldType, fromTemplate: Val | undefined): Promise<Val> {
    const { run } = this;
    if ('fresh' in spec) return this.fresh(type, fromTemplate);
    if ('copy' in spec) {
      const message = run.network.find(spec.copy);
      if (message === undefined) throw new Unavailable('the copy reference names no message');
      const value = (await this.reader.read(message)).fields.get(spec.field ?? slotName);
      if (value === undefined) throw new Unavailable(`cannot read ${spec.field ?? slotName} there`);
      return value;
    }
    if ('agent' in spec) return val('agent', spec.agent);
    if ('text' in spec) return val('text', spec.text);
    if ('amount' in spec) return val('amount', { currency: run.config.currency, minorUnits: spec.amount });
    if ('int' in spec) return val('int', spec.int);
    if ('certificate' in spec) {
      const der = currentCertificate(run, spec.certificate, spec.usage);
      if (der === undefined) throw new Unavailable(`${spec.certificate} has no ${spec.usage} certificate`);
      return val('cert', der, await this.certificateHeld(der));
    }
    if ('publicKey' in spec) {
      const name = (await currentKeyName(run, spec.publicKey, spec.usage)) ?? `key:${spec.publicKey}:${spec.usage}`;
      return val('publicKey', (await run.d.pool.material(name)).spki, true, { label: spec.usage });
    }
    if ('hashOf' in spec) {
      const inner = await this.evaluate(spec.hashOf, slotName, 'tuple', undefined);
      const h = await hash(run.d.env.ctx, hashInput(inner));
      return val('hash', h, inner.ok || run.attacker.holds(h));
    }
    return this.secret(spec.secret);
  }

  /** A certificate is derivable when the attacker holds it, or holds its issuer's signature key (it can issue one). */
  async certificateHeld(der: Uint8Array): Promise<boolean> {
    const { run } = this;
    if (run.attacker.holds(der)) return true;
    // the set-up certificates (the CAs' and the gateways') are public from the start, as in the model's initial knowledge
    const published = [
      ...run.d.pki.authorities.flatMap((ca) => [ca.signatureCertificate.der, ...(ca.keyExchangeCertificate ? [ca.keyExchangeCertificate.der] : [])]),
      ...[...run.d.gateways.keys()].flatMap((p) => [run.d.gateways.get(p)!.certS, run.d.gatewayCertificate(p)]),
    ];
    if (published.some((c) => bytesEqual(c, der))) return true;
    for (const ca of run.d.pki.authorities) {
      const issued = ca.issued().some((r) => bytesEqual(r.certificate.der, der));
      const own = bytesEqual(ca.signatureCertificate.der, der) || (ca.keyExchangeCertificate !== null && bytesEqual(ca.keyExchangeCertificate.der, der));
      const issuer = issued ? ca.name : own ? (ca.parent?.name ?? ca.name) : undefined;
      if (issuer !== undefined) return holdsKey(run, `key:${issuer}:signature`);
    }
    return false;
  }

  /** The secrets of SET.md 8's attacker list by their observation names, plus `expiry:<card>` and `odSalt:<purchase>` (the model's secretNamed). */
  secret(name: string): Val {
    const { run } = this;
    const holds = (bytes: Uint8Array) => run.attacker.holds(bytes);
    const [kind, owner = ''] = name.split(/:(.*)/s) as [string, string?];
    const cardholder = run.config.cardholders.includes(owner) ? run.d.cardholders.get(owner) : undefined;
    switch (kind) {
      case 'pan':
        return val('pan', panOf(owner), holds(ascii(panOf(owner))));
      case 'expiry':
        if (cardholder) return val('text', cardholder.card.cardExpiry);
        break;
      case 'cardSecret': {
        const latest = [...(cardholder?.records.registrations.values() ?? [])].flatMap((r) => (r.cardSecret ? [r.cardSecret] : [])).at(-1);
        if (latest) return val('nonce', latest, holds(latest));
        break;
      }
      case 'panSecret': {
        const certificate = cardholder?.records.certificate;
        if (certificate) return val('panSecret', certificate.panSecret, holds(certificate.panSecret) || (holds(certificate.cardSecret) && holds(certificate.cardCertNonce)));
        break;
      }
      case 'od': {
        const purchase = run.purchases.get(owner);
        if (purchase) {
          const od = orderDescription(purchase.order);
          return val('data', od, holds(odBytes(od)));
        }
        break;
      }
      case 'odSalt': {
        const purchase = run.purchases.get(owner);
        const salt = purchase ? run.d.cardholders.get(purchase.cardholder)?.records.purchases.get(owner)?.odSalt : undefined;
        if (salt) return val('nonce', salt, holds(salt));
        break;
      }
      default:
        break;
    }
    throw new Unavailable(`no secret ${name}`);
  }

  /**
   * A fresh value of the attacker's own of a field type (the model's freshValue, D26): one more
   * for an integer or amount, a forged copy of a certificate, else `att-<n>`: 20 new octets, the
   * text or name, a hash or signature of its own, a key pair of its own, a PAN, an order.
   */
  async fresh(type: FieldType, old: Val | undefined): Promise<Val> {
    const { run } = this;
    const ctx = run.d.env.ctx;
    if (type === 'int') return val('int', old?.kind === 'int' ? (old.v as number) + 1 : 1);
    if (type === 'amount') {
      const a = old?.kind === 'amount' ? (old.v as { currency: string; minorUnits: number }) : undefined;
      return val('amount', { currency: a?.currency ?? run.config.currency, minorUnits: a ? a.minorUnits + 1 : 1 });
    }
    if (type === 'certificate' && old?.kind === 'cert') {
      const forged = await substituteFor(run, old.v as Uint8Array, 'forged');
      if (!forged) throw new Unavailable('no forged copy of that certificate');
      return val('cert', forged);
    }
    const name = run.attackerName();
    switch (type) {
      case 'nonce':
      case 'secret20':
      case 'certificate':
        return this.learn(val('nonce', randomBytes(ctx, 20), true, { label: name }));
      case 'text':
        return val('text', name);
      case 'agent':
        return val('agent', name);
      case 'hash':
        return this.learn(val('hash', randomBytes(ctx, 32)));
      case 'signature': {
        const poolName = `key:${name}:signature`;
        holdAttackerKey(run, poolName);
        const key = await run.d.pool.keyPair(poolName, 'signature');
        return this.learn(val('sign', await signDetached(ctx, key.privateKey, randomBytes(ctx, 20))));
      }
      case 'publicKey': {
        const usage = old?.kind === 'publicKey' && old.label === 'keyExchange' ? 'keyExchange' : 'signature';
        const poolName = `key:${name}:${usage}`;
        holdAttackerKey(run, poolName);
        const { spki } = await run.d.pool.material(poolName);
        // its owner is printed by name, as the model prints a key (a CA view lists what it certifies)
        run.d.env.names.nameKey(spki, poolName);
        return val('publicKey', spki, true, { label: usage });
      }
      case 'symKey':
        return this.learn(val('symKey', randomBytes(ctx, 32)));
      case 'pan':
        return val('pan', name);
      case 'secret':
        return val('data', [{ description: name, quantity: 1, unitPrice: 0 }]);
      case 'tuple':
        return val('tuple', undefined, true, { sort: 'fresh', label: name });
    }
  }

  private learn(value: Val): Val {
    if (value.v instanceof Uint8Array) this.learnt.push(value.v);
    return value;
  }
}

export async function fakeOnImpl(run: ImplRun, action: Fake): Promise<ImplStep> {
  const names = run.attackerNames;
  const keysBefore = new Set(attackerKeyNames(run));
  const undo = () => {
    run.attackerNames = names;
    for (const key of attackerKeyNames(run)) if (!keysBefore.has(key)) releaseAttackerKey(run, key);
  };
  try {
    const step = await attempt(run, action);
    if (step.kind === 'skipped') undo();
    return step;
  } catch (error) {
    undo();
    if (error instanceof Unavailable || error instanceof Missing || error instanceof NotDerivable) return skipped(`fake: ${error.message}`);
    throw error;
  }
}

async function attempt(run: ImplRun, action: Fake): Promise<ImplStep> {
  const form: MessageForm = action.form ?? FORMS_OF_KIND[action.kind][0]!;
  if (!FORMS_OF_KIND[action.kind].includes(form)) return skipped(`${action.kind} has no form ${form}`);
  if (!isSetParty(run, action.to)) return skipped(`${action.to} is no SET party`);
  const shape = run.shape;
  const template = templateOf(action.kind, form, shape);
  const sender = action.as ?? ATTACKER;
  const f = new FakeAction(run, action);
  let model: ReadonlyMap<string, Val> | undefined;
  if (action.template !== undefined) {
    const message = run.network.find(action.template);
    if (message === undefined) return skipped('the template reference names no message');
    if (message.ref.kind !== action.kind) return skipped('the template is of another kind');
    model = (await f.reader.read(message)).fields;
  }
  const given = Object.fromEntries(Object.entries(action.fields ?? {}).filter(([, value]) => value !== undefined)) as Record<string, FakeValue>;
  // list lengths: the template message's, or the largest index the action names
  const counts: Record<string, number> = {};
  for (const name of [...Object.keys(given), ...(model ? [...model.keys()] : [])]) {
    const match = /^([A-Za-z]+)\[(\d+)\]/.exec(name);
    if (match) counts[match[1]!] = Math.max(counts[match[1]!] ?? 1, Number(match[2]));
  }
  const session = action.session ?? run.attackerName();
  const values: Record<string, Val> = {};
  const all = slots(template, counts);
  const givenScopes = new Set(Object.keys(given).filter((name) => !all.some((s) => s.name === name)));
  for (const scopeName of givenScopes) values[scopeName] = await f.evaluate(given[scopeName]!, scopeName, 'tuple', model?.get(scopeName));
  // a part of the template message the action changes nothing in is copied whole (the PI it cannot open, say)
  const touched = new Set<string>();
  for (const slot of all) if (given[slot.name] !== undefined) for (const scope of slot.scopes) touched.add(scope);
  const whole = new Set(givenScopes);
  if (model !== undefined) {
    for (const slot of all) {
      const outer = slot.scopes.find((scope) => !touched.has(scope) && model!.has(scope));
      if (outer !== undefined && !whole.has(outer)) {
        whole.add(outer);
        values[outer] = model.get(outer)!;
      }
    }
  }
  for (const slot of all) {
    if (slot.scopes.some((s) => whole.has(s))) continue;
    const spec = given[slot.name];
    const known = model?.get(slot.name);
    if (spec !== undefined) {
      values[slot.name] = await f.evaluate(spec, slot.name, slot.type, known);
    } else if (slot.derived) {
      // hashes of the message are data, copied when the template has them; signatures and an operator's own hashes are made anew
      if (known !== undefined && slot.type !== 'signature' && !slot.internal) values[slot.name] = known;
    } else if (known !== undefined && !slot.internal) {
      values[slot.name] = known;
    } else if (slot.type === 'nonce' || slot.type === 'text' || slot.type === 'symKey') {
      values[slot.name] = await f.fresh(slot.type, undefined);
    }
  }

  // key slots (D29): signers default to the party it claims to be, recipients to `to` and the gateway of `to`
  const { config } = run;
  const gatewayOfTo = config.gatewayOf[action.to] ?? config.gateways[0]!;
  const signerKeys = new Map<string, Promise<SignatureKey>>();
  const signer = (slot: string): Promise<SignatureKey> => {
    let key = signerKeys.get(slot);
    if (!key) {
      const enclosed = slot === 'requester' ? values['PublicKeyS'] : undefined;
      key = enclosed?.kind === 'publicKey' && enclosed.v instanceof Uint8Array
        ? signatureKeyOf(run, enclosed.v)
        : currentKeyName(run, action.keys?.[slot] ?? sender, 'signature').then((name) => signatureKeyNamed(run, name));
      signerKeys.set(slot, key);
    }
    return key;
  };
  const recipient = (slot: string): Promise<CryptoKey> => exchangeKeyOf(run, action.keys?.[slot] ?? (slot === 'recipient' ? action.to : gatewayOfTo));

  const builder = new FakeBuilder({ run, reader: f.reader, shape, values, counts, signer, recipient });
  const message = await builder.build(action.kind, form);
  if (!builder.ok) return skipped('fake: the attacker cannot derive this message');
  for (const bytes of f.learnt) run.attacker.learn(bytes);
  // a symmetric key it put in a field (a CABackKey) opens what comes back under it; an envelope's own `k` is the builder's (rememberSealed)
  for (const [name, value] of Object.entries(values)) {
    if (value.kind === 'symKey' && value.v instanceof Uint8Array && name.slice(name.lastIndexOf('.') + 1) !== 'k') holdSymmetricKey(run, value.v);
  }
  const sent = run.network.put(session, action.kind, { from: sender, to: action.to, bytes: encodeMessage(message) }, 'faked');
  sent.form = form;
  return { kind: 'done' };
}
