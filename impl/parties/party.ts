/**
 * What every SET party shares (SET.md section 8): it takes one delivery at a time (bytes from
 * a named sender), decodes it strictly, hands the message to its handler, and returns exactly
 * one outcome, the log of checks it made, and the messages it sends in reaction.
 *
 * The handlers' contract, which keeps "a rejected delivery changes nothing" true: a handler
 * reads its state while it checks and changes nothing until its last check has passed; a
 * rejection is returned, never thrown. Deliveries to one party are serialised, so no two
 * handlers of one party interleave across their awaits.
 */
import { CheckLog, type CheckEntry, type Rejection } from '../protocol/check-log.ts';
import type { Outcome } from '../protocol/outcomes.ts';
import { describeMalformed } from '../wire/codec.ts';
import { decodeMessage, encodeMessage, type Message, type MessageKind } from '../wire/messages.ts';
import type { CapCode } from './values.ts';
import type { PartyEnvironment } from './environment.ts';

/** One message a party sends: to whom, which kind, the bytes on the wire. */
export interface Outbound {
  readonly to: string;
  readonly kind: MessageKind;
  readonly bytes: Uint8Array;
}

export interface Delivery {
  /** The sender the network claims (the attacker can claim anyone); answers go there. */
  readonly from: string;
  readonly bytes: Uint8Array;
}

export interface DeliveryResult {
  readonly outcome: Outcome;
  /** The message kind, when the bytes decoded. */
  readonly kind?: MessageKind;
  /** The check that rejected it, and why. */
  readonly check?: string;
  readonly detail?: string;
  readonly checks: readonly CheckEntry[];
  readonly sent: readonly Outbound[];
  /** A CapReq's item codes, in item order (SET.md 6.2). */
  readonly items?: readonly CapCode[];
}

/** What a handler answers when every check passed. */
export interface Accepted {
  readonly sent: readonly Outbound[];
  readonly items?: readonly CapCode[];
}

export type Handled = Accepted | Rejection;

const isRejection = (handled: Handled): handled is Rejection => 'outcome' in handled;

export const outbound = (to: string, message: Message): Outbound => ({ to, kind: message.kind, bytes: encodeMessage(message) });

export abstract class Party {
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly env: PartyEnvironment,
  ) {}

  /** Handles one delivery; see the class comment for what that promises. */
  deliver(delivery: Delivery): Promise<DeliveryResult> {
    return this.serialised(() => this.#handle(delivery));
  }

  /**
   * Runs `body` in this party's queue: actions a party starts itself (a purchase, a
   * capture) go through it too, so they never interleave with a delivery.
   */
  protected serialised<T>(body: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(body, body);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** The kinds this party takes; any other decodes fine and is `unexpected`. */
  protected abstract readonly accepts: readonly MessageKind[];

  protected abstract receive(message: Message, from: string, log: CheckLog): Promise<Handled>;

  async #handle(delivery: Delivery): Promise<DeliveryResult> {
    const log = new CheckLog();
    const decoded = decodeMessage(delivery.bytes, this.env.protocol.wire);
    if (!decoded.ok) {
      const rejection = log.fail('decode (strict DER, wire profile)', 'malformed', describeMalformed(decoded.error));
      return { outcome: 'malformed', check: rejection.check, detail: rejection.detail!, checks: log.entries, sent: [] };
    }
    const message = decoded.value;
    log.pass(`decode ${message.kind}`);
    if (!this.accepts.includes(message.kind)) {
      const rejection = log.fail(`${this.name} takes ${message.kind}`, 'unexpected', `${this.name} never handles ${message.kind}`);
      return { outcome: rejection.outcome, kind: message.kind, check: rejection.check, detail: rejection.detail!, checks: log.entries, sent: [] };
    }
    const handled = await this.receive(message, delivery.from, log);
    if (isRejection(handled)) {
      const result = { outcome: handled.outcome, kind: message.kind, check: handled.check, checks: log.entries, sent: [] };
      return handled.detail === undefined ? result : { ...result, detail: handled.detail };
    }
    // An accepted delivery: the certificates it relied on go in the log (certificate-binding, SET.md 12).
    for (const r of log.reliedOn) this.env.log.append({ kind: 'relied-on', by: this.name, thumbprint: r.thumbprint, label: r.label, day: this.env.clock() });
    const result = { outcome: 'accepted' as const, kind: message.kind, checks: log.entries, sent: handled.sent };
    return handled.items ? { ...result, items: handled.items } : result;
  }
}
