/** The shared vocabulary of set-verify, with exactly SET.md's strings (SET.md 1, 8, 10, 12). */
export * from './agents.ts';
export * from './message-kinds.ts';
export * from './outcomes.ts';
export * from './goal-names.ts';
export * from './variant-names.ts';
