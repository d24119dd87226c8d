/**
 * The `fake` actions the explorer offers (SET.md 9; docs/decisions.md D29): a small, fixed set of
 * generic templates, each a way an attacker who plays or has compromised a party (or holds a key
 * of its own) turns messages it has seen into a message of its own. They are what SET.md 10's
 * attacks need (model/goals/attacks.test.ts), stated for every message and party they apply to,
 * never for one purchase by name:
 *
 * - answer a PInitReq sent to a merchant it plays, naming the merchant's gateway or (the
 *   any-cert-for-encryption attack) its own key-exchange key as the gateway's (SET.md 5.2);
 * - re-sign a pending PInitRes as another merchant it controls (the oi-without-merchant relay) or
 *   with a forged copy of the merchant certificate (no-chain-validation), PEThumb recomputed from
 *   the message's own CertE(P) (SET.md 5.2);
 * - forward a PReq's PI in an AuthReq of a merchant it controls: as is, asking twice the amount
 *   (gateway-ignores-amount), or with the hash of an OIData of its own (no-dual-signature)
 *   (SET.md 5.4);
 * - ask authorisation for the TransID of another merchant's purchase with the card of a
 *   cardholder it plays (authres-without-merchant, first half; SET.md 5.4);
 * - re-envelope an AuthRes or CapRes it can open to another merchant, as the gateway
 *   (authres-without-merchant, second half; SET.md 5.6, 6.4);
 * - tell a cardholder its payment is authorised, signed with the key of the PInitRes it accepted
 *   when the attacker holds that key (SET.md 5.7);
 * - capture a token it has seen as a merchant it controls, for the purchase's amount or twice it
 *   (token-not-bound, capture-over-authorisation; SET.md 6.1);
 * - ask the CCA for a certificate for an account of its own making, on a registration form it
 *   has seen (registration-without-issuer-check; SET.md 4.1).
 *
 * "Controls" means a cardholder or merchant the attacker plays or has compromised (SET.md 9).
 */
import type { CardholderState } from '../roles/index.ts';
import type { Fake, FakeValue, MessageRef } from '../scenario/actions.ts';
import type { NetworkMessage, World } from '../world/index.ts';

export interface FakeMove {
  readonly action: Fake;
  /** The message the fake is made from, when it is made from one (for the burst rule, moves.ts). */
  readonly from?: MessageRef;
}

const copy = (ref: MessageRef, field?: string): FakeValue => (field === undefined ? { copy: ref } : { copy: ref, field });

function controlled(world: World, role: 'cardholder' | 'merchant'): string[] {
  const names = role === 'cardholder' ? world.config.cardholders : world.config.merchants;
  return names.filter((name) => world.compromised.includes(name));
}

function honest(world: World, names: readonly string[]): string[] {
  return names.filter((name) => !world.compromised.includes(name));
}

function gatewayOf(world: World, merchant: string): string {
  return world.config.gatewayOf[merchant] ?? world.config.gateways[0]!;
}

function amountOf(world: World, session: string): number | undefined {
  return world.purchases[session]?.purchAmt.minorUnits;
}

const merchantCertificates = (merchant: string): Record<string, FakeValue> => ({
  'CertS(M)': { certificate: merchant, usage: 'signature' },
  'CertE(M)': { certificate: merchant, usage: 'keyExchange' },
});

/** SET.md 5.2: a merchant the attacker controls answers a PInitReq sent to it (once per purchase). */
function answerPInitReq(world: World, m: NetworkMessage): FakeMove[] {
  if (m.kind !== 'PInitReq' || m.status !== 'pending' || !controlled(world, 'merchant').includes(m.to)) return [];
  if (world.network.some((other) => other.kind === 'PInitRes' && other.ref.session === m.ref.session)) return [];
  const base: Record<string, FakeValue> = {
    LID_C: copy(m.ref), LID_M: copy(m.ref), XID: { fresh: true }, RRPID: copy(m.ref), Chall_C: copy(m.ref), Chall_M: { fresh: true },
    ...merchantCertificates(m.to),
  };
  const gateways: FakeValue[] = [{ certificate: gatewayOf(world, m.to), usage: 'keyExchange' }, { certificate: m.to, usage: 'keyExchange' }];
  return gateways.map((gateway) => ({
    action: { type: 'fake', kind: 'PInitRes', to: m.from, as: m.to, session: m.ref.session, fields: { ...base, 'CertE(P)': gateway } },
  }));
}

