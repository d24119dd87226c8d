/**
 * The secrecy goals of SET.md 12. `pan-secrecy`: PAN, CardSecret and PANSecret are never held by
 * the attacker (SET.md 8: derivable from its knowledge) while the cardholder, its CCA, the
 * issuer, every gateway and every CA are honest; merchants may be dishonest. `order-privacy`: no
 * message an honest party sends to the gateway contains OD or ODSalt, and an honest gateway
 * cannot derive OD from what honest parties send it.
 */
import { pan, privateKey, type Term } from '../terms/index.ts';
import { Knowledge } from '../knowledge/index.ts';
import type { CardholderState } from '../roles/index.ts';
import { extendsLog } from '../world/draft.ts';
import type { World } from '../world/world.ts';
import { brokenInfrastructure, isHonest } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

/** The PANSecrets the CCA issued, by cardholder (SET.md 8's `panSecret:C`), extended step by step along the log. */
function panSecretsIssued(log: World['log']): ReadonlyMap<string, readonly Term[]> {
  let issued = issuedByLog.get(log);
  if (issued !== undefined) return issued;
  const base = extendsLog.get(log);
  const from = base === undefined ? 0 : base.length;
  const map = new Map(base === undefined ? [] : panSecretsIssued(base));
  for (let i = from; i < log.length; i++) {
    const event = log[i]!;
    if (event.type === 'certificate-issued' && event.panSecret !== undefined) map.set(event.owner, [...(map.get(event.owner) ?? []), event.panSecret]);
  }
  issued = map;
  issuedByLog.set(log, issued);
  return issued;
}

const issuedByLog = new WeakMap<World['log'], ReadonlyMap<string, readonly Term[]>>();

/** The secrets of SET.md 8's list this goal protects, for one cardholder (the same terms `attackerSecrets` lists). */
function cardholderSecrets(world: World, cardholder: string): [string, readonly Term[]][] {
  const state = world.parties[cardholder]!.snapshot.context as CardholderState;
  return [
    [`pan:${cardholder}`, [pan(cardholder)]],
    [`cardSecret:${cardholder}`, Object.values(state.registrations).flatMap((r) => (r.request ? [r.request.cardSecret] : []))],
    [`panSecret:${cardholder}`, panSecretsIssued(world.log).get(cardholder) ?? []],
  ];
}

export function checkPanSecrecy(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  for (const cardholder of world.config.cardholders) {
    if (!isHonest(world, cardholder)) continue;
    for (const [name, terms] of cardholderSecrets(world, cardholder)) {
      if (terms.some((t) => world.knowledge.canDerive(t))) return violated(`the attacker holds ${name}`);
    }
  }
  return HOLDS;
}

/** What a gateway can derive from its own keys and the messages it received (memoised: few distinct sets occur). */
function gatewayView(gateway: string, received: readonly Term[]): Knowledge {
  const key = `${gateway}|${received.map((t) => t.id).join(',')}`;
  let view = gatewayViews.get(key);
  if (view === undefined) {
    if (gatewayViews.size >= 10_000) gatewayViews.clear();
    view = Knowledge.of([privateKey(gateway, 'signature'), privateKey(gateway, 'keyExchange'), ...received]);
    gatewayViews.set(key, view);
  }
  return view;
}

const gatewayViews = new Map<string, Knowledge>();

export function checkOrderPrivacy(world: World): GoalVerdict {
  for (const gateway of world.config.gateways) {
    if (!isHonest(world, gateway)) continue;
    const received = world.network.filter((m) => m.to === gateway && m.origin === 'sent' && isHonest(world, m.from)).map((m) => m.term);
    if (received.length === 0) continue;
    const view = gatewayView(gateway, received);
    for (const purchase of Object.values(world.purchases)) {
      if (!isHonest(world, purchase.cardholder) || !isHonest(world, purchase.merchant)) continue;
      if (view.canDerive(purchase.od)) return violated(`${gateway} can derive the OD of ${purchase.id} from what honest parties sent it`);
      const salt = world.log.find((e) => e.type === 'payment-instruction' && e.purchase === purchase.id);
      if (salt?.type === 'payment-instruction' && view.canDerive(salt.odSalt)) return violated(`${gateway} received the ODSalt of ${purchase.id}`);
    }
  }
  return HOLDS;
}

export const PAN_SECRECY: Goal = {
  name: 'pan-secrecy',
  description: 'PAN, CardSecret and PANSecret are never held by the attacker while the cardholder, its CCA, the issuer, every gateway and every CA are honest',
  check: checkPanSecrecy,
};

export const ORDER_PRIVACY: Goal = {
  name: 'order-privacy',
  description: 'no message an honest party sends to the gateway contains OD or ODSalt, and an honest gateway cannot derive OD from them',
  check: checkOrderPrivacy,
};
