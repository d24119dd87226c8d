/**
 * docs/decisions.md D15: after decoding, a message of a kind its receiver's role never handles
 * is `unexpected` (no session takes it; no envelope is tried). Decoding here is reading the
 * structure of any form of the kind; a term that fits none is `malformed`.
 */
import { parse, templateOf } from '../messages/index.ts';
import { FORMS_OF_KIND } from '../vocabulary/message-kinds.ts';
import { NO_KEYS, type Delivery } from './common.ts';
import type { Environment } from './environment.ts';
import { reject, type Rejected } from './reaction.ts';

export function unhandledKind(env: Environment, event: Delivery): Rejected {
  for (const form of FORMS_OF_KIND[event.type]) {
    if (parse(templateOf(event.type, form, env.profile.shape), event.message, { capability: NO_KEYS, structureOnly: true }).ok) {
      return reject('unexpected', `no session takes a ${event.type} here`);
    }
  }
  return reject('malformed', `not a ${event.type}`);
}