/** SET.md 5.2: a pending PInitRes of an honest merchant, re-signed by a merchant the attacker controls or with a forged certificate. */
function resignPInitRes(world: World, m: NetworkMessage): FakeMove[] {
  if (m.kind !== 'PInitRes' || m.status !== 'pending' || world.compromised.includes(m.from) || world.compromised.includes(m.to)) return [];
  const peThumb: FakeValue = { hashOf: copy(m.ref, 'CertE(P)') };
  const moves: FakeMove[] = controlled(world, 'merchant')
    .filter((merchant) => merchant !== m.from)
    .map((merchant) => ({
      action: { type: 'fake', kind: 'PInitRes', to: m.to, as: merchant, session: m.ref.session, template: m.ref, fields: { ...merchantCertificates(merchant), PEThumb: peThumb } },
      from: m.ref,
    }));
  // the forged certificate is the fake's first fresh value, so its key is att-<n+1> (D27, D28)
  const forger = `att-${world.attackerNames + 1}`;
  moves.push({
    action: { type: 'fake', kind: 'PInitRes', to: m.to, as: forger, session: m.ref.session, template: m.ref, fields: { 'CertS(M)': { fresh: true }, PEThumb: peThumb } },
    from: m.ref,
  });
  return moves;
}

/** SET.md 5.4: a merchant the attacker controls puts a PReq's PI into an AuthReq of its own. */
function relayPaymentInstruction(world: World, m: NetworkMessage): FakeMove[] {
  const amount = amountOf(world, m.ref.session);
  if (m.kind !== 'PReq' || amount === undefined || (m.form !== 'signed' && m.form !== 'unsigned')) return [];
  const moves: FakeMove[] = [];
  for (const merchant of controlled(world, 'merchant')) {
    const fields: Record<string, FakeValue> = {
      'AuthReqData.LID_C': copy(m.ref, 'OIData.LID_C'), 'AuthReqData.LID_M': copy(m.ref, 'OIData.LID_M'), 'AuthReqData.XID': copy(m.ref, 'OIData.XID'),
      'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: merchant }, 'AuthReqData.AuthReqAmt': { amount },
      'AuthReqData.H(OIData)': { hashOf: copy(m.ref, 'OIData') }, 'AuthReqData.HOD': copy(m.ref, 'OIData.HOD'), PI: copy(m.ref, 'PI'),
      ...merchantCertificates(merchant), ...(m.form === 'signed' ? { 'CertS(C)': copy(m.ref) } : {}),
    };
    const variants: Record<string, FakeValue>[] = [
      fields,
      { ...fields, 'AuthReqData.AuthReqAmt': { amount: 2 * amount } },
      { ...fields, 'AuthReqData.H(OIData)': { hashOf: { fresh: true } } },
    ];
    for (const v of variants) {
      moves.push({ action: { type: 'fake', kind: 'AuthReq', form: m.form, to: gatewayOf(world, merchant), as: merchant, session: m.ref.session, fields: v } });
    }
  }
  return moves;
}

