/**
 * A worked plug-in (docs/plugins.md): a protocol change someone proposes, and an attack of
 * one's own.
 *
 * The proposal: "merchants are bound by contract to ask for what the cardholder agreed to, so
 * the payment gateway can save two comparisons: it no longer compares the authorisation amount
 * with the PurchAmt the cardholder signed, nor the capture amount with the authorised one". Its
 * author believes it harmless, so it is declared with `expectBroken: []`.
 *
 *   npx set-verify verify --plugin examples/lean-gateway.plugin.ts --variant lean-gateway
 *
 * exits 1: the money goal breaks on the model and on the implementation, and report.html shows
 * the attack as a message sequence chart. Change `expectBroken` to `['money']` and it exits 0.
 */
import { DELIVER_ALL, definePlugin, type AttackStrategy, type ProtocolChange } from '../attacks/plugin.ts';

const leanGateway: ProtocolChange = {
  name: 'lean-gateway',
  description: 'P compares neither AuthReqAmt with PurchAmt nor CapReqAmt with AuthAmt',
  attack: 'a dishonest merchant asks for, and captures, more than the cardholder agreed to',
  expectBroken: [],
  // The same change read twice: the model's roles skip these checks (model/variants/switches.ts) ...
  model: { skips: ['gateway.AuthReq.amount', 'gateway.CapReq.over-authorised'] },
  // ... and the implementation's gateway turns off these rules (impl/protocol/rules.ts).
  impl: { rules: { gatewayChecksAmount: false, captureWithinAuthorisation: false } },
  // A small world for the explorer: one purchase at the honest M1, one at the dishonest M2.
  explore: {
    purchases: [
      { purchase: 'p1', cardholder: 'C1', merchant: 'M1', forms: ['signed'] },
      { purchase: 'p2', cardholder: 'C1', merchant: 'M2', forms: ['signed'] },
    ],
    depth: 7,
  },
};

/** An attack of one's own: the network replays a merchant's capture request to the gateway. */
const replayedCapture: AttackStrategy = {
  name: 'replayed-capture',
  description: "the network replays M1's capture request, hoping the gateway pays it twice",
  targets: ['money'],
  config: {},
  script: [
    { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order: { items: [{ description: 'book', quantity: 1, unitPrice: 4200 }] }, form: 'signed' },
    DELIVER_ALL,
    { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }] },
    DELIVER_ALL,
    { type: 'replay', ref: { session: 'capture:M1:1', kind: 'CapReq', occurrence: 1 } },
    DELIVER_ALL,
  ],
  // No variant of SET.md 10 should fall to it: the gateway answers a repeated request `replay`.
  breaks: {},
};

export default definePlugin({ name: 'lean-gateway', variants: [leanGateway], strategies: [replayedCapture] });
