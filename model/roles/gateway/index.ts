/** The payment gateway (SET.md 5.5, 5.6, 6). */
export * from './state.ts';
export { gatewayMachine, reactGateway, initialGateway, gatewaySecrets, type GatewayEvent } from './machine.ts';
