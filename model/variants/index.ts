/** The protocol variants of SET.md 10 as composable weakenings, and the profile they compose into. */
export { VARIANTS, variantNamed, type Variant } from './variants.ts';
export { profileOf, runs, STANDARD_PROFILE, type Profile, type VariantSpec } from './profile.ts';
export { CHECK_IDS, STANDARD_SHAPE, shapeKey, type CheckId, type MessageShape } from './switches.ts';
export { VARIANT_NAMES, type VariantName } from '../vocabulary/variant-names.ts';
