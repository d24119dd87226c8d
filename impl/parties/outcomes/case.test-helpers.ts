/**
 * One provoked outcome of SET.md section 8: a world, the message delivered to the receiver,
 * and the outcome it must end in. The test delivers it and checks that the rejection changed
 * nothing (fixture's expectRejected).
 */
import type { Outbound } from '../party.ts';
import type { World } from '../../deployment/fixture.test-helpers.ts';

export interface OutcomeCase {
  readonly title: string;
  readonly outcome: string;
  readonly arrange: () => Promise<{ readonly w: World; readonly message: Outbound; readonly from: string }>;
}
