/**
 * What every role does the same way: certificate validation under the profile's switches
 * (SET.md 1, 10), decoding capabilities, fresh values, and output constructors. Fresh values are
 * labelled by owner, session and purpose (`M1:p1:XID`), so two worlds that reach the same
 * records by different interleavings hold the same terms.
 */
import {
  nonce, publicKey, symKey, type Agent, type Certificate, type KeyUsage, type Nonce, type PublicKey, type SymKey, type Term,
} from '../terms/index.ts';
import { validateCertificate, type CertificateUse } from '../pki/index.ts';
import { runs, type CheckId } from '../variants/index.ts';
import type { Capability } from '../messages/index.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { Rejection } from '../vocabulary/outcomes.ts';
import type { Environment } from './environment.ts';
import type { LogEvent, Output } from './outputs.ts';
import type { PrivateEvent } from './private-events.ts';

/** A SET message delivered off the network: its kind, its term, and the sender the network names (where answers go). */
export interface Delivery {
  readonly type: MessageKind;
  readonly message: Term;
  readonly from: Agent;
}

/** Which party validates: the cardholder and the merchant are the ones no-chain-validation weakens (SET.md 10). */
export type Validator = 'cardholder' | 'merchant' | 'gateway' | 'ca';

/**
 * SET.md 1's path validation as `bad-certificate:<why>`, or undefined. `check` is the section
 * check's id (a variant may skip it); `typeAndUsage` false accepts any type and usage
 * (any-cert-for-encryption).
 */
export function certificateFailure(
  env: Environment,
  validator: Validator,
  check: CheckId,
  candidate: Term,
  use: CertificateUse,
  typeAndUsage = true,
): Rejection | undefined {
  if (!runs(env.profile, check)) return undefined;
  const chain =
    validator === 'cardholder' ? runs(env.profile, 'cardholder.certificate-chain')
    : validator === 'merchant' ? runs(env.profile, 'merchant.certificate-chain')
    : true;
  const reason = validateCertificate(candidate, use, env, { chain, revocation: runs(env.profile, 'certificate.revocation'), typeAndUsage });
  return reason === undefined ? undefined : `bad-certificate:${reason}`;
}

/** Does this role make check `id` under its world's profile? */
export function checks(env: Environment, id: CheckId): boolean {
  return runs(env.profile, id);
}

/** Opens nothing: messages in clear or signed. */
export const NO_KEYS: Capability = Object.freeze({ opens: () => false, holds: () => false });

/** Opens envelopes addressed to any of these public keys. */
export function opensFor(keys: readonly PublicKey[], symmetric: readonly SymKey[] = []): Capability {
  return { opens: (key) => keys.includes(key), holds: (key) => symmetric.includes(key) };
}

/** A party's key pairs of one usage, generations 0 .. count - 1. */
export function keysOf(owner: string, usage: KeyUsage, count: number): PublicKey[] {
  return Array.from({ length: count }, (_, generation) => publicKey(owner, usage, generation));
}

export function freshNonce(...parts: readonly (string | number)[]): Nonce {
  return nonce(parts.join(':'));
}

export function freshKey(...parts: readonly (string | number)[]): SymKey {
  return symKey(parts.join(':'));
}

export function isCertificate(term: Term | undefined): term is Certificate {
  return term !== undefined && term.kind === 'cert';
}

export function send(kind: MessageKind, form: MessageForm, to: string, term: Term): Output {
  return { type: 'send', kind, form, to, term };
}

export function call(to: string, event: PrivateEvent): Output {
  return { type: 'call', to, event };
}

export function log(event: LogEvent): Output {
  return { type: 'log', event };
}

export function relied(party: string, env: Environment, ...certificates: (Term | undefined)[]): Output[] {
  return certificates.filter(isCertificate).map((certificate) => log({ type: 'certificate-relied-on', party, certificate, day: env.day }));
}

/** The name an agent term stands for ('' for a non-agent). */
export function nameOf(term: Term | undefined): string {
  return term !== undefined && term.kind === 'agent' ? term.name : '';
}

