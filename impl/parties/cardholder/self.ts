/** What the cardholder's handlers see of the cardholder (the class in cardholder.ts). */
import type { PartyEnvironment } from '../environment.ts';
import type { KeySource } from '../keys.ts';
import type { Card, CardholderRecords, Identity } from './state.ts';

export interface CardholderSelf {
  readonly name: string;
  readonly env: PartyEnvironment;
  readonly card: Card;
  readonly identity: Identity;
  readonly brandId: string;
  /** New signature key pairs, one per registration (key:<name>:signature, D35). */
  readonly keys: KeySource;
  readonly records: CardholderRecords;
}
