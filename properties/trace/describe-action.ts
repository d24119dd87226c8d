/**
 * A scenario action as one short protocol step a person reads ("attacker replays PReq of p1 to
 * M2"), for counterexamples (shared/ARCHITECTURE.md; the brief: "the shrunk trace as a short
 * list of protocol steps").
 */
import { formatRef, type Action } from '../../model/index.ts';

const ref = (r: { session: string; kind: string; occurrence: number }): string => `${r.kind}${r.occurrence > 1 ? ` #${r.occurrence}` : ''} of ${r.session}`;

export function describeAction(action: Action): string {
  switch (action.type) {
    case 'openAccount':
      return `issuer opens ${action.card}'s card account (limit ${action.limit}, expiry ${action.expiry})`;
    case 'openMerchantAccount':
      return `acquirer opens ${action.merchant}'s account`;
    case 'register':
      return `${action.party} starts registration${action.registration ? ` ${action.registration}` : ''}`;
    case 'startPurchase':
      return `${action.cardholder} starts ${action.form} purchase ${action.purchase} at ${action.merchant} (${action.order.items.map((i) => `${i.quantity} x ${i.description} @ ${i.unitPrice}`).join(', ')})`;
    case 'deliver':
      return `deliver ${ref(action.ref)}`;
    case 'fulfil':
      return `merchant fulfils ${action.purchase}`;
    case 'capture':
      return `${action.merchant} captures ${action.items.map((i) => `${i.purchase} for ${i.amount}`).join(', ')}`;
    case 'inquire':
      return `cardholder inquires about ${action.purchase}`;
    case 'advanceClock':
      return `the clock advances ${action.days} day${action.days === 1 ? '' : 's'}`;
    case 'revoke':
      return `${action.party}'s certificates are revoked`;
    case 'block':
      return `issuer blocks ${action.card}'s card`;
    case 'drop':
      return `attacker drops ${ref(action.ref)}`;
    case 'duplicate':
      return `attacker duplicates ${ref(action.ref)}`;
    case 'replay':
      return `attacker replays ${ref(action.ref)}${action.to ? ` to ${action.to}` : ''}`;
    case 'swapOrderData':
      return `attacker puts the OI of ${action.from}'s PReq into ${action.purchase}'s PReq`;
    case 'tamper':
      return `attacker tampers with ${action.field} of ${ref(action.ref)}`;
    case 'redirect':
      return `attacker redirects ${ref(action.ref)} to ${action.to}`;
    case 'substituteCertificate':
      return `attacker puts a ${action.substitute} certificate${action.certificate ? ` as ${action.certificate}` : ''} into ${ref(action.ref)}`;
    case 'fake':
      return `attacker fakes a ${action.kind} to ${action.to}${action.as ? ` as ${action.as}` : ''}${action.template ? ` from ${formatRef(action.template)}` : ''}`;
    case 'compromise':
      return `attacker compromises ${action.party}`;
  }
}

/** Numbered steps, from `first` (1-based numbering of the whole scenario). */
export function describeSteps(actions: readonly Action[], first = 1, results: readonly (string | undefined)[] = []): string[] {
  return actions.map((a, i) => `${first + i}. ${describeAction(a)}${results[i] ? ` -> ${results[i]}` : ''}`);
}