/** SET.md 5.4: authorisation for another merchant's TransID, paid with the card of a cardholder the attacker plays. */
function ownCardAuthReq(world: World, m: NetworkMessage): FakeMove[] {
  const amount = amountOf(world, m.ref.session);
  if (m.kind !== 'PInitRes' || amount === undefined || world.compromised.includes(m.from)) return [];
  const moves: FakeMove[] = [];
  for (const merchant of controlled(world, 'merchant')) {
    for (const card of controlled(world, 'cardholder')) {
      if ((world.parties[card]!.snapshot.context as CardholderState).identity === undefined) continue;
      const order: FakeValue = { hashOf: { text: `order of ${card}` } };
      const hod: FakeValue = { hashOf: { text: `HOD of ${card}` } };
      const transId = (prefix: string): Record<string, FakeValue> => ({
        [`${prefix}.LID_C`]: copy(m.ref, 'LID_C'), [`${prefix}.LID_M`]: copy(m.ref, 'LID_M'), [`${prefix}.XID`]: copy(m.ref, 'XID'),
      });
      moves.push({
        action: {
          type: 'fake', kind: 'AuthReq', form: 'signed', to: gatewayOf(world, merchant), as: merchant, session: m.ref.session, keys: { cardholder: card },
          fields: {
            ...transId('AuthReqData'), 'AuthReqData.RRPID': { fresh: true }, 'AuthReqData.MerchantID': { agent: merchant },
            'AuthReqData.AuthReqAmt': { amount }, 'AuthReqData.H(OIData)': order, 'AuthReqData.HOD': hod,
            ...transId('PIHead'), 'PIHead.HOD': hod, PurchAmt: { amount }, 'PIHead.MerchantID': { agent: merchant },
            CardSecret: { secret: `cardSecret:${card}` }, 'PANData.PAN': { secret: `pan:${card}` }, 'PANData.CardExpiry': { secret: `expiry:${card}` },
            'PANData.PANSecret': { secret: `panSecret:${card}` }, 'PANData.EXNonce': { fresh: true }, 'PI.H(OIData)': order,
            ...merchantCertificates(merchant), 'CertS(C)': { certificate: card, usage: 'signature' },
          },
        },
      });
    }
  }
  return moves;
}

/** SET.md 5.6, 6.4: an AuthRes or CapRes the attacker can open, re-enveloped to another honest merchant, as the gateway. */
function reEnvelope(world: World, m: NetworkMessage): FakeMove[] {
  if ((m.kind !== 'AuthRes' && m.kind !== 'CapRes') || !world.compromised.includes(m.to)) return [];
  return honest(world, world.config.merchants)
    .filter((merchant) => merchant !== m.to)
    .map((merchant) => ({
      action: { type: 'fake', kind: m.kind, form: m.form, to: merchant, as: m.from, session: m.ref.session, template: m.ref, fields: { Signature: copy(m.ref) } },
      from: m.ref,
    }));
}

/** The accepted PInitRes of a purchase (its latest accepted delivery), if any. */
function acceptedPInitRes(world: World, purchase: string): MessageRef | undefined {
  for (let i = world.log.length - 1; i >= 0; i--) {
    const e = world.log[i]!;
    if (e.type === 'delivery' && e.kind === 'PInitRes' && e.ref.session === purchase && e.outcome === 'accepted') return e.ref;
  }
  return undefined;
}

function latest(world: World, session: string, kind: NetworkMessage['kind']): NetworkMessage | undefined {
  for (let i = world.network.length - 1; i >= 0; i--) {
    const m = world.network[i]!;
    if (m.ref.session === session && m.kind === kind) return m;
  }
  return undefined;
}

/** SET.md 5.7: an `authorised` PRes to a cardholder waiting for one, signed with the key of the PInitRes it accepted, when the attacker holds it. */
function forgePRes(world: World): FakeMove[] {
  const moves: FakeMove[] = [];
  for (const record of Object.values(world.purchases)) {
    if (world.compromised.includes(record.cardholder)) continue;
    const purchase = (world.parties[record.cardholder]!.snapshot.context as CardholderState).purchases[record.id];
    const certificate = purchase?.merchantCertificate;
    if (purchase?.status !== 'requested' || certificate === undefined) continue;
    const signer = certificate.subjectKey;
    const holds = signer.owner.startsWith('att-') || world.compromised.includes(signer.owner);
    if (!holds) continue;
    const preq = latest(world, record.id, 'PReq');
    if (preq === undefined) continue;
    const pinit = acceptedPInitRes(world, record.id);
    const amount: FakeValue = { amount: record.purchAmt.minorUnits };
    const challenges = world.env.profile.shape.challenges;
    moves.push({
      action: {
        type: 'fake', kind: 'PRes', to: record.cardholder, as: signer.owner, session: record.id,
        fields: {
          LID_C: copy(preq.ref, 'OIData.LID_C'), LID_M: copy(preq.ref, 'OIData.LID_M'), XID: copy(preq.ref, 'OIData.XID'), RRPID: copy(preq.ref, 'OIData.RRPID'),
          ...(challenges ? { Chall_C: copy(preq.ref, 'OIData.Chall_C') } : {}), HOD: copy(preq.ref, 'OIData.HOD'), 'H(PIData)': copy(preq.ref, 'OI.H(PIData)'),
          CompletionCode: { text: 'authorised' }, PurchAmt: amount, AuthAmt: amount,
          'CertS(M)': pinit !== undefined ? copy(pinit, 'CertS(M)') : { certificate: signer.owner, usage: 'signature' },
        },
      },
    });
  }
  return moves;
}

