/** The merchant (SET.md 4.2, 5, 6). */
export * from './state.ts';
export { merchantMachine, reactMerchant, initialMerchant, merchantSecrets, type MerchantEvent } from './machine.ts';
