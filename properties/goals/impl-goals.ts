/**
 * The goals of SET.md 12 checked on the implementation's own records: the parties' event log
 * (running/commit, decisions, captures, fulfilments, certificates relied on), the ledgers, the
 * network the harness kept (alterations, deliveries), and the attacker's bytes. Never on the
 * model's state. Honesty conditions as SET.md 12 and the model state them: a goal that assumes a
 * party honest is not claimed once that party is compromised.
 */
import { GOAL_NAMES, type GoalName, type GoalVerdict } from '../../model/index.ts';
import { checkableFields } from '../../model/goals/index.ts';
import type { ProtocolEvent } from '../../impl/protocol/events.ts';
import { decodeMessage } from '../../impl/wire/messages.ts';
import { ByteKnowledge } from '../attacker/byte-knowledge.ts';
import { formsIn } from '../harness/adversary.ts';
import { keyNames, odBytes } from '../harness/compromise.ts';
import { orderDescription } from '../harness/honest.ts';
import type { ImplRun } from '../harness/impl-run.ts';

const HOLDS: GoalVerdict = { holds: true };
const notClaimed = (why: string): GoalVerdict => ({ holds: true, notClaimed: why });
const violated = (explanation: string): GoalVerdict => ({ holds: false, explanation });

type Event<K extends ProtocolEvent['kind']> = Extract<ProtocolEvent, { kind: K }>;

const INFRASTRUCTURE = ['Issuer', 'Acquirer', 'RCA', 'BCA', 'CCA', 'MCA', 'PCA'];

function brokenInfrastructure(run: ImplRun): string | undefined {
  return [...run.config.gateways, ...INFRASTRUCTURE].find((p) => run.compromised.has(p));
}

const honest = (run: ImplRun, party: string): boolean => !run.compromised.has(party);
const canonical = (values: Readonly<Record<string, string>>): string => JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));

/** Whose agreement each goal is: the committing party's peer is named in these values. */
const PEER: Record<string, string> = {
  'merchant-agrees-with-cardholder': 'C',
  'gateway-agrees-with-cardholder': 'C',
  'gateway-agrees-with-merchant': 'M',
  'merchant-agrees-with-gateway': 'P',
  'cardholder-agrees-with-merchant': 'M',
};

