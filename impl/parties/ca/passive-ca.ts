/**
 * RCA, BCA and PCA as SET parties on the network (SET.md 1): they certify at set-up only and
 * take no message in scenarios, so whatever is delivered to them decodes and is `unexpected`
 * (docs/decisions.md D15). They exist so that a message redirected to them gets an outcome
 * from a party, as on the model.
 */
import type { CheckLog } from '../../protocol/check-log.ts';
import type { Message, MessageKind } from '../../wire/messages.ts';
import type { Handled } from '../party.ts';
import { CaParty } from './ca-party.ts';

export class PassiveCa extends CaParty {
  protected readonly accepts: readonly MessageKind[] = [];

  protected receive(message: Message, _from: string, _log: CheckLog): Promise<Handled> {
    throw new Error(`unreachable: ${this.name} takes no ${message.kind}`);
  }
}
