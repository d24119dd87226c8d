/** The scenario language (shared/ARCHITECTURE.md) and running scenarios. */
export * from './actions.ts';
export * from './message-ref.ts';
export { runScenario, observations, deliverAll, deliverable, type Run } from './run.ts';
export { setUpWorld, setUpActions, DEFAULT_EXPIRY, DEFAULT_LIMIT, type SetUpOptions } from './setup.ts';