function agreement(run: ImplRun, goal: string): GoalVerdict {
  const broken = brokenInfrastructure(run);
  if (broken) return notClaimed(`${broken} is compromised`);
  const events = run.d.log.events;
  const runs = new Map<string, number>();
  for (const e of events) if (e.kind === 'running' && e.goal === goal) runs.set(`${e.by}|${canonical(e.values)}`, (runs.get(`${e.by}|${canonical(e.values)}`) ?? 0) + 1);
  const used = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'commit' || e.goal !== goal) continue;
    // Goals naming the cardholder are claimed for the signed form only (SET.md 12).
    if (e.form === 'unsigned' && PEER[goal] === 'C') continue;
    if (e.form === 'unsigned' && goal === 'cardholder-agrees-with-merchant') continue;
    const peer = e.values[PEER[goal]!]!;
    if (!honest(run, e.by) || !honest(run, peer)) continue;
    const key = `${peer}|${canonical(e.values)}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    const ran = runs.get(key) ?? 0;
    if (count > ran) return violated(`${e.by} committed (${count === 1 ? 'once' : `${count} times`}) to ${canonical(e.values)} but ${peer} ran the protocol with these values ${ran === 0 ? 'never' : `only ${ran} time${ran === 1 ? '' : 's'}`}`);
  }
  return HOLDS;
}

function noRedirection(run: ImplRun): GoalVerdict {
  const broken = brokenInfrastructure(run);
  if (broken) return notClaimed(`${broken} is compromised`);
  const events = run.d.log.events;
  for (const e of events) {
    if (e.kind !== 'decision' || !e.approved || !e.card) continue;
    const cardholder = e.card.slice('card:'.length);
    if (!honest(run, cardholder)) continue;
    const sent = events.some((r) => r.kind === 'running' && r.by === cardholder && r.goal === 'merchant-agrees-with-cardholder' && r.values['H(PIData)'] === e.piHash && r.values.M === e.merchantId);
    if (!sent) return violated(`${e.by} approved a payment to ${e.merchantId} from a PI of ${cardholder}, who made no purchase with ${e.merchantId} with that PI`);
  }
  return HOLDS;
}

function panSecrecy(run: ImplRun, attacker: Readonly<Record<string, boolean>>): GoalVerdict {
  const broken = brokenInfrastructure(run);
  if (broken) return notClaimed(`${broken} is compromised`);
  for (const c of run.config.cardholders) {
    if (!honest(run, c)) continue;
    for (const secret of [`pan:${c}`, `cardSecret:${c}`, `panSecret:${c}`]) if (attacker[secret]) return violated(`the attacker holds ${secret}`);
  }
  return HOLDS;
}

async function orderPrivacy(run: ImplRun): Promise<GoalVerdict> {
  for (const gateway of run.config.gateways) {
    if (!honest(run, gateway)) continue;
    const received = run.network.messages.filter((m) => m.to === gateway && m.origin === 'sent' && honest(run, m.from));
    if (received.length === 0) continue;
    const view = new ByteKnowledge(run.d.env.ctx);
    view.learnPrivateKey((await run.d.pool.keyPair(keyNames(gateway, 'keyExchange', 1)[0]!, 'keyExchange')).privateKey);
    for (const m of received) view.learn(m.bytes);
    await view.close();
    for (const p of run.purchases.values()) {
      if (!honest(run, p.cardholder) || !honest(run, p.merchant)) continue;
      if (view.holds(odBytes(orderDescription(p.order)))) return violated(`${gateway} can read the OD of ${p.id} in what honest parties sent it`);
      const salt = run.d.cardholders.get(p.cardholder)?.records.purchases.get(p.id)?.odSalt;
      if (salt && view.holds(salt)) return violated(`${gateway} received the ODSalt of ${p.id}`);
    }
  }
  return HOLDS;
}

function integrity(run: ImplRun): GoalVerdict {
  const broken = brokenInfrastructure(run);
  const generic = (f: string) => f.replace(/\[\d+\]/g, '[]');
  for (const d of run.deliveries) {
    if (d.outcome !== 'accepted' && d.changed) return violated(`a rejected ${d.message.ref.kind} (${d.outcome}) changed ${d.message.to}'s state`);
    if (d.outcome !== 'accepted' || d.alterations.length === 0 || !honest(run, d.message.to)) continue;
    if (broken) return notClaimed(`${broken} is compromised`);
    const decoded = decodeMessage(d.message.bytes, { name: 'lenient', rules: {} });
    if (!decoded.ok) continue;
    const fields = new Set(formsIn(decoded.value).flatMap((form) => [...checkableFields(d.message.ref.kind, form as never, run.shape)]));
    const changed = d.alterations.find((a) => (a.by === 'swapOrderData' ? [...fields].some((f) => f.startsWith('OIData.') || f.startsWith('OI.')) : fields.has(generic(a.field))));
    if (changed) {
      const what = changed.by === 'swapOrderData' ? `its OI (from ${changed.from})` : `${changed.field} (${changed.by})`;
      return violated(`${d.message.to} accepted a ${d.message.ref.kind} whose ${what} was changed, though it can check it`);
    }
  }
  return HOLDS;
}

function certificateBinding(run: ImplRun): GoalVerdict {
  const broken = brokenInfrastructure(run);
  if (broken) return notClaimed(`${broken} is compromised`);
  const events = run.d.log.events;
  for (const e of events) if (e.kind === 'certificate' && e.type === 'cardholder' && e.confirmed === false) return violated(`${e.by} issued a cardholder certificate to ${e.subject} for an account the issuer did not confirm`);
  const genuine = new Set<string>(run.genuineCertificates());
  const revoked = new Set<string>();
  for (const e of events) {
    if (e.kind === 'certificate') genuine.add(e.thumbprint);
    if (e.kind === 'revoked') for (const t of e.thumbprints) revoked.add(t);
    if (e.kind !== 'relied-on' || !honest(run, e.by)) continue;
    if (!genuine.has(e.thumbprint)) return violated(`${e.by} relied on a certificate no CA issued (${e.label})`);
    if (revoked.has(e.thumbprint)) return violated(`${e.by} relied on day ${e.day} on a revoked certificate (${e.label})`);
  }
  return HOLDS;
}

