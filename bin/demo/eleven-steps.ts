/**
 * The eleven steps of the seed article, run on the reference implementation with real
 * cryptography (SET.md section 11): account, both registrations, a purchase, authorisation,
 * confirmation, fulfilment and capture with clearing. Every check listed for a message is one
 * the receiving party logged while it checked (impl/protocol/check-log.ts), not a fixed list.
 */
import type { CheckEntry } from '../../impl/protocol/check-log.ts';
import { SetDeployment, type DeliveryRecord } from '../../impl/deployment/deployment.ts';
import { createCryptoContext, type ProviderName } from '../../impl/crypto/provider.ts';

export interface DemoOptions {
  /** Minor units of the purchase (default 4200). */
  readonly amount: number;
  /** Order lines the amount is split over (default 1). */
  readonly items: number;
  readonly signed: boolean;
  /** Open the card with a limit below the amount, so the issuer declines. */
  readonly decline: boolean;
  readonly variants: readonly string[];
  readonly provider?: ProviderName;
}

export interface DemoStep {
  /** 1..11, the seed article's step. */
  readonly seedStep: number;
  readonly from: string;
  readonly to: string;
  /** The SET message, or the record a step writes when it sends none ("card account opened", "fulfilment"). */
  readonly message: string;
  /** Bytes on the wire, or of the record written (its JSON). */
  readonly bytes: number;
  readonly outcome: string;
  readonly checks: readonly CheckEntry[];
  /** A CapReq's item codes. */
  readonly items?: readonly string[];
}

export interface DemoRun {
  readonly protocol: string;
  readonly provider: string;
  readonly steps: readonly DemoStep[];
  readonly ledgers: { readonly before: Record<string, number>; readonly after: Record<string, number> };
  /** `captured`, `declined`, or where it stopped (`rejected at PReq: bad-signature`). */
  readonly outcome: string;
}

const PAN = '4000123412341234';

/** Which seed step a SET message belongs to (SET.md section 11). */
function seedStepOf(kind: string, to: string, from: string): number {
  const steps: Record<string, number> = {
    CardCInitReq: 2, CardCInitRes: 2, RegFormReq: 2, RegFormRes: 2,
    'Me-AqCInitReq': 3, 'Me-AqCInitRes': 3,
    PInitReq: 4, PInitRes: 5, PReq: 6, AuthReq: 7, AuthRes: 8, PRes: 9, InqReq: 9, CapReq: 11, CapRes: 11,
  };
  if (kind === 'CertReq' || kind === 'CertRes') return to === 'CCA' || from === 'CCA' ? 2 : 3;
  return steps[kind] ?? 11;
}

const recordBytes = (record: unknown): number => Buffer.byteLength(JSON.stringify(record));

