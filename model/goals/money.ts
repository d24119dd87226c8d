/**
 * `money` (SET.md 12; SET.md 7): the ledgers reconcile with the event log at every moment; no
 * capture without an approval, and its money reaches only the merchant the approval was for;
 * captured ≤ authorised ≤ the PurchAmt in the cardholder's PI; each token captured at most once;
 * each (MerchantID, XID) decided at most once; holds never exceed the limit; a decline leaves no
 * hold; fulfilment only after an approval of that merchant's own (MerchantID, XID), at most once.
 */
import { holdsOf, type IssuerState } from '../roles/index.ts';
import { ISSUER } from '../vocabulary/agents.ts';
import { ledgerBalances } from '../world/observe.ts';
import type { World } from '../world/world.ts';
import { brokenInfrastructure } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

export function checkMoney(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  const balances = ledgerBalances(world);
  // the ledgers reconcile with the log
  const folded = new Map<string, number>();
  const holds = new Map<string, number>();
  const approvals = new Map<number, { merchant: string; authAmt: number; purchAmt: number }>();
  const holdRefsApproved = new Set<number>();
  const decided = new Map<string, number>();
  const capturedTokens = new Map<number, number>();
  const paid = new Map<string, number>();
  const fulfilled = new Set<string>();
  let sum = 0;
  for (const event of world.log) {
    switch (event.type) {
      case 'transfer':
        folded.set(event.from, (folded.get(event.from) ?? 0) - event.amount);
        folded.set(event.to, (folded.get(event.to) ?? 0) + event.amount);
        break;
      case 'hold':
        // the approval is logged after its hold, in the same delivery: holds without one are checked below
        holds.set(event.card, (holds.get(event.card) ?? 0) + event.amount);
        break;
      case 'release':
        holds.set(event.card, (holds.get(event.card) ?? 0) - event.amount);
        break;
      case 'decision': {
        const pair = `${event.merchant}|${event.xid.id}`;
        const count = (decided.get(pair) ?? 0) + 1;
        decided.set(pair, count);
        if (count > 1) return violated(`(${event.merchant}, XID) was decided ${count} times`);
        if (event.decision === 'approved') {
          if (event.authAmt > event.purchAmt) return violated(`${event.gateway} authorised ${event.authAmt} for ${event.merchant}, more than the PurchAmt ${event.purchAmt} in the cardholder's PI`);
          approvals.set(event.tokenId!.id, { merchant: event.merchant, authAmt: event.authAmt, purchAmt: event.purchAmt });
          holdRefsApproved.add(event.holdRef!.id);
        }
        break;
      }
      case 'capture-item': {
        if (event.code !== 'captured') break;
        const approval = event.tokenId ? approvals.get(event.tokenId.id) : undefined;
        if (approval === undefined) return violated(`${event.gateway} captured ${event.amount} for ${event.paidTo} without an approval`);
        if (approval.merchant !== event.paidTo) return violated(`a capture of ${event.amount} approved for ${approval.merchant} was paid to ${event.paidTo}`);
        if (event.amount > approval.authAmt) return violated(`${event.paidTo} captured ${event.amount}, more than the ${approval.authAmt} authorised`);
        const times = (capturedTokens.get(event.tokenId!.id) ?? 0) + 1;
        capturedTokens.set(event.tokenId!.id, times);
        if (times > 1) return violated(`a token of ${event.paidTo} was captured ${times} times`);
        paid.set(event.paidTo, (paid.get(event.paidTo) ?? 0) + event.amount);
        break;
      }
      case 'fulfil': {
        const approvedBefore = world.log
          .slice(0, world.log.indexOf(event))
          .some((e) => e.type === 'decision' && e.decision === 'approved' && e.merchant === event.merchant && e.xid === event.xid);
        if (!approvedBefore) return violated(`${event.merchant} fulfilled ${event.purchase} without an approval of its own (MerchantID, XID)`);
        const key = `${event.merchant}|${event.purchase}`;
        if (fulfilled.has(key)) return violated(`${event.merchant} fulfilled ${event.purchase} twice`);
        fulfilled.add(key);
        break;
      }
      default:
        break;
    }
  }
  for (const event of world.log) {
    if (event.type === 'hold' && !holdRefsApproved.has(event.holdRef.id)) return violated(`a hold on card:${event.card} without an approval`);
  }
  for (const [account, balance] of Object.entries(balances)) {
    sum += balance;
    if ((folded.get(account) ?? 0) !== balance) return violated(`${account} is ${balance} in the ledger but ${folded.get(account) ?? 0} by the log's transfers`);
    if (account.startsWith('merchant:') && balance !== (paid.get(account.slice('merchant:'.length)) ?? 0)) {
      return violated(`${account} is ${balance}, but its captured items sum to ${paid.get(account.slice('merchant:'.length)) ?? 0}`);
    }
  }
  if (sum !== 0) return violated(`the balances sum to ${sum}`);
  const issuer = world.parties[ISSUER]!.snapshot.context as IssuerState;
  for (const account of Object.values(issuer.accounts)) {
    const open = holdsOf(account);
    if (open !== (holds.get(account.cardholder) ?? 0)) return violated(`card:${account.cardholder} holds ${open}, the log's holds and releases ${holds.get(account.cardholder) ?? 0}`);
    if (open > account.limit) return violated(`card:${account.cardholder} holds ${open}, over its limit ${account.limit}`);
  }
  return HOLDS;
}

export const MONEY: Goal = {
  name: 'money',
  description: 'ledgers reconcile with the log; captures only of approvals, to their merchant, within AuthAmt ≤ PurchAmt, once; one decision per (MerchantID, XID); holds within limits; fulfilment only after its own approval, once',
  check: checkMoney,
};