/** SET.md 6.1: a merchant the attacker controls captures a token from an approving AuthRes it has seen. */
function captureToken(world: World, m: NetworkMessage): FakeMove[] {
  const amount = amountOf(world, m.ref.session);
  const preq = latest(world, m.ref.session, 'PReq');
  if (m.kind !== 'AuthRes' || m.form !== 'approved' || amount === undefined || preq === undefined) return [];
  const moves: FakeMove[] = [];
  for (const merchant of controlled(world, 'merchant')) {
    for (const captured of [amount, 2 * amount]) {
      moves.push({
        action: {
          type: 'fake', kind: 'CapReq', to: gatewayOf(world, merchant), as: merchant, session: m.ref.session,
          fields: {
            'CapReqData.RRPID': { fresh: true }, 'CapReqData.MerchantID': { agent: merchant },
            'Items[1].LID_C': copy(preq.ref, 'OIData.LID_C'), 'Items[1].LID_M': copy(preq.ref, 'OIData.LID_M'), 'Items[1].XID': copy(preq.ref, 'OIData.XID'),
            'Items[1].CapReqAmt': { amount: captured }, 'CapTokens[1].CapToken': copy(m.ref, 'CapToken'), ...merchantCertificates(merchant),
          },
        },
      });
    }
  }
  return moves;
}

/** SET.md 4.1 step 5: a CertReq for an account of the attacker's own making, on a registration form it has seen. */
function madeUpCertReq(_world: World, m: NetworkMessage): FakeMove[] {
  if (m.kind !== 'RegFormRes') return [];
  return [{
    action: {
      type: 'fake', kind: 'CertReq', form: 'cardholder', to: m.from, session: m.ref.session,
      fields: {
        RRPID: { fresh: true }, LID_EE: { fresh: true }, Chall_EE3: { fresh: true }, LID_CA: copy(m.ref), Chall_CA: copy(m.ref), RegFormID: copy(m.ref),
        RegFormValues: { fresh: true }, CABackKey: { fresh: true }, PublicKeyS: { fresh: true }, PAN: { fresh: true }, CardExpiry: { text: '202712' },
        CardSecret: { fresh: true }, EXNonce: { fresh: true },
      },
    },
  }];
}

const PER_MESSAGE = [answerPInitReq, resignPInitRes, relayPaymentInstruction, ownCardAuthReq, reEnvelope, captureToken, madeUpCertReq];

/** Every fake the explorer offers in a world, made from messages put on the network after `sinceSeq`, then the forged PRes. */
export function fakeMoves(world: World, sinceSeq: number): FakeMove[] {
  const moves: FakeMove[] = [];
  for (const m of world.network) if (m.seq > sinceSeq) for (const template of PER_MESSAGE) moves.push(...template(world, m));
  moves.push(...forgePRes(world));
  return moves;
}

/** The fakes made from message `ref` (the burst rule lets them follow an alteration of it). */
export function fakesFrom(world: World, ref: MessageRef): FakeMove[] {
  const m = world.network.find((x) => x.ref.session === ref.session && x.ref.kind === ref.kind && x.ref.occurrence === ref.occurrence);
  if (m === undefined) return [];
  return [...resignPInitRes(world, m), ...reEnvelope(world, m)];
}
