/**
 * What every party is given at set-up: the crypto provider, the clock, the protocol it runs
 * (correct or a variant), what it trusts (RCA only, plus the published CA certificates and
 * CRLs it builds chains from), the shared event log, and the names book that prints keys and
 * cardholder certificates by their owners' scenario ids (SET.md section 8, naming).
 */
import type { CryptoContext } from '../crypto/provider.ts';
import type { Clock } from '../pki/clock.ts';
import type { CrlDirectory } from '../pki/crl-directory.ts';
import type { EventLog } from '../protocol/events.ts';
import type { Protocol } from '../protocol/protocol.ts';
import type { NameBook } from './name-book.ts';

export interface TrustStore {
  /** The RCA certificate: the only trust anchor (SET.md section 1). */
  readonly anchor: Uint8Array;
  /** Every CA certificate the PKI published (brand CAs, CCA, MCA, PCA): chain material, not trusted by itself. */
  readonly caCertificates: readonly Uint8Array[];
  readonly crls: CrlDirectory;
}

export interface PartyEnvironment {
  readonly ctx: CryptoContext;
  readonly clock: Clock;
  readonly protocol: Protocol;
  readonly trust: TrustStore;
  readonly log: EventLog;
  readonly names: NameBook;
}
