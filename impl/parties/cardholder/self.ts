/** What the cardholder's handlers see of the cardholder (the class in cardholder.ts). */
import type { PartyEnvironment } from '../environment.ts';
import type { Card, CardholderRecords, Identity } from './state.ts';

export interface CardholderSelf {
  readonly name: string;
  readonly env: PartyEnvironment;
  readonly card: Card;
  readonly identity: Identity;
  readonly brandId: string;
  /** The signature key pair it certifies at registration and signs with (key:<name>:signature). */
  readonly signatureKeys: CryptoKeyPair;
  readonly signatureSpki: Uint8Array;
  readonly records: CardholderRecords;
}
