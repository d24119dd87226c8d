/**
 * A world's configuration: who takes part (SET.md 1), which parties the attacker plays (SET.md 9:
 * "it may register in its own name as a cardholder or merchant"), the protocol variants
 * (SET.md 10), the currency (docs/decisions.md D13) and each merchant's gateway.
 */
import { roleOfName } from '../vocabulary/agents.ts';
import { profileOf, type Profile, type VariantSpec } from '../variants/index.ts';

export interface WorldConfig {
  /** Cardholder ids, `C<n>`. Default `['C1']`. */
  readonly cardholders?: readonly string[];
  /** Merchant ids, `M<n>`. Default `['M1']`. */
  readonly merchants?: readonly string[];
  /** Gateway ids, `P<n>`, certified by the PCA at set-up. Default `['P1']`. */
  readonly gateways?: readonly string[];
  /** Cardholders and merchants the attacker plays (compromised from the start, D25). */
  readonly dishonest?: readonly string[];
  /** SET.md 10 variant names or plug-in variants. Default: none (the standard profile). */
  readonly variants?: readonly VariantSpec[];
  /** The ledger's one currency (D13). Default `USD`. */
  readonly currency?: string;
  /** Merchant to gateway. Default: every merchant uses the first gateway. */
  readonly gatewayOf?: Readonly<Record<string, string>>;
}

export interface ResolvedConfig {
  readonly cardholders: readonly string[];
  readonly merchants: readonly string[];
  readonly gateways: readonly string[];
  readonly dishonest: readonly string[];
  readonly profile: Profile;
  readonly currency: string;
  readonly gatewayOf: Readonly<Record<string, string>>;
}

export function resolveConfig(config: WorldConfig = {}): ResolvedConfig {
  const cardholders = config.cardholders ?? ['C1'];
  const merchants = config.merchants ?? ['M1'];
  const gateways = config.gateways ?? ['P1'];
  for (const [names, role] of [[cardholders, 'cardholder'], [merchants, 'merchant'], [gateways, 'gateway']] as const) {
    for (const name of names) if (roleOfName(name) !== role) throw new RangeError(`"${name}" is no ${role} name`);
  }
  if (gateways.length === 0) throw new RangeError('a world needs a gateway');
  const dishonest = config.dishonest ?? [];
  for (const name of dishonest) {
    if (!cardholders.includes(name) && !merchants.includes(name)) throw new RangeError(`the attacker can play only a cardholder or merchant of the world, not "${name}"`);
  }
  const gatewayOf: Record<string, string> = {};
  for (const merchant of merchants) {
    const gateway = config.gatewayOf?.[merchant] ?? gateways[0]!;
    if (!gateways.includes(gateway)) throw new RangeError(`merchant ${merchant}: no gateway "${gateway}"`);
    gatewayOf[merchant] = gateway;
  }
  return Object.freeze({
    cardholders: Object.freeze([...cardholders]), merchants: Object.freeze([...merchants]), gateways: Object.freeze([...gateways]),
    dishonest: Object.freeze([...dishonest]), profile: profileOf(config.variants ?? []), currency: config.currency ?? 'USD',
    gatewayOf: Object.freeze(gatewayOf),
  });
}
