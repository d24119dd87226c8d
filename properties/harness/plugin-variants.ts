/**
 * The implementation side of users' own protocol changes (attacks/plugin.ts): a world's config
 * names a plug-in variant by the model's object; the run takes its implementation (rules, wire
 * changes, content hooks) from here, by the same name.
 */
import type { Variant as ImplVariant } from '../../impl/protocol/variants.ts';

const registered = new Map<string, ImplVariant>();

export function registerImplVariant(variant: ImplVariant): void {
  registered.set(variant.name, variant);
}

export function implPluginVariants(): readonly ImplVariant[] {
  return [...registered.values()];
}
