/**
 * A protocol as the parties run it: the correct protocol of SET.md with zero or more variants
 * applied (SET.md section 10). Variants compose: their rule changes add up, their wire
 * changes apply in order, their content hooks run in order.
 */
import { SetVerifyError } from '../errors.ts';
import { DEFAULT_WIRE_PROFILE, withRules, type WireProfile } from '../wire/profile.ts';
import { composeHooks, type ContentHooks } from './hooks.ts';
import { CORRECT_RULES, type ProtocolRules } from './rules.ts';
import { findVariant, VARIANT_NAMES, type Variant } from './variants.ts';

export interface Protocol {
  /** `SET`, or `SET+<variant>+...`. */
  readonly name: string;
  readonly variants: readonly string[];
  readonly rules: ProtocolRules;
  readonly wire: WireProfile;
  readonly hooks: Required<ContentHooks>;
}

export function composeProtocol(variants: readonly Variant[]): Protocol {
  const seen = new Set<string>();
  for (const v of variants) {
    if (seen.has(v.name)) throw new SetVerifyError('duplicate-variant', `variant ${v.name} given twice`);
    seen.add(v.name);
    for (const [rule, value] of Object.entries(v.rules)) {
      if (!(rule in CORRECT_RULES)) throw new SetVerifyError('unknown-rule', `variant ${v.name} switches unknown rule ${rule}`);
      if (value !== false) throw new SetVerifyError('not-a-weakening', `variant ${v.name} sets ${rule} to ${String(value)}; a variant only turns rules off`);
    }
  }
  const name = ['SET', ...variants.map((v) => v.name)].join('+');
  return {
    name,
    variants: variants.map((v) => v.name),
    rules: Object.freeze(Object.assign({}, CORRECT_RULES, ...variants.map((v) => v.rules)) as ProtocolRules),
    wire: variants.reduce((profile, v) => (v.wire ? withRules(profile, name, v.wire) : profile), DEFAULT_WIRE_PROFILE),
    hooks: composeHooks(variants.flatMap((v) => (v.hooks ? [v.hooks] : []))),
  };
}

/** The protocol of the named variants (built-in or among `plugins`); an unknown name is an error listing the known ones. */
export function protocolOf(names: readonly string[] = [], plugins: readonly Variant[] = []): Protocol {
  return composeProtocol(
    names.map((name) => {
      const found = findVariant(name, plugins);
      if (!found) throw new SetVerifyError('unknown-variant', `unknown variant "${name}"; known: ${[...VARIANT_NAMES, ...plugins.map((p) => p.name)].join(', ')}`);
      return found;
    }),
  );
}

export const CORRECT_PROTOCOL: Protocol = composeProtocol([]);
