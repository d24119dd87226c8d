/**
 * `integrity` (SET.md 12): a changed signed or enveloped field is rejected by the first honest
 * party able to check it (a party that cannot open it, like M with the PI, passes it on unchanged
 * and commits only on what it can check), and the rejection changes nothing.
 *
 * "Able to check" is read off the message templates (model/messages), not off the roles' code,
 * so a role that skips a check it could make shows up: a field is checkable by the receiver when
 * a signature covers it (directly or through the hashes it signs), or it lies in an envelope the
 * receiver opens, or it is a certificate the receiver validates; and it is not inside a part the
 * receiver does not open (the PI at M, a capture token at M, the tokens of a CapReq, whose
 * failures are item codes).
 */
import { templateOf, type Node } from '../messages/index.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { MessageShape } from '../variants/index.ts';
import type { Alteration, World } from '../world/world.ts';
import { brokenInfrastructure, isHonest } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

/** Parts each receiver does not open while deciding a delivery. */
const UNOPENED: Partial<Record<MessageKind, readonly string[]>> = { PReq: ['PI'], AuthRes: ['CapToken'], CapReq: ['CapToken'] };

/** The certificates each receiver validates (SET.md 4-6; D14, D31): a substitute of any other certificate goes unchecked. */
const VALIDATED: Partial<Record<MessageKind, readonly string[]>> = {
  CardCInitRes: ['CertE(CCA)', 'CertS(CCA)'],
  'Me-AqCInitRes': ['CertE(MCA)', 'CertS(MCA)'],
  CertRes: ['Cert(C)', 'CertS(M)', 'CertE(M)'],
  PInitRes: ['CertS(M)', 'CertE(P)'],
  PReq: ['CertS(C)'],
  AuthReq: ['CertS(M)', 'CertE(M)', 'CertS(C)'],
  AuthRes: ['CertS(P)'],
  PRes: ['CertS(M)'],
  InqReq: ['CertS(C)'],
  CapReq: ['CertS(M)', 'CertE(M)'],
  CapRes: ['CertS(P)'],
};

const generic = (name: string): string => name.replace(/\[\d+\]/g, '[]');

const checkable = new Map<string, ReadonlySet<string>>();