function money(run: ImplRun): GoalVerdict {
  const broken = brokenInfrastructure(run);
  if (broken) return notClaimed(`${broken} is compromised`);
  const events = run.d.log.events;
  const { balances, cards } = run.d.network.view();
  const folded = new Map<string, number>();
  const approvals = new Map<string, Event<'decision'>>();
  const decided = new Map<string, number>();
  const captured = new Set<string>();
  const paid = new Map<string, number>();
  const fulfilled = new Set<string>();
  const xidOf = (transId: string) => transId.split('|')[2];
  for (const [i, e] of events.entries()) {
    switch (e.kind) {
      case 'transfer':
        folded.set(e.from, (folded.get(e.from) ?? 0) - e.amount);
        folded.set(e.to, (folded.get(e.to) ?? 0) + e.amount);
        break;
      case 'decision': {
        const pair = `${e.merchantId}|${xidOf(e.transId)}`;
        const count = (decided.get(pair) ?? 0) + 1;
        decided.set(pair, count);
        if (count > 1) return violated(`(${e.merchantId}, XID) was decided ${count} times`);
        if (e.approved) {
          if (e.authAmt > e.purchAmt) return violated(`${e.by} authorised ${e.authAmt} for ${e.merchantId}, more than the PurchAmt ${e.purchAmt} in the cardholder's PI`);
          approvals.set(e.holdRef!, e);
        }
        break;
      }
      case 'capture': {
        const approval = approvals.get(e.holdRef);
        if (!approval) return violated(`${e.by} captured ${e.amount} for ${e.merchantId} without an approval`);
        if (approval.merchantId !== e.merchantId) return violated(`a capture of ${e.amount} approved for ${approval.merchantId} was paid to ${e.merchantId}`);
        if (e.amount > approval.authAmt) return violated(`${e.merchantId} captured ${e.amount}, more than the ${approval.authAmt} authorised`);
        if (captured.has(e.tokenId)) return violated(`a token of ${e.merchantId} was captured twice`);
        captured.add(e.tokenId);
        paid.set(e.merchantId, (paid.get(e.merchantId) ?? 0) + e.amount);
        break;
      }
      case 'fulfil': {
        const approvedBefore = events.slice(0, i).some((d) => d.kind === 'decision' && d.approved && d.merchantId === e.by && xidOf(d.transId) === xidOf(e.transId));
        if (!approvedBefore) return violated(`${e.by} fulfilled ${e.purchase} without an approval of its own (MerchantID, XID)`);
        if (fulfilled.has(`${e.by}|${e.purchase}`)) return violated(`${e.by} fulfilled ${e.purchase} twice`);
        fulfilled.add(`${e.by}|${e.purchase}`);
        break;
      }
      default:
        break;
    }
  }
  let sum = 0;
  for (const [account, balance] of Object.entries(balances)) {
    sum += balance;
    if ((folded.get(account) ?? 0) !== balance) return violated(`${account} is ${balance} in the ledger but ${folded.get(account) ?? 0} by the log's transfers`);
    if (account.startsWith('merchant:') && balance !== (paid.get(account.slice('merchant:'.length)) ?? 0)) return violated(`${account} is ${balance}, but its captured items sum to ${paid.get(account.slice('merchant:'.length)) ?? 0}`);
  }
  if (sum !== 0) return violated(`the balances sum to ${sum}`);
  const openHolds = new Map<string, number>();
  for (const [holdRef, a] of approvals) if (![...events].some((e) => e.kind === 'capture' && e.holdRef === holdRef) && a.card) openHolds.set(a.card, (openHolds.get(a.card) ?? 0) + a.authAmt);
  for (const [account, card] of Object.entries(cards)) {
    if (card.holds !== (openHolds.get(account) ?? 0)) return violated(`${account} holds ${card.holds}, the log's open approvals ${openHolds.get(account) ?? 0}`);
    if (card.holds > card.limit) return violated(`${account} holds ${card.holds}, over its limit ${card.limit}`);
  }
  return HOLDS;
}

/** Every goal of SET.md 12 on the implementation, in the model's order. */
export async function checkImplGoals(run: ImplRun, attacker: Readonly<Record<string, boolean>>): Promise<{ goal: GoalName; verdict: GoalVerdict }[]> {
  const out: { goal: GoalName; verdict: GoalVerdict }[] = [];
  for (const goal of GOAL_NAMES) {
    let verdict: GoalVerdict;
    if (goal in PEER) verdict = agreement(run, goal);
    else if (goal === 'no-redirection') verdict = noRedirection(run);
    else if (goal === 'pan-secrecy') verdict = panSecrecy(run, attacker);
    else if (goal === 'order-privacy') verdict = await orderPrivacy(run);
    else if (goal === 'integrity') verdict = integrity(run);
    else if (goal === 'certificate-binding') verdict = certificateBinding(run);
    else verdict = money(run);
    out.push({ goal, verdict });
  }
  return out;
}
