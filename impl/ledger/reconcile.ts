/**
 * Reconciliation of the books with the event log (SET.md 7 and the `money` goal of 12): not
 * only a zero sum, but every balance explained by the events that moved it. Returns the
 * discrepancies found, each a sentence; an empty list means the books reconcile.
 */
import type { ProtocolEvent } from '../protocol/events.ts';
import type { LedgerView } from './payment-network.ts';

type Decision = Extract<ProtocolEvent, { kind: 'decision' }>;
type Capture = Extract<ProtocolEvent, { kind: 'capture' }>;

export function reconcile(events: readonly ProtocolEvent[], ledgers: LedgerView): string[] {
  const problems: string[] = [];
  const { balances, cards } = ledgers;
  const total = Object.values(balances).reduce((a, b) => a + b, 0);
  if (total !== 0) problems.push(`the balances sum to ${total}, not 0`);

  const decisions = events.filter((e): e is Decision => e.kind === 'decision');
  const captures = events.filter((e): e is Capture => e.kind === 'capture');
  const approvals = new Map(decisions.filter((d) => d.approved && d.holdRef).map((d) => [d.holdRef!, d]));

  // Each merchant's balance is the sum of its captured items; each card's is minus what was captured on it.
  const expected = new Map<string, number>();
  const add = (account: string, amount: number) => expected.set(account, (expected.get(account) ?? 0) + amount);
  for (const capture of captures) {
    const approval = approvals.get(capture.holdRef);
    if (!approval) {
      problems.push(`capture of ${capture.amount} for ${capture.merchantId} (${capture.transId}) has no approval`);
      continue;
    }
    add(`merchant:${capture.merchantId}`, capture.amount);
    add(approval.card!, -capture.amount);
  }
  for (const [account, balance] of Object.entries(balances)) {
    if (account.startsWith('merchant:') || account.startsWith('card:')) {
      const want = expected.get(account) ?? 0;
      if (balance !== want) problems.push(`${account} holds ${balance}, the captures in the log explain ${want}`);
    } else if (balance !== 0) problems.push(`${account} holds ${balance}: money stuck on its way through clearing`);
  }

  // Holds are approvals not yet captured (a capture releases the whole hold, SET.md 6.3).
  const captured = new Set(captures.map((c) => c.holdRef));
  const openHolds = new Map<string, number>();
  for (const approval of approvals.values()) if (!captured.has(approval.holdRef!)) openHolds.set(approval.card!, (openHolds.get(approval.card!) ?? 0) + approval.authAmt);
  for (const [account, card] of Object.entries(cards)) {
    const want = openHolds.get(account) ?? 0;
    if (card.holds !== want) problems.push(`${account} has holds of ${card.holds}, the open approvals in the log are ${want}`);
    if (card.holds > card.limit) problems.push(`${account} has holds of ${card.holds} over its limit ${card.limit}`);
  }
  return problems;
}
