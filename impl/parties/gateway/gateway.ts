/**
 * The payment gateway P (SET.md sections 1, 5.5-5.6, 6; seed steps 7-8, 11): the acquirer's
 * front end. It authorises through the issuer, issues capture tokens only it can open, and
 * captures and clears. Its view (SET.md 8): per purchase it decided, the decision, AuthAmt and
 * captured amount (keyed by purchase id, then MerchantID: docs/decisions.md D9).
 */
import type { PaymentNetwork } from '../../ledger/payment-network.ts';
import type { CheckLog } from '../../protocol/check-log.ts';
import type { Message, MessageKind } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import { Party, type Handled } from '../party.ts';
import { FreshnessBook } from '../values.ts';
import { onAuthReq } from './authorisation.ts';
import { onCapReq } from './capture.ts';
import type { GatewaySelf } from './self.ts';
import type { GatewayDecision, GatewayRecords } from './state.ts';

export type GatewayView = Readonly<Record<string, Readonly<Record<string, Readonly<GatewayDecision>>>>>;

export interface GatewayInit {
  readonly name: string;
  readonly signatureKeys: CryptoKeyPair;
  readonly keyExchangeKeys: CryptoKeyPair;
  readonly certS: Uint8Array;
  readonly network: PaymentNetwork;
}

export class Gateway extends Party implements GatewaySelf {
  protected readonly accepts: readonly MessageKind[] = ['AuthReq', 'CapReq'];
  readonly signatureKeys: CryptoKeyPair;
  readonly keyExchangeKeys: CryptoKeyPair;
  readonly certS: Uint8Array;
  readonly network: PaymentNetwork;
  readonly records: GatewayRecords = {
    decided: new FreshnessBook(),
    consumed: new FreshnessBook(),
    capturedTokens: new FreshnessBook(),
    decisions: new Map(),
  };

  constructor(init: GatewayInit, env: PartyEnvironment) {
    super(init.name, env);
    ({ signatureKeys: this.signatureKeys, keyExchangeKeys: this.keyExchangeKeys, certS: this.certS, network: this.network } = init);
  }

  view(): GatewayView {
    const sorted = <T>(entries: Iterable<[string, T]>) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    return sorted([...this.records.decisions].map(([purchase, byMerchant]) => [purchase, sorted([...byMerchant].map(([m, d]) => [m, { ...d }]))]));
  }

  protected receive(message: Message, from: string, log: CheckLog): Promise<Handled> {
    switch (message.kind) {
      case 'AuthReq':
        return onAuthReq(this, message.value, from, log);
      case 'CapReq':
        return onCapReq(this, message.value, from, log);
      default:
        throw new Error(`unreachable: ${message.kind} is not in accepts`);
    }
  }
}
