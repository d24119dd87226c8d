/**
 * One SET deployment, ready to run (SET.md sections 1 and 11): the PKI (RCA, BCA, CCA, MCA,
 * PCA), the payment network (issuer, acquirer, one ledger), the gateways the acquirer runs
 * (certified at set-up), and cardholders and merchants as they are added. It is what a demo
 * shop or the test harness builds on; it delivers bytes between parties but decides nothing:
 * every outcome comes from the receiving party.
 */
import { KeyPool } from '../crypto/key-pool.ts';
import { createCryptoContext, randomBytes, type CryptoContext } from '../crypto/provider.ts';
import { SetVerifyError } from '../errors.ts';
import { PaymentNetwork, type LedgerView } from '../ledger/payment-network.ts';
import { buildPki, type Pki } from '../pki/build-pki.ts';
import { ManualClock } from '../pki/clock.ts';
import { EventLog } from '../protocol/events.ts';
import { protocolOf, type Protocol } from '../protocol/protocol.ts';
import type { Variant } from '../protocol/variants.ts';
import { CardholderCa } from '../parties/ca/cardholder-ca.ts';
import type { CaView } from '../parties/ca/ca-party.ts';
import { MerchantCa } from '../parties/ca/merchant-ca.ts';
import { PassiveCa } from '../parties/ca/passive-ca.ts';
import { Cardholder, type CardholderView } from '../parties/cardholder/cardholder.ts';
import type { PartyEnvironment } from '../parties/environment.ts';
import { Gateway, type GatewayView } from '../parties/gateway/gateway.ts';
import { Merchant, type MerchantView } from '../parties/merchant/merchant.ts';
import { NameBook } from '../parties/name-book.ts';
import { thumbprint } from '../crypto/set-values.ts';
import { toHex } from '../pki/der-fields.ts';
import type { KeySource, PartyKey } from '../parties/keys.ts';
import type { DeliveryResult, Outbound, Party } from '../parties/party.ts';

export interface DeploymentOptions {
  readonly ctx?: CryptoContext;
  /** Where RSA keys come from; a fresh pool over the on-disk cache by default. */
  readonly pool?: KeyPool;
  /** Variants of SET.md section 10 by name (default: the correct protocol). */
  readonly variants?: readonly string[];
  /** A user's own variants, selectable by name like the built-in ones. */
  readonly plugins?: readonly Variant[];
  /** The gateways the acquirer runs (default one, `P1`). */
  readonly gateways?: readonly string[];
  readonly acquirerBin?: string;
}

export interface CardAccount {
  readonly pan: string;
  readonly cardExpiry: string;
  readonly limit: number;
  readonly name: string;
  readonly billingPostcode: string;
}

export interface Views {
  readonly cardholders: Readonly<Record<string, CardholderView>>;
  readonly merchants: Readonly<Record<string, MerchantView>>;
  readonly gateways: Readonly<Record<string, GatewayView>>;
  readonly cas: Readonly<Record<string, CaView>>;
  readonly ledgers: LedgerView;
}

export class SetDeployment {
  readonly cardholders = new Map<string, Cardholder>();
  readonly merchants = new Map<string, Merchant>();
  readonly gateways = new Map<string, Gateway>();

  private constructor(
    readonly pool: KeyPool,
    readonly clock: ManualClock,
    readonly pki: Pki,
    readonly network: PaymentNetwork,
    readonly env: PartyEnvironment,
    readonly cca: CardholderCa,
    readonly mca: MerchantCa,
  ) {}