/** The fields of a kind its receiver can check (names with list indices as `[]`). */
export function checkableFields(kind: MessageKind, form: MessageForm, shape: MessageShape): ReadonlySet<string> {
  const cacheKey = `${kind}/${form}/${JSON.stringify(shape)}`;
  let fields = checkable.get(cacheKey);
  if (fields !== undefined) return fields;
  const unopened = new Set(UNOPENED[kind] ?? []);
  const covered = new Set<string>();
  const enveloped = new Set<string>();
  const qualified = (prefix: string, name: string): string => generic(prefix === '' ? name : `${prefix}.${name}`);
  const scopeOf = (prefix: string, name: string): string => (prefix.includes('[') ? `${prefix}.${name}` : name);
  // every field reachable from a node, as signed content (through hashes) or as positions
  const collect = (node: Node, prefix: string, into: Set<string>, followDerivations: boolean): void => {
    switch (node.kind) {
      case 'value':
        into.add(qualified(prefix, node.name));
        return;
      case 'hash':
      case 'hmac':
      case 'sign':
        into.add(qualified(prefix, node.name));
        if (followDerivations) collect(node.of, prefix, into, true);
        if (followDerivations && node.kind === 'hmac') collect(node.key, prefix, into, true);
        return;
      case 'tuple':
        for (const item of node.items) collect(item, prefix, into, followDerivations);
        return;
      case 'list':
        collect(node.item, `${node.name}[]`, into, followDerivations);
        return;
      case 'scope':
        collect(node.body, scopeOf(prefix, node.name), into, followDerivations);
        return;
      case 'asym':
      case 'sym':
        collect(node.body, prefix, into, followDerivations);
        return;
    }
  };
  // The values a signature signs directly (not through a hash): the receiver needs them to verify it.
  const signedValues = (node: Node, prefix: string, into: Set<string>): void => {
    switch (node.kind) {
      case 'value':
        into.add(qualified(prefix, node.name));
        return;
      case 'tuple':
        for (const item of node.items) signedValues(item, prefix, into);
        return;
      case 'list':
        signedValues(node.item, `${node.name}[]`, into);
        return;
      case 'scope':
        signedValues(node.body, scopeOf(prefix, node.name), into);
        return;
      default:
        return;
    }
  };
  // Inside a part the receiver does not open, what stands in an envelope is hidden from it; what stands in
  // clear there it still reads, and a signature there it checks when it can read what the signature signs
  // (the dual signature beside the PI signs two hashes M has; no-dual-signature's PISignature signs the
  // PIData sealed for the gateway, which M cannot check).
  const hidden = new Set<string>();
  const signaturesInUnopened: { readonly name: string; readonly signs: ReadonlySet<string> }[] = [];
  const walk = (node: Node, prefix: string, inEnvelope: boolean, inUnopened: boolean): void => {
    const hiddenHere = inUnopened && inEnvelope;
    switch (node.kind) {
      case 'value':
      case 'hash':
      case 'hmac':
        if (hiddenHere) hidden.add(qualified(prefix, node.name));
        else if (inEnvelope) enveloped.add(qualified(prefix, node.name));
        return;
      case 'sign':
        if (hiddenHere) {
          hidden.add(qualified(prefix, node.name));
          return;
        }
        collect(node.of, prefix, covered, true);
        covered.add(qualified(prefix, node.name));
        if (inUnopened) {
          const signs = new Set<string>();
          signedValues(node.of, prefix, signs);
          signaturesInUnopened.push({ name: qualified(prefix, node.name), signs });
        }
        return;
      case 'tuple':
        for (const item of node.items) walk(item, prefix, inEnvelope, inUnopened);
        return;
      case 'list':
        walk(node.item, `${node.name}[]`, inEnvelope, inUnopened);
        return;
      case 'scope':
        walk(node.body, scopeOf(prefix, node.name), inEnvelope, inUnopened || unopened.has(node.name));
        return;
      case 'asym':
      case 'sym':
        walk(node.body, prefix, true, inUnopened);
        return;
    }
  };
  walk(templateOf(kind, form, shape), '', false, false);
  for (const { name, signs } of signaturesInUnopened) if ([...signs].some((f) => hidden.has(f))) hidden.add(name);
  fields = new Set([...covered, ...enveloped, ...(VALIDATED[kind] ?? [])].filter((f) => !hidden.has(f)));
  checkable.set(cacheKey, fields);
  return fields;
}

function changesCheckable(alteration: Alteration, fields: ReadonlySet<string>): boolean {
  switch (alteration.by) {
    case 'tamper':
    case 'substituteCertificate':
      return fields.has(generic(alteration.field));
    case 'swapOrderData':
      return [...fields].some((f) => f.startsWith('OIData.') || f.startsWith('OI.'));
  }
}

export function checkIntegrity(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  const shape = world.env.profile.shape;
  for (const event of world.log) {
    if (event.type !== 'delivery') continue;
    if (event.outcome !== 'accepted' && event.changed) return violated(`a rejected ${event.kind} (${event.outcome}) changed ${event.receiver}'s state`);
    if (event.outcome !== 'accepted' || event.alterations.length === 0 || !isHonest(world, event.receiver)) continue;
    if (broken !== undefined) return notClaimed(`${broken} is compromised`);
    const message = world.network.find((m) => m.ref.session === event.ref.session && m.ref.kind === event.ref.kind && m.ref.occurrence === event.ref.occurrence);
    if (message === undefined) continue;
    const fields = checkableFields(message.kind, message.form, shape);
    const changed = event.alterations.find((a) => changesCheckable(a, fields));
    if (changed !== undefined) {
      const what = changed.by === 'swapOrderData' ? `its OI (from ${changed.from})` : `${changed.field} (${changed.by})`;
      return violated(`${event.receiver} accepted a ${event.kind} whose ${what} was changed, though it can check it`);
    }
  }
  return HOLDS;
}

export const INTEGRITY: Goal = {
  name: 'integrity',
  description: 'a changed signed or enveloped field is rejected by the first honest party able to check it, and the rejection changes nothing',
  check: checkIntegrity,
};
