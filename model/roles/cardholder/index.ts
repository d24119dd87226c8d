/** The cardholder (SET.md 4.1, 5). */
export * from './state.ts';
export { cardholderMachine, reactCardholder, initialCardholder, cardholderSecrets, type CardholderEvent } from './machine.ts';
