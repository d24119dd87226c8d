/** The payment gateway's own records (SET.md 5.5-5.6, 6.2-6.4, 8). */
import type { FreshnessBook } from '../values.ts';

export interface GatewayDecision {
  readonly decision: 'approved' | 'declined';
  /** Minor units authorised (0 on a decline). */
  readonly authAmt: number;
  captured: number;
}

export interface GatewayRecords {
  /** `(MerchantID, XID)` pairs that reached a decision (SET.md 5.5: each is then used). */
  readonly decided: FreshnessBook;
  /** RRPIDs of AuthReqs and CapReqs answered. */
  readonly consumed: FreshnessBook;
  /** TokenIDs captured (SET.md 6.2: a second capture is `duplicate`). */
  readonly capturedTokens: FreshnessBook;
  /** The view: per purchase (LID_C), per merchant (docs/decisions.md D9). */
  readonly decisions: Map<string, Map<string, GatewayDecision>>;
}

export const decisionKey = (merchantId: string, xidHex: string): string => `${merchantId}|${xidHex}`;