  static async create(options: DeploymentOptions = {}): Promise<SetDeployment> {
    const ctx = options.pool?.ctx ?? options.ctx ?? createCryptoContext();
    const pool = options.pool ?? new KeyPool(ctx);
    const protocol: Protocol = protocolOf(options.variants ?? [], options.plugins ?? []);
    const clock = new ManualClock(0);
    const pki = await buildPki(pool, { clock: clock.now });
    const network = new PaymentNetwork({ acquirerBin: options.acquirerBin ?? '400000', freshSecret: () => randomBytes(ctx, 20) });
    const names = new NameBook();
    const env: PartyEnvironment = {
      ctx,
      clock: clock.now,
      protocol,
      trust: { anchor: pki.trustAnchor, caCertificates: pki.authorities.slice(1).map((ca) => ca.signatureCertificate.der), crls: pki.crls },
      log: new EventLog(),
      names,
    };
    const brand = pki.brand();
    const deployment = new SetDeployment(pool, clock, pki, network, env, new CardholderCa(brand.cca, env, network.issuer), new MerchantCa(brand.mca, env, network.acquirer));
    network.ledger.onTransfer((t) => env.log.append({ kind: 'transfer', by: 'ledger', ...t }));
    for (const ca of [pki.root, brand.brand, brand.pca]) deployment.#passiveCas.set(ca.name, new PassiveCa(ca, env));
    for (const gateway of options.gateways ?? ['P1']) await deployment.#addGateway(gateway);
    return deployment;
  }

  get protocol(): Protocol {
    return this.env.protocol;
  }

  get log(): EventLog {
    return this.env.log;
  }

