/**
 * SET.md 9 `fake` (docs/decisions.md D29): the attacker builds a message of a kind from its
 * template (model/messages), with field values from the action, from a template message it can
 * read, from the template's derivations (hashes, HMACs, signatures with the key slots' keys), or
 * fresh values of its own; then it sends it only if it can derive the whole message.
 */
import {
  agent, amount, hash, integer, pan, privateKey, privateKeyOf, publicKey, text, type PrivateKey, type PublicKey, type Term,
} from '../terms/index.ts';
import { build, keySlots, MissingValue, slots, templateOf, type Fields } from '../messages/index.ts';
import type { CardholderState } from '../roles/index.ts';
import { ATTACKER, roleOfName } from '../vocabulary/agents.ts';
import { FORMS_OF_KIND } from '../vocabulary/message-kinds.ts';
import type { Fake, FakeValue } from '../scenario/actions.ts';
import { freshValue, readAsAttacker } from './attacker.ts';
import type { Draft } from './draft.ts';
import { findMessage } from './network.ts';
import type { ActionResult } from './world.ts';

const skipped = (reason: string): ActionResult => ({ kind: 'skipped', reason });

function generationOf(draft: Draft, party: string, usage: 'signature' | 'keyExchange'): number {
  return draft.env.directory[party]?.[usage]?.subjectKey.generation ?? 0;
}

class Unavailable extends Error {}

/** A FakeValue as a term (D29); throws Unavailable when it names nothing. */
function evaluate(draft: Draft, spec: FakeValue, slotName: string, type: Parameters<typeof freshValue>[1], fromTemplate: Term | undefined): Term {
  if ('fresh' in spec) return freshValue(draft, type, fromTemplate);
  if ('copy' in spec) {
    const message = findMessage(draft.messages(), spec.copy);
    if (message === undefined) throw new Unavailable('the copy reference names no message');
    const value = readAsAttacker(draft.knowledge, message, draft.env.profile.shape).find(spec.field ?? slotName);
    if (value === undefined) throw new Unavailable(`cannot read ${spec.field ?? slotName} there`);
    return value;
  }
  if ('agent' in spec) return agent(spec.agent);
  if ('text' in spec) return text(spec.text);
  if ('amount' in spec) return amount(draft.env.currency, spec.amount);
  if ('int' in spec) return integer(spec.int);
  if ('certificate' in spec) {
    const found = draft.env.directory[spec.certificate]?.[spec.usage];
    if (found === undefined) throw new Unavailable(`${spec.certificate} has no ${spec.usage} certificate`);
    return found;
  }
  if ('publicKey' in spec) return publicKey(spec.publicKey, spec.usage, generationOf(draft, spec.publicKey, spec.usage));
  if ('hashOf' in spec) return hash(evaluate(draft, spec.hashOf, slotName, 'tuple', undefined));
  return secretNamed(draft, spec.secret);
}

/** The secrets of SET.md 8's attacker list by their observation names, plus `expiry:<card>` and `odSalt:<purchase>`. */
function secretNamed(draft: Draft, name: string): Term {
  const [kind, owner = ''] = name.split(/:(.*)/s) as [string, string?];
  const cardholder = roleOfName(owner) === 'cardholder' && draft.party(owner) ? draft.stateOf<CardholderState>(owner) : undefined;
  switch (kind) {
    case 'pan':
      return pan(owner);
    case 'expiry':
      if (cardholder?.card) return cardholder.card.expiry;
      break;
    case 'cardSecret': {
      const latest = Object.values(cardholder?.registrations ?? {}).flatMap((r) => (r.request ? [r.request.cardSecret] : [])).at(-1);
      if (latest) return latest;
      break;
    }
    case 'panSecret':
      if (cardholder?.identity) return cardholder.identity.panSecret;
      break;
    case 'od': {
      const purchase = draft.purchases[owner];
      if (purchase) return purchase.od;
      break;
    }
    case 'odSalt': {
      const record = draft.purchases[owner];
      const salt = record && draft.party(record.cardholder) ? draft.stateOf<CardholderState>(record.cardholder).purchases[owner]?.sent?.odSalt : undefined;
      if (salt) return salt;
      break;
    }
    default:
      break;
  }
  throw new Unavailable(`no secret ${name}`);
}

