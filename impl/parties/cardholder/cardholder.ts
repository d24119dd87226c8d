/**
 * The cardholder C (SET.md sections 1, 4.1, 5; seed steps 2, 4-6, 9): registers with the CCA,
 * buys from merchants in the signed or unsigned form, and inquires. Its view (SET.md 8) is
 * the status of each purchase and registration.
 */
import type { CheckLog } from '../../protocol/check-log.ts';
import type { Message, MessageKind } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import type { KeySource } from '../keys.ts';
import { Party, type Handled, type Outbound } from '../party.ts';
import { RequestBook } from '../values.ts';
import { inquire, onPInitRes, onPRes, startPurchase, type PurchaseOrder } from './purchase.ts';
import { onCardCInitRes, onCertRes, onRegFormRes, startRegistration } from './registration.ts';
import type { CardholderSelf } from './self.ts';
import type { Card, CardholderPurchaseStatus, CardholderRecords, Identity, KnownMerchant, RegistrationStatus } from './state.ts';

export interface CardholderView {
  readonly purchases: Readonly<Record<string, CardholderPurchaseStatus>>;
  readonly registrations: Readonly<Record<string, RegistrationStatus>>;
}

export interface CardholderInit {
  readonly name: string;
  readonly card: Card;
  readonly identity: Identity;
  readonly brandId: string;
  readonly keys: KeySource;
}

export class Cardholder extends Party implements CardholderSelf {
  protected readonly accepts: readonly MessageKind[] = ['CardCInitRes', 'RegFormRes', 'CertRes', 'PInitRes', 'PRes'];
  readonly card: Card;
  readonly identity: Identity;
  readonly brandId: string;
  readonly keys: KeySource;
  readonly records: CardholderRecords = {
    registrations: new Map(),
    purchases: new Map(),
    requests: new RequestBook(),
    knownMerchants: new Map(),
    certificate: null,
    keyGenerations: 0,
  };

  constructor(init: CardholderInit, env: PartyEnvironment) {
    super(init.name, env);
    ({ card: this.card, identity: this.identity, brandId: this.brandId, keys: this.keys } = init);
  }

  /** SET.md 4.1 step 1: starts registration `id` with the CCA named `ca`. */
  register(id: string, ca: string): Promise<Outbound> {
    return this.serialised(async () => startRegistration(this, id, ca));
  }

  /** SET.md 5.1 (after the order was agreed, step 4): starts a purchase. */
  startPurchase(order: PurchaseOrder): Promise<Outbound> {
    return this.serialised(() => startPurchase(this, order));
  }

  /** SET.md 5.9: an InqReq, or null when the purchase has no PReq yet. */
  inquire(purchase: string): Promise<Outbound | null> {
    return this.serialised(() => inquire(this, purchase));
  }

  /** Certificates held from earlier, for `no-challenges` purchases (SET.md 10). */
  learnMerchant(merchantId: string, certificates: KnownMerchant): void {
    this.records.knownMerchants.set(merchantId, certificates);
  }

  get certificate(): Uint8Array | null {
    return this.records.certificate?.der ?? null;
  }

  view(): CardholderView {
    const purchases = Object.fromEntries([...this.records.purchases].map(([id, p]) => [id, p.status]));
    const registrations = Object.fromEntries([...this.records.registrations].map(([id, r]) => [id, r.status]));
    return { purchases, registrations };
  }

  protected receive(message: Message, _from: string, log: CheckLog): Promise<Handled> {
    switch (message.kind) {
      case 'CardCInitRes':
        return onCardCInitRes(this, message.value, log);
      case 'RegFormRes':
        return onRegFormRes(this, message.value, log);
      case 'CertRes':
        return onCertRes(this, message.value, log);
      case 'PInitRes':
        return onPInitRes(this, message.value, log);
      case 'PRes':
        return onPRes(this, message.value, log);
      default:
        throw new Error(`unreachable: ${message.kind} is not in accepts`);
    }
  }
}