  /**
   * Keys come from the pool by name (`key:<owner>:<usage>`, then `:2`, `:3` for later
   * generations), and the name book prints every generation by owner and usage (D21, D35).
   */
  async #keys(owner: string, usage: 'signature' | 'keyExchange', generation = 0): Promise<PartyKey> {
    const printed = `key:${owner}:${usage}`;
    const name = generation === 0 ? printed : `${printed}:${generation + 1}`;
    const [pair, material] = await Promise.all([this.pool.keyPair(name, usage), this.pool.material(name)]);
    this.env.names.nameKey(material.spki, printed);
    return { pair, spki: material.spki };
  }

  /** A registering party's key source (D35). */
  keySourceFor(owner: string): KeySource {
    return (usage, generation) => this.#keys(owner, usage, generation);
  }

  /** Gateways are certified by the PCA at set-up (SET.md 4.2, last paragraph). */
  async #addGateway(name: string): Promise<void> {
    const [s, e] = [await this.#keys(name, 'signature'), await this.#keys(name, 'keyExchange')];
    const certs = await this.pki.brand().pca.issueGateway(name, { signature: s.pair.publicKey, keyExchange: e.pair.publicKey });
    this.gateways.set(name, new Gateway({ name, signatureKeys: s.pair, keyExchangeKeys: e.pair, certS: certs.signature.der, network: this.network }, this.env));
    this.#gatewayCertE.set(name, certs.keyExchange.der);
  }

  #gatewayCertE = new Map<string, Uint8Array>();

  /** RCA, BCA, PCA: parties that take no message (D15). */
  readonly #passiveCas = new Map<string, PassiveCa>();

  /** The key-exchange certificate of a gateway (what merchants name in PInitRes). */
  gatewayCertificate(name: string): Uint8Array {
    const cert = this.#gatewayCertE.get(name);
    if (!cert) throw new SetVerifyError('unknown-gateway', `no gateway ${name}; gateways: ${[...this.gateways.keys()].join(', ')}`);
    return cert;
  }

  /** Seed step 1: the issuer opens the card account, then the cardholder exists (not yet registered). */
  async addCardholder(name: string, account: CardAccount): Promise<Cardholder> {
    this.#unused(name);
    this.network.issuer.openAccount({ holder: name, ...account });
    const cardholder = new Cardholder(
      {
        name,
        card: { pan: account.pan, cardExpiry: account.cardExpiry },
        identity: { name: account.name, billingPostcode: account.billingPostcode },
        brandId: this.pki.brand().brandId,
        keys: this.keySourceFor(name),
      },
      this.env,
    );
    this.cardholders.set(name, cardholder);
    return cardholder;
  }

  /**
   * A merchant; by default (SET.md `openMerchantAccount`) the acquirer opens its account and hands
   * it its MerchantSecret. With `openAccount: false` it has a secret of its own until
   * `openMerchantAccount` (a registration then is refused `identity`, D33).
   */
  async addMerchant(name: string, options: { gateway?: string; billingPostcode?: string; openAccount?: boolean } = {}): Promise<Merchant> {
    this.#unused(name);
    const gateway = options.gateway ?? [...this.gateways.keys()][0]!;
    const certE = this.gatewayCertificate(gateway);
    const merchantSecret = options.openAccount === false ? randomBytes(this.env.ctx, 20) : this.network.acquirer.openMerchantAccount(name);
    const merchant = new Merchant(
      {
        name,
        merchantSecret,
        acquirerBin: this.network.acquirer.bin,
        identity: { name, billingPostcode: options.billingPostcode ?? '00000' },
        keys: this.keySourceFor(name),
        gateway: { name: gateway, certE },
      },
      this.env,
    );
    this.merchants.set(name, merchant);
    return merchant;
  }

  /** SET.md `openMerchantAccount` for a merchant added with `openAccount: false`. */
  openMerchantAccount(name: string): void {
    const merchant = this.merchants.get(name);
    if (!merchant) throw new SetVerifyError('unknown-party', `no merchant named ${name}`);
    merchant.receiveMerchantSecret(this.network.acquirer.openMerchantAccount(name));
  }

  #unused(name: string): void {
    if (this.party(name)) throw new SetVerifyError('duplicate-party', `a party named ${name} already exists`);
  }

  party(name: string): Party | undefined {
    if (name === this.cca.name) return this.cca;
    if (name === this.mca.name) return this.mca;
    const passive = this.#passiveCas.get(name);
    if (passive) return passive;
    return this.cardholders.get(name) ?? this.merchants.get(name) ?? this.gateways.get(name);
  }

  /** Delivers one message to its addressee; `from` is the sender the network claims. */
  deliver(message: Outbound, from: string): Promise<DeliveryResult> {
    const party = this.party(message.to);
    if (!party) throw new SetVerifyError('unknown-party', `no party named ${message.to}`);
    return party.deliver({ from, bytes: message.bytes });
  }

  /**
   * Delivers `first` (sent by `from`) and then every message the parties send in reaction,
   * in order, until none is left. Returns each delivery with its sender and result.
   */
  async runToQuiet(first: Outbound | readonly Outbound[], from: string): Promise<DeliveryRecord[]> {
    const queue: { message: Outbound; from: string }[] = (Array.isArray(first) ? first : [first]).map((message) => ({ message, from }));
    const records: DeliveryRecord[] = [];
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await this.deliver(next.message, next.from);
      records.push({ from: next.from, message: next.message, result });
      for (const sent of result.sent) queue.push({ message: sent, from: next.message.to });
    }
    return records;
  }

  /** SET.md `advanceClock(days)`. */
  advanceClock(days: number): number {
    return this.clock.advance(days);
  }

  /** SET.md `revoke(party)`: every certificate of that party, from today on; logged for the goals. */
  async revoke(party: string): Promise<number> {
    const thumbprints: string[] = [];
    for (const ca of this.pki.authorities) {
      for (const record of ca.issued()) {
        if (record.revokedOn === null && this.env.names.subjectName(record.certificate.commonName) === party) {
          await ca.revoke(record.certificate);
          thumbprints.push(toHex(await thumbprint(this.env.ctx, record.certificate.der)));
        }
      }
    }
    this.env.log.append({ kind: 'revoked', by: 'world', party, thumbprints, day: this.clock.day });
    return thumbprints.length;
  }

  /** SET.md `block(card)`. */
  block(holder: string): void {
    this.network.issuer.block(holder);
  }

  views(): Views {
    const map = <T extends { view(): V }, V>(parties: Map<string, T>) => Object.fromEntries([...parties].map(([n, p]) => [n, p.view()]));
    return {
      cardholders: map(this.cardholders),
      merchants: map(this.merchants),
      gateways: map(this.gateways),
      cas: { [this.cca.name]: this.cca.view(), [this.mca.name]: this.mca.view() },
      ledgers: this.network.view(),
    };
  }
}

export interface DeliveryRecord {
  readonly from: string;
  readonly message: Outbound;
  readonly result: DeliveryResult;
}
