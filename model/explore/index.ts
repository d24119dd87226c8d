/**
 * The explorer (issue 5 item 7; SET.md 9, 10, 12): breadth-first search over worlds deduplicated
 * by canonical key, and seeded random walks, with every goal checked on every new world and the
 * shortest trace of each violation as numbered protocol steps.
 */
export { explore, replay, variantLabel, type ExploreReport, type ExploreOptions, type Violation } from './explore.ts';
export { search, type SearchResult, type SearchProgress, type SearchOptions, type Found } from './search.ts';
export { randomWalks, type WalkOptions, type WalkResult } from './walks.ts';
export { DEFAULT_SETTINGS, EXPLORATION_ORDER, settingsWith, type ExploreSettings, type PurchasePlan } from './settings.ts';
export { VARIANT_EXPLORATIONS, variantSettings, type VariantExploration } from './variant-settings.ts';
export { fakeMoves, type FakeMove } from './fake-templates.ts';
export { startConfigOf, startWorld, type StartConfig } from './start.ts';
export { describeAction, describeResult, formatTrace, messageName, partyName, type Trace } from './trace.ts';
