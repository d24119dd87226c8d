/**
 * The protocol profile a world runs: the message shape and the set of skipped checks, composed
 * from any number of variants (SET.md 10). The standard profile (no variant) is SET.md 4-6.
 * Roles ask `runs(profile, id)` before each check and read `profile.shape` when they build or
 * read a message.
 */
import { STANDARD_SHAPE, type CheckId, type MessageShape } from './switches.ts';
import { variantNamed, type Variant } from './variants.ts';

export interface Profile {
  /** The variants, in the order given, by name. */
  readonly variants: readonly string[];
  readonly shape: MessageShape;
  readonly skipped: ReadonlySet<CheckId>;
}

/** A variant by its SET.md 10 name, or a plug-in variant object. */
export type VariantSpec = string | Variant;

/** Composes variants: the union of their skipped checks and of their shape changes. */
export function profileOf(specs: readonly VariantSpec[] = []): Profile {
  const variants = specs.map((spec) => {
    if (typeof spec !== 'string') return spec;
    const found = variantNamed(spec);
    if (found === undefined) throw new RangeError(`unknown variant "${spec}"`);
    return found;
  });
  const shape: Record<keyof MessageShape, boolean> = { ...STANDARD_SHAPE };
  const skipped = new Set<CheckId>();
  for (const v of variants) {
    for (const [flag, value] of Object.entries(v.shape ?? {})) {
      if (!(flag in STANDARD_SHAPE)) throw new RangeError(`variant "${v.name}": unknown shape flag "${flag}"`);
      shape[flag as keyof MessageShape] = value as boolean;
    }
    for (const id of v.skips ?? []) skipped.add(id);
  }
  return Object.freeze({ variants: Object.freeze(variants.map((v) => v.name)), shape: Object.freeze(shape), skipped });
}

export const STANDARD_PROFILE: Profile = profileOf([]);

/** Does the role make check `id` under this profile? */
export function runs(profile: Profile, id: CheckId): boolean {
  return !profile.skipped.has(id);
}
