/** The world of the model: state, the pure `step`, observations and the canonical key (shared/ARCHITECTURE.md; SET.md 8). */
export { initialWorld } from './initial.ts';
export { resolveConfig, type WorldConfig, type ResolvedConfig } from './config.ts';
export { step } from './step.ts';
export { observe, views, attackerView, attackerSecrets, type Observation, type Views } from './observe.ts';
export { worldKey, canonical } from './key.ts';
export { findMessage, pendingMessages } from './network.ts';
export { tamperReach } from './adversary.ts';
export type { World, Party, NetworkMessage, Alteration, LogEntry, ActionResult, PurchaseRecord } from './world.ts';