export async function runElevenSteps(options: DemoOptions): Promise<DemoRun> {
  const ctx = createCryptoContext(options.provider ? { provider: options.provider } : {});
  const d = await SetDeployment.create({ ctx, variants: options.variants });
  const steps: DemoStep[] = [];
  const record = (seedStep: number, from: string, to: string, message: string, content: unknown) =>
    steps.push({ seedStep, from, to, message, bytes: recordBytes(content), outcome: 'recorded', checks: [] });
  /** Adds the deliveries to the transcript; returns the first rejected one, if any. */
  const deliveries = (records: readonly DeliveryRecord[]): DeliveryRecord | undefined => {
    for (const r of records) {
      const base = { seedStep: seedStepOf(r.message.kind, r.message.to, r.from), from: r.from, to: r.message.to, message: r.message.kind, bytes: r.message.bytes.length, outcome: r.result.outcome, checks: r.result.checks };
      steps.push(r.result.items ? { ...base, items: r.result.items } : base);
    }
    return records.find((r) => r.result.outcome !== 'accepted');
  };
  const stopped = (r: DeliveryRecord) => `rejected at ${r.message.kind}: ${r.result.outcome}`;

  // Step 1: the issuer opens the card account (step 3 needs the acquirer's merchant account too).
  const limit = options.decline ? options.amount - 1 : Math.max(100_000, options.amount);
  const account = { pan: PAN, cardExpiry: '202712', limit, name: 'Alice Martin', billingPostcode: '75001' };
  const c1 = await d.addCardholder('C1', account);
  record(1, 'Issuer', 'C1', 'card account opened', { holder: 'C1', ...account });
  const m1 = await d.addMerchant('M1');
  record(3, 'Acquirer', 'M1', 'merchant account opened, MerchantSecret handed over', { merchant: 'M1', bin: d.network.acquirer.bin });
  const before = d.network.view().balances;
  const finish = (outcome: string): DemoRun => ({ protocol: d.protocol.name, provider: ctx.provider, steps, ledgers: { before, after: d.network.view().balances }, outcome });

  // Steps 2 and 3: registrations.
  for (const run of [await d.runToQuiet(await c1.register('reg-C1', 'CCA'), 'C1'), await d.runToQuiet(await m1.register('reg-M1', 'MCA'), 'M1')]) {
    const failed = deliveries(run);
    if (failed) return finish(stopped(failed));
  }

  // Step 4: the order agreed in the shop; then the purchase (steps 4-9).
  const lines = Math.max(1, options.items);
  const od = Array.from({ length: lines }, (_, i) => ({ description: `item ${i + 1}`, quantity: 1, unitPrice: Math.floor(options.amount / lines) + (i < options.amount % lines ? 1 : 0) }));
  const purchAmt = { currency: 'EUR', minorUnits: options.amount };
  const lidM = await m1.agreeOrder('p1', { od, purchAmt });
  record(4, 'C1', 'M1', 'order agreed (OD and PurchAmt under LID_M)', { od, purchAmt, lidM });
  if (!d.protocol.rules.purchaseInitiation) c1.learnMerchant('M1', { merchantCertS: m1.certificates!.certS, gatewayCertE: d.gatewayCertificate('P1') });
  const purchase = await d.runToQuiet(await c1.startPurchase({ id: 'p1', merchant: 'M1', lidM, od, purchAmt, signed: options.signed }), 'C1');
  const rejected = deliveries(purchase);
  // Step 8's issuer decision is a record of the private payment network, before the AuthRes.
  const decision = d.log.events.find((e) => e.kind === 'decision');
  if (decision?.kind === 'decision') {
    const text = decision.approved ? `issuer approves: ${decision.authCode}, hold of ${decision.authAmt}` : `issuer declines: ${decision.reason}`;
    steps.splice(steps.findIndex((s) => s.message === 'AuthRes'), 0, { seedStep: 8, from: 'P1', to: 'Issuer', message: text, bytes: recordBytes(decision), outcome: 'recorded', checks: [] });
  }
  if (rejected) return finish(stopped(rejected));
  if (m1.view().purchases.p1?.status !== 'authorised') return finish(m1.view().purchases.p1?.status ?? 'no decision');

  // Step 10: fulfilment; step 11: capture and clearing.
  const fulfilled = await m1.fulfil('p1');
  record(10, 'M1', 'C1', fulfilled.fulfilled ? 'fulfilment' : `fulfilment refused: ${fulfilled.reason}`, { purchase: 'p1', ...fulfilled });
  const capture = await m1.capture([{ purchase: 'p1', amount: options.amount }]);
  if (!capture.sent) return finish(`capture refused: ${capture.reason}`);
  const transfersBefore = d.network.ledger.transfers.length;
  const captured = await d.runToQuiet(capture.sent, 'M1');
  const failed = deliveries(captured.slice(0, 1));
  for (const t of d.network.ledger.transfers.slice(transfersBefore)) record(11, t.from, t.to, `clearing transfer of ${t.amount}`, t);
  deliveries(captured.slice(1));
  if (failed) return finish(stopped(failed));
  return finish(m1.view().purchases.p1!.captured === options.amount ? 'captured' : 'not captured');
}

export function formatRun(run: DemoRun): string {
  const lines = [`set-verify demo: the eleven steps of SET with real cryptography (protocol ${run.protocol}, WebCrypto ${run.provider})`, ''];
  for (const step of run.steps) {
    const items = step.items ? `, items: ${step.items.join(', ')}` : '';
    lines.push(`[${String(step.seedStep).padStart(2)}] ${step.from} -> ${step.to}  ${step.message}  ${step.bytes} bytes  ${step.outcome}${items}`);
    for (const check of step.checks) lines.push(`       ${check.passed ? 'ok  ' : 'FAIL'} ${check.check}${check.outcome ? ` -> ${check.outcome}` : ''}${check.detail ? ` (${check.detail})` : ''}`);
  }
  const accounts = [...new Set([...Object.keys(run.ledgers.before), ...Object.keys(run.ledgers.after)])].sort();
  lines.push('', `Ledgers (cents)              ${'before'.padStart(8)} ${'after'.padStart(10)}`);
  for (const a of accounts) lines.push(`  ${a.padEnd(26)} ${String(run.ledgers.before[a] ?? 0).padStart(8)} ${String(run.ledgers.after[a] ?? 0).padStart(10)}`);
  lines.push('', `Outcome: ${run.outcome}`);
  return lines.join('\n');
}
