/**
 * Small shared helpers of the parties: fresh values, printable forms of protocol values (for
 * views and event logs, SET.md 8 and 12), and the books of requests and freshness values.
 */
import { FRESH_VALUE_LENGTH } from '../crypto/algorithms.ts';
import { randomBytes, type CryptoContext } from '../crypto/provider.ts';
import { toHex } from '../pki/der-fields.ts';
import type { Amount, TransID } from '../wire/common.ts';
import type { CAP_CODES } from '../wire/capture.ts';

export type CapCode = (typeof CAP_CODES)[number];

/** 20 fresh octets: RRPID, XID, challenges, nonces, secrets (SET.md 3). */
export const fresh = (ctx: CryptoContext): Uint8Array => randomBytes(ctx, FRESH_VALUE_LENGTH);

export const hex = toHex;

const utf8 = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: false });

/** Local ids are the scenario's names as UTF-8 (docs/decisions.md D8: LID_C is the purchase id). */
export const localId = (name: string): Uint8Array => utf8.encode(name);
export const localIdText = (id: Uint8Array): string => text.decode(id);

/** `p1|p1|<hex XID>`: a TransID as events print and compare it. */
export const formatTransID = (t: TransID): string => `${localIdText(t.lidC)}|${localIdText(t.lidM)}|${hex(t.xid)}`;

export const formatAmount = (a: Amount): string => `${a.currency} ${a.minorUnits}`;

export const sameTransID = (a: TransID, b: TransID): boolean => formatTransID(a) === formatTransID(b);

export const sameAmount = (a: Amount, b: Amount): boolean => a.currency === b.currency && a.minorUnits === b.minorUnits;

/**
 * A requester's RRPIDs (SET.md 3): each request's RRPID is outstanding until its response is
 * accepted, then answered. A response naming an answered RRPID is `replay`, one naming no
 * RRPID of ours `unexpected` (SET.md 8, steps 2 and 3).
 */
export class RequestBook<S> {
  #outstanding = new Map<string, S>();
  #answered = new Set<string>();

  open(rrpid: Uint8Array, session: S): void {
    this.#outstanding.set(hex(rrpid), session);
  }

  find(rrpid: Uint8Array): { readonly state: 'outstanding'; readonly session: S } | { readonly state: 'answered' | 'unknown' } {
    const key = hex(rrpid);
    const session = this.#outstanding.get(key);
    if (session !== undefined) return { state: 'outstanding', session };
    return { state: this.#answered.has(key) ? 'answered' : 'unknown' };
  }

  answer(rrpid: Uint8Array): void {
    const key = hex(rrpid);
    this.#outstanding.delete(key);
    this.#answered.add(key);
  }

  /** Every outstanding session (a cardholder tries each CABackKey on a CertRes). */
  outstanding(): [Uint8Array, S][] {
    return [...this.#outstanding].map(([key, s]) => [Uint8Array.from(Buffer.from(key, 'hex')), s]);
  }
}

/** Freshness values a receiver consumed (SET.md 8 step 2). */
export class FreshnessBook {
  #seen = new Set<string>();

  seen(value: Uint8Array | string): boolean {
    return this.#seen.has(typeof value === 'string' ? value : hex(value));
  }

  consume(value: Uint8Array | string): void {
    this.#seen.add(typeof value === 'string' ? value : hex(value));
  }
}
