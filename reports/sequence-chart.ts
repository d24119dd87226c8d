/**
 * A counterexample as a Mermaid sequence diagram (issue 7): replayed on the model, every
 * delivery is an arrow from the claimed sender to the receiver labelled with the SET message
 * and the outcome, and every other action a note (the attacker's over "Spy"). Set-up actions
 * are left out: they are the same in every trace.
 */
import { findMessage, initialWorld, step, type Action } from '../model/index.ts';
import { describeAction } from '../properties/trace/describe-action.ts';
import type { TraceFile } from '../properties/trace/trace-file.ts';

const ADVERSARIAL = new Set(['drop', 'duplicate', 'replay', 'swapOrderData', 'tamper', 'redirect', 'substituteCertificate', 'fake', 'compromise']);
const safe = (text: string): string => text.replace(/[;#:]/g, ' ').replace(/\s+/g, ' ').trim();

export function sequenceDiagram(trace: TraceFile): string {
  let world = initialWorld(trace.config);
  const lines: string[] = [];
  const participants = new Set<string>();
  const note = (who: string, text: string) => {
    participants.add(who);
    lines.push(`  Note over ${who}: ${safe(text)}`);
  };
  for (const [i, action] of trace.actions.entries()) {
    const before = world;
    world = step(world, action);
    if (i < trace.setUp) continue;
    const number = `${i + 1}.`;
    if (action.type === 'deliver' && world.last.kind === 'delivered') {
      const message = findMessage(before.network, action.ref)!;
      participants.add(message.from).add(message.to);
      const arrow = world.last.outcome === 'accepted' ? '->>' : '-x';
      lines.push(`  ${message.from}${arrow}${message.to}: ${safe(`${number} ${message.kind} (${message.ref.session}) ${world.last.outcome}`)}`);
      continue;
    }
    const skipped = world.last.kind === 'skipped' || world.last.kind === 'refused' ? ` [${world.last.kind}]` : '';
    note(ADVERSARIAL.has(action.type) ? 'Spy' : actor(action), `${number} ${describeAction(action)}${skipped}`);
  }
  const order = ['Spy', ...[...participants].filter((p) => p !== 'Spy').sort()].filter((p) => participants.has(p));
  return ['sequenceDiagram', ...order.map((p) => `  participant ${p}`), ...lines].join('\n');
}

function actor(action: Action): string {
  switch (action.type) {
    case 'startPurchase':
      return action.cardholder;
    case 'capture':
      return action.merchant;
    case 'register':
      return action.party;
    default:
      return 'World';
  }
}
