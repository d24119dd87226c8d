/**
 * The scenario language interpreted on the implementation (shared/ARCHITECTURE.md, "The
 * scenario language"; docs/decisions.md D22-D30): one SetDeployment with real keys, real
 * certificates and real bytes, the network the harness keeps, and the attacker's byte
 * knowledge. The harness never decides an outcome: outcomes, views and logs come from the
 * parties; it only carries messages, changes them the way an action says, and hands secrets to
 * the attacker.
 */
import type { KeyPool } from '../../impl/crypto/key-pool.ts';
import { SetDeployment } from '../../impl/deployment/deployment.ts';
import type { Action, MessageRef, Order, WorldConfig } from '../../model/index.ts';
import { resolveConfig, type ResolvedConfig } from '../../model/world/index.ts';
import { createHash } from 'node:crypto';

/** SHA-256 of a certificate's DER, in hex: the thumbprint the parties log (SET.md 1, profile hash). */
const hexThumbprintOf = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');
import { ByteKnowledge } from '../attacker/byte-knowledge.ts';
import { applyAdversarial } from './adversary.ts';
import { useOwnKeys } from './attacker-keys.ts';
import { handOverSecrets } from './compromise.ts';
import { implPluginVariants } from './plugin-variants.ts';
import { applyHonest } from './honest.ts';
import { ImplNetwork, type ImplAlteration, type ImplMessage } from './network.ts';

/** What one action did, as the model's `world.last` says it (D24). */
export type ImplStep =
  | { readonly kind: 'initial' | 'done' }
  | { readonly kind: 'refused' | 'skipped'; readonly reason: string }
  | { readonly kind: 'delivered'; readonly receiver: string; readonly ref: MessageRef; readonly outcome: string; readonly items?: readonly string[]; readonly check?: string; readonly detail?: string };

export interface ImplPurchase {
  readonly id: string;
  readonly cardholder: string;
  readonly merchant: string;
  readonly order: Order;
  readonly form: 'signed' | 'unsigned';
}

export class ImplRun {
  readonly network = new ImplNetwork();
  readonly purchases = new Map<string, ImplPurchase>();
  readonly captureBatches = new Map<string, number>();
  readonly compromised = new Set<string>();
  /** `att-<n>` names used so far (D27). */
  attackerNames = 0;
  last: ImplStep = { kind: 'initial' };
  /** Every delivery, in order: who took what, its outcome, whether a rejection changed any view. */
  readonly deliveries: { readonly message: ImplMessage; readonly outcome: string; readonly changed: boolean; readonly alterations: readonly ImplAlteration[] }[] = [];
  /** Message bytes the attacker has seen (an in-place change gives new bytes). */
  #learnt = new WeakSet<Uint8Array>();

  private constructor(
    readonly config: ResolvedConfig,
    readonly d: SetDeployment,
    readonly attacker: ByteKnowledge,
  ) {}

  /** The initial world of `config` (model/world/initial.ts): CAs, gateways; no accounts yet. */
  static async create(config: WorldConfig = {}, options: { pool?: KeyPool } = {}): Promise<ImplRun> {
    const resolved = resolveConfig(config);
    const variants = (config.variants ?? []).map((v) => (typeof v === 'string' ? v : v.name));
    const plugins = implPluginVariants();
    for (const v of config.variants ?? []) {
      if (typeof v !== 'string' && !plugins.some((p) => p.name === v.name)) throw new RangeError(`the protocol change "${v.name}" has no implementation side here: load its plug-in (--plugin FILE)`);
    }
    const d = await SetDeployment.create({ ...(options.pool ? { pool: options.pool } : {}), variants, plugins, gateways: resolved.gateways });
    const run = new ImplRun(resolved, d, new ByteKnowledge(d.env.ctx));
    for (const party of resolved.dishonest) run.compromised.add(party);
    return run;
  }

  /** Thumbprints (hex) of every certificate a CA issued through its records, set-up included. */
  genuineCertificates(): string[] {
    return this.d.pki.authorities.flatMap((ca) => ca.issued().map((r) => hexThumbprintOf(r.certificate.der)));
  }

  /** The message shapes of this world's variants: the model's field lists follow them (D26). */
  get shape() {
    return this.config.profile.shape;
  }

  isDishonest(party: string): boolean {
    return this.config.dishonest.includes(party);
  }

  /** The next `att-<n>` name (D27). */
  attackerName(): string {
    this.attackerNames += 1;
    return `att-${this.attackerNames}`;
  }

  /** Runs one action; afterwards the attacker has seen every message on the network and every secret of the parties it compromised. */
  async apply(action: Action): Promise<ImplStep> {
    const step = (await applyHonest(this, action)) ?? (await applyAdversarial(this, action));
    if (!step) throw new RangeError(`the harness has no interpretation of ${action.type}`);
    this.last = step;
    for (const m of this.network.messages) {
      if (this.#learnt.has(m.bytes)) continue;
      this.#learnt.add(m.bytes);
      this.attacker.learn(m.bytes);
    }
    for (const party of this.compromised) await handOverSecrets(this, party);
    await useOwnKeys(this);
    await this.attacker.close();
    return step;
  }
}
