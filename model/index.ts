/**
 * The symbolic model of SET (shared/protocol/SET.md; shared/ARCHITECTURE.md): the one entry a
 * harness or an explorer needs. The vocabulary (names, message kinds, outcomes, goals, variants)
 * with SET.md's exact strings; the scenario language and `step`; observations (SET.md 8, D21);
 * the goals (SET.md 12); the variants (SET.md 10).
 */
export * from './vocabulary/index.ts';
export {
  type Action, type ActionType, type AdversarialAction, type HonestAction, type SetUpAction, type WorldAction,
  type OpenAccount, type OpenMerchantAccount, type Register, type StartPurchase, type Deliver, type Fulfil, type Capture, type Inquire,
  type AdvanceClock, type Revoke, type Block, type Drop, type Duplicate, type Replay, type SwapOrderData, type Tamper, type Redirect,
  type SubstituteCertificate, type CertificateSubstitute, type Fake, type FakeValue, type Compromise, type Order, type MessageRef,
  ACTION_TYPES, SET_UP_ACTION_TYPES, HONEST_ACTION_TYPES, WORLD_ACTION_TYPES, ADVERSARIAL_ACTION_TYPES, isAdversarial, orderAmount,
  messageRef, formatRef, captureSession, runScenario, observations, deliverAll, deliverable, setUpWorld, setUpActions, type Run,
} from './scenario/index.ts';
export {
  initialWorld, step, observe, worldKey, findMessage, pendingMessages, tamperReach,
  type World, type WorldConfig, type Observation, type Views, type ActionResult, type NetworkMessage, type LogEntry, type Alteration,
} from './world/index.ts';
export { GOALS, checkGoals, violatedGoals, goalNamed, possibilityRun, type Goal, type GoalVerdict } from './goals/index.ts';
export { VARIANTS, variantNamed, profileOf, CHECK_IDS, type Variant, type VariantSpec, type CheckId, type MessageShape } from './variants/index.ts';
export { fieldNames, templateOf } from './messages/index.ts';
export {
  explore, replay, fakeMoves, formatTrace, describeAction, describeResult, messageName, partyName, DEFAULT_SETTINGS, variantSettings,
  type ExploreReport, type ExploreSettings, type Trace, type Violation,
} from './explore/index.ts';
