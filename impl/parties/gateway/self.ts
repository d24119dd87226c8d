/** What the gateway's handlers see of the gateway (the class in gateway.ts). */
import type { PaymentNetwork } from '../../ledger/payment-network.ts';
import type { PartyEnvironment } from '../environment.ts';
import type { GatewayRecords } from './state.ts';

export interface GatewaySelf {
  readonly name: string;
  readonly env: PartyEnvironment;
  readonly signatureKeys: CryptoKeyPair;
  readonly keyExchangeKeys: CryptoKeyPair;
  /** CertS(P), sent with AuthRes and CapRes. */
  readonly certS: Uint8Array;
  /** The issuer and acquirer, over the private payment network. */
  readonly network: PaymentNetwork;
  readonly records: GatewayRecords;
}
