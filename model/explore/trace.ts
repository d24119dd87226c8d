/**
 * Traces as numbered protocol steps a person can read (issue 5 item 7; issue 6 item 6), e.g.
 *
 *   3. attacker replays PReq of p1 to merchant M2
 *   4. deliver AuthReq of p1 to gateway P1 -> mismatch:merchant
 *
 * A trace is replayed from its start world, so each step can say what the action did: the
 * outcome of a delivery (SET.md 8), the messages honest parties sent in reaction, a refusal or a
 * skip (D24). The action list itself stays the machine-readable form (for replay on both sides).
 * Shared by the explorer, the property suites and the reports.
 */
import type { Action, FakeValue, MessageRef } from '../scenario/actions.ts';
import { roleOfName } from '../vocabulary/agents.ts';
import { step, type World } from '../world/index.ts';

export interface Trace {
  /** The numbered steps, one per action. */
  readonly steps: readonly string[];
  /** The actions (after the start world's set-up), for replay. */
  readonly actions: readonly Action[];
}

const ROLE_WORDS: Readonly<Record<string, string>> = { cardholder: 'cardholder', merchant: 'merchant', gateway: 'gateway', ca: 'CA' };

/** `merchant M2`, `gateway P1`, `CA CCA`; the attacker and its own names as they are. */
export function partyName(name: string): string {
  const role = roleOfName(name);
  const word = role === undefined ? undefined : ROLE_WORDS[role];
  return word === undefined ? name : `${word} ${name}`;
}

/** `PReq of purchase p1`, `PReq #2 of purchase p1`, `CapReq of M1's capture 1`, `CertReq of registration reg-C1-2`. */
export function messageName(ref: MessageRef): string {
  const capture = /^capture:([^:]+):(\d+)$/.exec(ref.session);
  const session = capture ? `${capture[1]}'s capture ${capture[2]}`
    : ref.session.startsWith('reg-') ? `registration ${ref.session}`
    : ref.session.startsWith('att-') ? `the attacker's session ${ref.session}`
    : `purchase ${ref.session}`;
  return `${ref.kind}${ref.occurrence > 1 ? ` #${ref.occurrence}` : ''} of ${session}`;
}

function money(minorUnits: number): string {
  return `${Math.floor(minorUnits / 100)}.${String(minorUnits % 100).padStart(2, '0')}`;
}

const SUBSTITUTES: Readonly<Record<string, string>> = {
  forged: 'a forged copy certifying the attacker\'s own key',
  expired: 'an expired copy',
  revoked: 'a revoked copy',
  wrongUsage: 'a copy for the other key usage',
  wrongType: 'a copy of another certificate type',
  otherParty: 'another party\'s certificate',
};

function describeValue(value: FakeValue): string {
  if ('fresh' in value) return 'a fresh value';
  if ('copy' in value) return `${value.field ?? 'the same field'} of ${messageName(value.copy)}`;
  if ('agent' in value) return value.agent;
  if ('text' in value) return JSON.stringify(value.text);
  if ('amount' in value) return money(value.amount);
  if ('int' in value) return String(value.int);
  if ('certificate' in value) return `${value.certificate}'s ${value.usage === 'signature' ? 'signature' : 'key-exchange'} certificate`;
  if ('publicKey' in value) return `${value.publicKey}'s ${value.usage} key`;
  if ('hashOf' in value) return `H(${describeValue(value.hashOf)})`;
  return value.secret;
}

/** The sender's own certificate fields: a fake that puts the party it claims to be there says nothing new. */
const OWN_CERTIFICATES = new Set(['CertS(M)', 'CertE(M)', 'CertS(C)', 'CertS(P)']);

