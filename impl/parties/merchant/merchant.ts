/**
 * The merchant M (SET.md sections 1, 4.2, 5, 6; seed steps 3-5, 7, 9-11): registers with the
 * MCA, sells (PInitRes, the PReq checks, AuthReq, the AuthRes checks, PRes), fulfils, and
 * captures in batches. Its view (SET.md 8): per purchase the status, fulfilment, AuthAmt and
 * captured amount; per registration its status.
 */
import type { CheckLog } from '../../protocol/check-log.ts';
import type { Amount, OrderDescription } from '../../wire/common.ts';
import type { Message, MessageKind } from '../../wire/messages.ts';
import type { PartyEnvironment } from '../environment.ts';
import type { KeySource } from '../keys.ts';
import { Party, type Handled, type Outbound } from '../party.ts';
import { FreshnessBook, RequestBook } from '../values.ts';
import { onAuthRes } from './authorisation.ts';
import { capture, onCapRes, type CaptureItem } from './capture.ts';
import { agreeOrder, fulfil, onInqReq, onPInitReq, onPReq } from './purchase.ts';
import { onCertRes, onMeAqCInitRes, startRegistration } from './registration.ts';
import type { MerchantGateway, MerchantSelf } from './self.ts';
import type { MerchantCertificates, MerchantPurchaseStatus, MerchantRecords, MerchantRegistrationStatus } from './state.ts';

export interface MerchantPurchaseView {
  readonly status: MerchantPurchaseStatus;
  readonly fulfilled: boolean;
  /** Minor units authorised, or null before an approval. */
  readonly authAmt: number | null;
  readonly captured: number;
}

export interface MerchantView {
  readonly purchases: Readonly<Record<string, MerchantPurchaseView>>;
  readonly registrations: Readonly<Record<string, MerchantRegistrationStatus>>;
}

export interface MerchantInit {
  readonly name: string;
  readonly merchantSecret: Uint8Array;
  readonly acquirerBin: string;
  readonly identity: { readonly name: string; readonly billingPostcode: string };
  readonly keys: KeySource;
  readonly gateway: MerchantGateway;
}

export class Merchant extends Party implements MerchantSelf {
  protected readonly accepts: readonly MessageKind[] = ['Me-AqCInitRes', 'CertRes', 'PInitReq', 'PReq', 'AuthRes', 'InqReq', 'CapRes'];
  #merchantSecret: Uint8Array;
  readonly acquirerBin: string;
  readonly identity: { readonly name: string; readonly billingPostcode: string };
  readonly keys: KeySource;
  readonly gateway: MerchantGateway;
  readonly records: MerchantRecords = {
    registrations: new Map(),
    orders: new Map(),
    byXid: new Map(),
    consumed: new FreshnessBook(),
    requests: new RequestBook(),
    certificates: null,
    keyGenerations: 0,
    exchangeKeys: [],
  };

  constructor(init: MerchantInit, env: PartyEnvironment) {
    super(init.name, env);
    ({ acquirerBin: this.acquirerBin, identity: this.identity, gateway: this.gateway, keys: this.keys } = init);
    this.#merchantSecret = init.merchantSecret;
  }

  get merchantSecret(): Uint8Array {
    return this.#merchantSecret;
  }

  /** SET.md 3: the acquirer hands the MerchantSecret over when it opens the account (after set-up too). */
  receiveMerchantSecret(secret: Uint8Array): void {
    this.#merchantSecret = secret;
  }

  /** SET.md 4.2 step 1: starts registration `id` with the MCA named `ca`. */
  register(id: string, ca: string): Promise<Outbound> {
    return this.serialised(async () => startRegistration(this, id, ca));
  }

  /** Step 4, outside SET: agrees an order; returns its LID_M. */
  agreeOrder(id: string, order: { od: OrderDescription; purchAmt: Amount }): Promise<string> {
    return this.serialised(async () => agreeOrder(this, id, order));
  }

  /** SET.md 5.8 (step 10). */
  fulfil(purchase: string): Promise<{ readonly fulfilled: boolean; readonly reason?: string }> {
    return this.serialised(async () => fulfil(this, purchase));
  }

  /** SET.md 6.1 (step 11): one CapReq for the batch, or null with the reason it was refused. */
  capture(items: readonly CaptureItem[]): Promise<{ readonly sent: Outbound | null; readonly reason?: string }> {
    return this.serialised(() => capture(this, items));
  }

  get certificates(): MerchantCertificates | null {
    return this.records.certificates;
  }

  view(): MerchantView {
    const purchases = Object.fromEntries(
      [...this.records.orders].map(([id, o]) => [id, { status: o.status, fulfilled: o.fulfilled, authAmt: o.authAmt?.minorUnits ?? null, captured: o.captured }]),
    );
    const registrations = Object.fromEntries([...this.records.registrations].map(([id, r]) => [id, r.status]));
    return { purchases, registrations };
  }

  protected receive(message: Message, from: string, log: CheckLog): Promise<Handled> {
    switch (message.kind) {
      case 'Me-AqCInitRes':
        return onMeAqCInitRes(this, message.value, log);
      case 'CertRes':
        return onCertRes(this, message.value, log);
      case 'PInitReq':
        return onPInitReq(this, message.value, from, log);
      case 'PReq':
        return onPReq(this, message.value, from, log);
      case 'AuthRes':
        return onAuthRes(this, message.value, log);
      case 'InqReq':
        return onInqReq(this, message.value, from, log);
      case 'CapRes':
        return onCapRes(this, message.value, log);
      default:
        throw new Error(`unreachable: ${message.kind} is not in accepts`);
    }
  }
}
