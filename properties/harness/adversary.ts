/**
 * The attacker's actions on the implementation's network (SET.md 9; docs/decisions.md D24-D28):
 * drop, duplicate, replay, redirect, swapOrderData, substituteCertificate, compromise. Each
 * changes what is on the network exactly as the model's adversary.ts does with terms, here with
 * bytes: decode, change, encode (the codec is canonical, so nothing else moves).
 */
import type { Action } from '../../model/index.ts';
import { fieldNames, templateOf } from '../../model/index.ts';
import { decodeMessage, encodeMessage, type Message } from '../../impl/wire/messages.ts';
import { certificateSlots } from './certificate-fields.ts';
import type { ImplRun, ImplStep } from './impl-run.ts';
import type { ImplMessage } from './network.ts';
import { SPY } from './names.ts';
import { substituteFor } from './substitutes.ts';
import { holdAttackerKey } from './attacker-keys.ts';
import { fieldAccess, type FreshType } from './fields.ts';
import { fakeOnImpl } from './fake.ts';
import { AttackerReader } from './fake-read.ts';
import { randomBytes } from '../../impl/crypto/provider.ts';
import { signDetached } from '../../impl/crypto/signature.ts';
import { decode } from '../../impl/wire/codec.ts';
import { PI } from '../../impl/wire/purchase.ts';

const DONE: ImplStep = { kind: 'done' };
const skipped = (reason: string): ImplStep => ({ kind: 'skipped', reason });

/** Thrown for an action the harness cannot interpret yet: generators must not produce it. */
export class NotInterpreted extends Error {
  constructor(what: string) {
    super(`the harness does not interpret ${what} on the implementation yet`);
    this.name = 'NotInterpreted';
  }
}

/** Decodes without the wire profile: an attacker reads what is there. */
const LENIENT = { name: 'lenient', rules: {} };

function pending(run: ImplRun, ref: { session: string; kind: string; occurrence: number }): ImplMessage | string {
  const message = run.network.find(ref as never);
  if (!message) return 'the reference names no message';
  if (message.status !== 'pending') return `the message is ${message.status}`;
  return message;
}

/** A receiver the network can address: a SET party of the world (not the issuer or acquirer, not the attacker's own name). */
function isSetParty(run: ImplRun, name: string): boolean {
  const { config } = run;
  return name !== SPY && ([...config.cardholders, ...config.merchants, ...config.gateways].includes(name) || ['RCA', 'BCA', 'CCA', 'MCA', 'PCA'].includes(name));
}

export async function applyAdversarial(run: ImplRun, action: Action): Promise<ImplStep | undefined> {
  switch (action.type) {
    case 'drop': {
      const message = pending(run, action.ref);
      if (typeof message === 'string') return skipped(message);
      message.status = 'dropped';
      return DONE;
    }
    case 'duplicate':
    case 'replay': {
      const message = run.network.find(action.ref);
      if (!message) return skipped('the reference names no message');
      const to = action.type === 'replay' && action.to !== undefined ? action.to : message.to;
      if (!isSetParty(run, to)) return skipped(`${to} is no SET party`);
      run.network.put(message.ref.session, message.ref.kind, { from: message.from, to, bytes: message.bytes, alterations: [...message.alterations] }, action.type === 'replay' ? 'replayed' : 'duplicated');
      return DONE;
    }
    case 'redirect': {
      const message = pending(run, action.ref);
      if (typeof message === 'string') return skipped(message);
      if (!isSetParty(run, action.to)) return skipped(`${action.to} is no SET party`);
      message.to = action.to;
      return DONE;
    }
    case 'swapOrderData': {
      const target = run.network.latest(action.purchase, 'PReq', true);
      const source = run.network.latest(action.from, 'PReq', false);
      if (!target || !source || target === source) return skipped('no PReq to swap');
      const into = decodeMessage(target.bytes, LENIENT);
      const outOf = decodeMessage(source.bytes, LENIENT);
      if (!into.ok || !outOf.ok || into.value.kind !== 'PReq' || outOf.value.kind !== 'PReq') return skipped('no OI');
      target.bytes = encodeMessage({ kind: 'PReq', value: { ...into.value.value, oi: outOf.value.value.oi } });
      target.alterations.push({ by: 'swapOrderData', from: action.from });
      return DONE;
    }
    case 'substituteCertificate': {
      const message = pending(run, action.ref);
      if (typeof message === 'string') return skipped(message);
      const decoded = decodeMessage(message.bytes, LENIENT);
      if (!decoded.ok) return skipped('the message does not decode');
      const forms = formsOf(decoded.value);
      const order = forms.flatMap((form) => fieldNames(templateOf(action.ref.kind, form as never, run.shape)));
      const slots = certificateSlots(decoded.value, order);
      const slot = action.certificate === undefined ? slots[0] : slots.find((s) => s.field === action.certificate);
      if (!slot) return skipped(`no certificate field ${action.certificate ?? ''} in the clear`);
      const replacement = await substituteFor(run, slot.get(decoded.value)!, action.substitute);
      if (!replacement) return skipped(`no ${action.substitute} substitute`);
      message.bytes = encodeMessage(slot.set(decoded.value, replacement));
      message.alterations.push({ by: 'substituteCertificate', field: slot.field, substitute: action.substitute });
      return DONE;
    }
    case 'compromise':
      if (!isSetParty(run, action.party) && action.party !== 'Issuer' && action.party !== 'Acquirer') return skipped(`no party ${action.party}`);
      run.compromised.add(action.party);
      return DONE;
    case 'tamper':
      return tamper(run, action);
    case 'fake':
      return fakeOnImpl(run, action);
    default:
      return undefined;
  }
}