/** The fields of a fake worth reading: what it does not copy from the message it is made from. */
function fakeDetails(action: Action & { type: 'fake' }): string {
  const sources = new Set<string>();
  if (action.template) sources.add(messageName(action.template));
  const set: string[] = [];
  for (const [field, value] of Object.entries(action.fields ?? {})) {
    if ('copy' in value) sources.add(messageName(value.copy));
    else if ('fresh' in value && /^Cert/.test(field)) set.push(`${field} = a forged copy certifying the attacker's own key`);
    else if (!(OWN_CERTIFICATES.has(field) && 'certificate' in value && value.certificate === action.as)) set.push(`${field} = ${describeValue(value)}`);
  }
  const keys = Object.entries(action.keys ?? {}).map(([slot, party]) => `${slot} key of ${party}`);
  const parts = [...(sources.size > 0 ? [`from ${[...sources].join(' and ')}`] : []), ...set, ...keys];
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** What the action is, before it runs. */
export function describeAction(action: Action, before: World): string {
  const receiverOf = (ref: MessageRef): string | undefined => before.network.find((m) => m.ref.session === ref.session && m.ref.kind === ref.kind && m.ref.occurrence === ref.occurrence)?.to;
  switch (action.type) {
    case 'openAccount':
      return `the issuer opens ${action.card}'s card account (limit ${money(action.limit)}, expiry ${action.expiry})`;
    case 'openMerchantAccount':
      return `the acquirer opens ${action.merchant}'s account`;
    case 'register':
      return `${action.party} registers${action.registration ? ` (${action.registration})` : ''}`;
    case 'startPurchase':
      return `${action.cardholder} starts purchase ${action.purchase} (${action.form}) at ${action.merchant}${action.lidM ? `, which names the order ${action.lidM}` : ''}`;
    case 'deliver': {
      const to = receiverOf(action.ref);
      return `deliver ${messageName(action.ref)}${to ? ` to ${partyName(to)}` : ''}`;
    }
    case 'fulfil':
      return `${before.purchases[action.purchase]?.merchant ?? 'the merchant'} fulfils ${action.purchase}`;
    case 'capture':
      return `${action.merchant} captures ${action.items.map((i) => `${i.purchase} (${money(i.amount)})`).join(' and ')}`;
    case 'inquire':
      return `${before.purchases[action.purchase]?.cardholder ?? 'the cardholder'} inquires about ${action.purchase}`;
    case 'advanceClock':
      return `the clock moves on ${action.days} day${action.days === 1 ? '' : 's'}`;
    case 'revoke':
      return `${action.party}'s certificates are revoked`;
    case 'block':
      return `the issuer blocks ${action.card}'s card`;
    case 'drop':
      return `attacker drops ${messageName(action.ref)}`;
    case 'duplicate':
      return `attacker duplicates ${messageName(action.ref)}`;
    case 'replay':
      return `attacker replays ${messageName(action.ref)}${action.to ? ` to ${partyName(action.to)}` : ''}`;
    case 'redirect':
      return `attacker redirects ${messageName(action.ref)} to ${partyName(action.to)}`;
    case 'swapOrderData':
      return `attacker swaps the order data of ${action.purchase}'s PReq for ${action.from}'s`;
    case 'tamper':
      return `attacker tampers with ${action.field} in ${messageName(action.ref)}`;
    case 'substituteCertificate':
      return `attacker replaces ${action.certificate ?? 'the certificate'} in ${messageName(action.ref)} by ${SUBSTITUTES[action.substitute]}`;
    case 'fake':
      return `attacker${action.as ? `, as ${action.as},` : ''} sends a fake ${action.kind}${action.form ? ` (${action.form})` : ''} to ${partyName(action.to)}${fakeDetails(action)}`;
    case 'compromise':
      return `attacker compromises ${action.party} (gets every key and secret it holds)`;
  }
}

/** What the action did: a delivery's outcome, the messages honest parties sent, a refusal or a skip. */
export function describeResult(before: World, after: World): string {
  const last = after.last;
  if (last.kind === 'skipped') return ` (skipped: ${last.reason})`;
  if (last.kind === 'refused') return ` (refused: ${last.reason})`;
  const sent = after.network.filter((m) => m.seq > (before.network.at(-1)?.seq ?? 0) && m.origin === 'sent').map((m) => `${m.from} sends ${m.kind} to ${m.to}`);
  const outcome = last.kind === 'delivered' ? ` -> ${last.outcome}${last.items ? ` [${last.items.join(', ')}]` : ''}` : '';
  return `${outcome}${sent.length > 0 ? `; ${sent.join('; ')}` : ''}`;
}

/** The trace of `actions` from `start`: each action numbered from 1, described with what it did. */
export function formatTrace(start: World, actions: readonly Action[]): Trace {
  const steps: string[] = [];
  let world = start;
  actions.forEach((action, i) => {
    const after = step(world, action);
    steps.push(`${i + 1}. ${describeAction(action, world)}${describeResult(world, after)}`);
    world = after;
  });
  return { steps, actions };
}