export function fake(draft: Draft, action: Fake): ActionResult {
  const form = action.form ?? FORMS_OF_KIND[action.kind][0]!;
  if (!FORMS_OF_KIND[action.kind].includes(form)) return skipped(`${action.kind} has no form ${form}`);
  const role = roleOfName(action.to);
  if (draft.party(action.to) === undefined || role === 'issuer' || role === 'acquirer') return skipped(`${action.to} is no SET party`);
  const shape = draft.env.profile.shape;
  const template = templateOf(action.kind, form, shape);
  const sender = action.as ?? ATTACKER;
  let model: Fields | undefined;
  if (action.template !== undefined) {
    const message = findMessage(draft.messages(), action.template);
    if (message === undefined) return skipped('the template reference names no message');
    if (message.kind !== action.kind) return skipped('the template is of another kind');
    model = readAsAttacker(draft.knowledge, message, shape);
  }
  const given = Object.fromEntries(Object.entries(action.fields ?? {}).filter(([, value]) => value !== undefined)) as Record<string, FakeValue>;
  // list lengths: the template message's, or the largest index the action names
  const counts: Record<string, number> = {};
  for (const name of [...Object.keys(given), ...(model ? [...model.entries()].map(([n]) => n) : [])]) {
    const match = /^([A-Za-z]+)\[(\d+)\]/.exec(name);
    if (match) counts[match[1]!] = Math.max(counts[match[1]!] ?? 1, Number(match[2]));
  }
  const session = action.session ?? draft.attackerName();
  const values: Record<string, Term> = {};
  const fresh: Term[] = [];
  try {
    const all = slots(template, counts);
    const givenScopes = new Set(Object.keys(given).filter((name) => !all.some((s) => s.name === name)));
    for (const scopeName of givenScopes) values[scopeName] = evaluate(draft, given[scopeName]!, scopeName, 'tuple', model?.find(scopeName));
    // a part of the template message the action changes nothing in is copied whole (the PI it cannot open, say)
    const touched = new Set<string>();
    for (const slot of all) if (given[slot.name] !== undefined) for (const scope of slot.scopes) touched.add(scope);
    const whole = new Set(givenScopes);
    if (model !== undefined) {
      for (const slot of all) {
        const outer = slot.scopes.find((scope) => !touched.has(scope) && model!.has(scope));
        if (outer !== undefined && !whole.has(outer)) {
          whole.add(outer);
          values[outer] = model.get(outer);
        }
      }
    }
    for (const slot of all) {
      if (slot.scopes.some((s) => whole.has(s))) continue;
      const spec = given[slot.name];
      const known = model?.find(slot.name);
      if (spec !== undefined) {
        const value = evaluate(draft, spec, slot.name, slot.type, known);
        if ('fresh' in spec) fresh.push(value);
        values[slot.name] = value;
      } else if (slot.derived) {
        // hashes of the message are data, copied when the template has them; signatures and an operator's own
        // hashes are made anew
        if (known !== undefined && slot.type !== 'signature' && !slot.internal) values[slot.name] = known;
      } else if (known !== undefined && !slot.internal) {
        values[slot.name] = known;
      } else if (slot.type === 'nonce' || slot.type === 'text' || slot.type === 'symKey') {
        const value = freshValue(draft, slot.type, undefined);
        fresh.push(value);
        values[slot.name] = value;
      }
    }
  } catch (error) {
    if (error instanceof Unavailable) return skipped(`fake: ${error.message}`);
    throw error;
  }
  const keys: Record<string, PrivateKey | PublicKey> = {};
  const { signers, recipients } = keySlots(template);
  const gatewayOfTo = draft.env.gatewayOf[action.to] ?? draft.base.config.gateways[0]!;
  for (const slot of signers) {
    const party = action.keys?.[slot] ?? sender;
    const enclosed = slot === 'requester' ? values['PublicKeyS'] : undefined;
    keys[slot] = enclosed?.kind === 'publicKey' ? privateKeyOf(enclosed) : privateKey(party, 'signature', generationOf(draft, party, 'signature'));
  }
  for (const slot of recipients) {
    const party = action.keys?.[slot] ?? (slot === 'recipient' ? action.to : gatewayOfTo);
    keys[slot] = draft.env.directory[party]?.keyExchange?.subjectKey ?? publicKey(party, 'keyExchange');
  }
  let term: Term;
  try {
    const lists = Object.fromEntries(Object.entries(counts).map(([list, n]) => [list, Array.from({ length: n }, () => ({}))]));
    term = build(template, { values, lists, keys });
  } catch (error) {
    if (error instanceof MissingValue) return skipped(`fake: ${error.message}`);
    throw error;
  }
  if (!draft.knowledge.addAll(fresh).canDerive(term)) return skipped('fake: the attacker cannot derive this message');
  draft.learn(fresh);
  draft.put({ kind: action.kind, form, from: sender, to: action.to, term, session, origin: 'faked' });
  return { kind: 'done' };
}
