/**
 * The attacker's actions on the implementation's network (SET.md 9; docs/decisions.md D24-D28):
 * drop, duplicate, replay, redirect, swapOrderData, substituteCertificate, compromise. Each
 * changes what is on the network exactly as the model's adversary.ts does with terms, here with
 * bytes: decode, change, encode (the codec is canonical, so nothing else moves).
 */
import type { Action } from '../../model/index.ts';
import { fieldNames, templateOf } from '../../model/index.ts';
import { STANDARD_PROFILE } from '../../model/variants/index.ts';
import { decodeMessage, encodeMessage, type Message } from '../../impl/wire/messages.ts';
import { certificateSlots } from './certificate-fields.ts';
import type { ImplRun, ImplStep } from './impl-run.ts';
import type { ImplMessage } from './network.ts';
import { SPY } from './names.ts';
import { substituteFor } from './substitutes.ts';

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
      run.network.put(message.ref.session, message.ref.kind, { from: message.from, to, bytes: message.bytes }, action.type === 'replay' ? 'replayed' : 'duplicated');
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
      return DONE;
    }
    case 'substituteCertificate': {
      const message = pending(run, action.ref);
      if (typeof message === 'string') return skipped(message);
      const decoded = decodeMessage(message.bytes, LENIENT);
      if (!decoded.ok) return skipped('the message does not decode');
      const forms = formsOf(decoded.value);
      const order = forms.flatMap((form) => fieldNames(templateOf(action.ref.kind, form as never, STANDARD_PROFILE.shape)));
      const slots = certificateSlots(decoded.value, order);
      const slot = action.certificate === undefined ? slots[0] : slots.find((s) => s.field === action.certificate);
      if (!slot) return skipped(`no certificate field ${action.certificate ?? ''} in the clear`);
      const replacement = await substituteFor(run, slot.get(decoded.value)!, action.substitute);
      if (!replacement) return skipped(`no ${action.substitute} substitute`);
      message.bytes = encodeMessage(slot.set(decoded.value, replacement));
      return DONE;
    }
    case 'compromise':
      if (!isSetParty(run, action.party) && action.party !== 'Issuer' && action.party !== 'Acquirer') return skipped(`no party ${action.party}`);
      run.compromised.add(action.party);
      return DONE;
    case 'tamper':
      throw new NotInterpreted('tamper');
    case 'fake':
      throw new NotInterpreted('fake');
    default:
      return undefined;
  }
}

/** The model's form names a decoded message could be in (its field order, D26). */
function formsOf(message: Message): string[] {
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