export const NOT_INTERPRETED = 'not interpreted on the implementation: a tamper inside an envelope the attacker can open (D26 re-encodes it)';

/** D26: a field in the clear takes the most recent other message's readable, different value, else a fresh one; a sealed one corrupts its ciphertext. */
async function tamper(run: ImplRun, action: Extract<Action, { type: 'tamper' }>): Promise<ImplStep> {
  const message = pending(run, action.ref);
  if (typeof message === 'string') return skipped(message);
  const decoded = decodeMessage(message.bytes, LENIENT);
  if (!decoded.ok) return skipped('the message does not decode');
  const listed = formsOf(decoded.value).flatMap((form) => fieldNames(templateOf(action.ref.kind, form as never, run.shape)));
  const unindexed = (f: string) => f.replace(/\[\d+\]/g, '[]');
  if (!listed.map(unindexed).includes(unindexed(action.field))) return skipped(`${action.ref.kind} has no field ${action.field}`);
  const access = fieldAccess(decoded.value, action.field);
  if (!access) return skipped(`the message has no ${action.field}`);
  if (access.where === 'sealed') {
    // D26 re-encodes a field in an envelope the attacker opens; this harness only corrupts ciphertexts,
    // so it says so rather than act otherwise than the model (random scenarios avoid the case)
    if ((await new AttackerReader(run).read(message)).fields.has(action.field)) return skipped(NOT_INTERPRETED);
    run.attackerName(); // the junk that replaces the plaintext (D27)
    message.bytes = encodeMessage(access.corrupt(decoded.value));
    message.alterations.push({ by: 'tamper', field: action.field, sealed: true });
    return DONE;
  }
  const current = access.read(decoded.value);
  if (current === undefined) return skipped(`the message has no ${action.field}`);
  const value = (await replacementFromNetwork(run, message, action.field, current)) ?? (await freshValue(run, access.type, current));
  if (value === undefined) return skipped(`no value for ${action.field}`);
  message.bytes = encodeMessage(access.write(decoded.value, value));
  message.alterations.push({ by: 'tamper', field: action.field, sealed: false });
  return DONE;
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? `hex:${Buffer.from(x).toString('hex')}` : x));

async function replacementFromNetwork(run: ImplRun, message: ImplMessage, field: string, current: unknown): Promise<unknown> {
  for (let i = run.network.messages.length - 1; i >= 0; i--) {
    const other = run.network.messages[i]!;
    if (other === message || other.ref.kind !== message.ref.kind) continue;
    const decoded = decodeMessage(other.bytes, LENIENT);
    if (!decoded.ok) continue;
    const access = fieldAccess(decoded.value, field);
    if (access?.where !== 'clear') continue;
    const value = access.read(decoded.value);
    if (value !== undefined && !same(value, current)) return value;
  }
  return undefined;
}

/** A fresh value of the attacker's own of a field type (D26), on the implementation's codec. */
async function freshValue(run: ImplRun, type: FreshType, old: unknown): Promise<unknown> {
  if (type === 'int') return (old as number) + 1;
  if (type === 'amount') {
    const a = old as { currency: string; minorUnits: number };
    return { currency: a.currency, minorUnits: a.minorUnits + 1 };
  }
  if (type === 'certificate') return substituteFor(run, old as Uint8Array, 'forged');
  const name = run.attackerName();
  const ctx = run.d.env.ctx;
  switch (type) {
    case 'bytes20':
      return randomBytes(ctx, 20);
    case 'bytes32':
      return randomBytes(ctx, 32);
    case 'localId':
      return new TextEncoder().encode(name);
    case 'text':
      return name;
    case 'digits':
      return `9${name.replace(/\D/g, '').padStart(5, '0')}`;
    case 'list':
      return [name];
    case 'signature': {
      const key = await run.d.pool.keyPair(`key:${name}:signature`, 'signature');
      holdAttackerKey(run, `key:${name}:signature`); // its own new key: it holds it (D27)
      return signDetached(ctx, key.privateKey, randomBytes(ctx, 20));
    }
  }
}

/**
 * The form a message is in where its bytes tell (a PReq's or an AuthReq's PI is signed or
 * unsigned, as the model's message records its form), else the forms it may be (`formsOf`).
 */
export function formsIn(message: Message): string[] {
  if (message.kind === 'PReq') return [message.value.pi.kind];
  if (message.kind === 'AuthReq') {
    const pi = decode(PI, message.value.envelope.baggage, 'PI');
    if (pi.ok) return [pi.value.kind];
  }
  return formsOf(message);
}

/** The model's form names a decoded message could be in (its field order, D26). */
export function formsOf(message: Message): string[] {
  switch (message.kind) {
    case 'CertReq':
      return ['cardholder', 'merchant'];
    case 'CertRes':
      return [message.value.kind === 'encrypted' ? 'cardholder' : 'merchant'];
    case 'PReq':
    case 'AuthReq':
      return ['signed', 'unsigned'];
    case 'AuthRes':
      return [message.value.result.kind];
    case 'InqReq':
      return [message.value.kind];
    default:
      return ['plain'];
  }
}
