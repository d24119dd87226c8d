/**
 * What parties record as they run (SET.md section 12): the `running` and `commit` events of
 * the agreement goals with the values each compares, and every decision, hold, capture,
 * fulfilment, certificate and money movement, so the goals can be checked on the
 * implementation's own logs. Values are printable strings (hex for bytes), so two events
 * agree exactly when their values are equal as strings.
 */
export const AGREEMENT_GOALS = [
  'merchant-agrees-with-cardholder',
  'gateway-agrees-with-cardholder',
  'gateway-agrees-with-merchant',
  'merchant-agrees-with-gateway',
  'cardholder-agrees-with-merchant',
] as const;
export type AgreementGoal = (typeof AGREEMENT_GOALS)[number];

export type AgreementValues = Readonly<Record<string, string>>;

export type ProtocolEvent =
  | {
      readonly kind: 'running' | 'commit';
      readonly by: string;
      readonly goal: AgreementGoal;
      readonly values: AgreementValues;
      /** The purchase's form as this party knows it: goals naming the cardholder are claimed for `signed` only (SET.md 12). */
      readonly form: 'signed' | 'unsigned';
    }
  | {
      readonly kind: 'decision';
      readonly by: string;
      readonly merchantId: string;
      readonly transId: string;
      readonly purchase: string;
      readonly approved: boolean;
      readonly authAmt: number;
      readonly authCode?: string;
      readonly holdRef?: string;
      readonly reason?: string;
      /** The PurchAmt of the cardholder's PI the decision was made on. */
      readonly purchAmt: number;
      readonly cardholder: string;
      /** The card account the issuer decided on (`card:C1`), null for an unknown card. */
      readonly card: string | null;
      /** H(PIData) of the PI decided on (H({PIHead, PANToken}) in the unsigned form): what the cardholder logged sending. */
      readonly piHash: string;
    }
  | { readonly kind: 'capture'; readonly by: string; readonly merchantId: string; readonly transId: string; readonly tokenId: string; readonly holdRef: string; readonly amount: number; readonly code: string }
  | { readonly kind: 'fulfil'; readonly by: string; readonly purchase: string; readonly transId: string }
  | {
      readonly kind: 'certificate';
      readonly by: string;
      readonly subject: string;
      readonly type: string;
      readonly usage: string;
      readonly key: string;
      readonly serial: string;
      readonly thumbprint: string;
      /** A cardholder certificate: whether the issuer confirmed the account (SET.md 4.1 step 5). */
      readonly confirmed?: boolean;
    }
  | { readonly kind: 'transfer'; readonly by: string; readonly from: string; readonly to: string; readonly amount: number; readonly memo: string }
  /** A party relied on a certificate (path validation passed, or a variant skipped it). */
  | { readonly kind: 'relied-on'; readonly by: string; readonly thumbprint: string; readonly label: string; readonly day: number }
  /** SET.md `revoke(party)`: these serials went on their CAs' CRLs. */
  | { readonly kind: 'revoked'; readonly by: string; readonly party: string; readonly thumbprints: readonly string[]; readonly day: number };

/** One log for a whole deployment; each party appends with its own name in `by`. */
export class EventLog {
  #events: ProtocolEvent[] = [];

  append(event: ProtocolEvent): void {
    this.#events.push(event);
  }

  get events(): readonly ProtocolEvent[] {
    return this.#events;
  }

  by(party: string): ProtocolEvent[] {
    return this.#events.filter((e) => e.by === party);
  }
}
