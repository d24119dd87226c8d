/**
 * The role machines as Mermaid state diagrams (issue 5 item 3: "`npx set-verify model --mermaid`
 * prints each machine as a Mermaid state diagram a student can read"), read off the xstate
 * machines themselves with `xstate/graph`. Every machine has one state, `serving`, and one
 * guarded transition per rule (role-machine.ts), so a diagram shows each transition as a
 * labelled self-loop, `PReq / PReqS` (the event, then the rule named after the SET message, when
 * they differ; world and private events in brackets), and a note that says what each rule checks
 * and sends, with its SET.md section.
 */
import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import { isMessageKind } from '../vocabulary/message-kinds.ts';
import type { PartyRole } from '../vocabulary/agents.ts';
import { ROLE_MODULES } from './index.ts';

export interface RuleEdge {
  /** The event the transition takes: a SET message kind, or a world or private event. */
  readonly event: string;
  /** The rule (the guard's parameter), named after the SET message. */
  readonly rule: string;
  readonly description: string;
  /** The event is a SET message delivered over the network. */
  readonly message: boolean;
}

export interface RoleDiagram {
  readonly role: PartyRole;
  readonly machine: string;
  readonly states: readonly string[];
  readonly rules: readonly RuleEdge[];
}

const TITLES: Readonly<Record<PartyRole, string>> = {
  cardholder: 'cardholder (SET.md 4.1, 5)',
  merchant: 'merchant (SET.md 4.2, 5, 6)',
  gateway: 'payment gateway (SET.md 5.5-5.6, 6.2-6.4)',
  ca: 'certificate authorities CCA and MCA (SET.md 4.1, 4.2)',
  issuer: 'issuer, over the private payment network (SET.md 5.5, 6.3, 7)',
  acquirer: 'acquirer, over the private payment network (SET.md 6.3, 7)',
};

/** The states and rules of one machine, from its directed graph. */
export function roleDiagram(role: PartyRole, machine: AnyStateMachine = ROLE_MODULES[role].machine): RoleDiagram {
  const graph = toDirectedGraph(machine);
  const nodes = [graph, ...graph.children];
  const rules: RuleEdge[] = [];
  for (const node of nodes) {
    for (const edge of node.edges) {
      const guard = edge.transition.guard as { params?: { rule?: string } } | undefined;
      const event = edge.label.text;
      rules.push({ event, rule: guard?.params?.rule ?? event, description: edge.transition.description ?? '', message: isMessageKind(event) });
    }
  }
  return { role, machine: machine.id, states: graph.children.map((c) => c.stateNode.key), rules };
}

/** Mermaid text is line-based; keep a note's text free of what its parser treats specially. */
function mermaidText(text: string): string {
  return text.replace(/[;#{}]/g, (c) => ({ ';': ',', '#': 'no. ', '{': '(', '}': ')' })[c]!).replace(/:/g, ' -');
}

/** One machine as a Mermaid `stateDiagram-v2`. */
export function mermaidOf(diagram: RoleDiagram): string {
  const state = diagram.states[0] ?? 'serving';
  const lines = ['stateDiagram-v2', `  %% ${diagram.machine}: ${TITLES[diagram.role]}`, `  [*] --> ${state}`];
  const messages = diagram.rules.filter((r) => r.message);
  const others = diagram.rules.filter((r) => !r.message);
  for (const r of messages) lines.push(`  ${state} --> ${state} : ${r.event === r.rule ? r.event : `${r.event} / ${r.rule}`}`);
  for (const r of others) lines.push(`  ${state} --> ${state} : (${r.event})`);
  lines.push(`  note right of ${state}`);
  if (messages.length > 0) lines.push('    SET messages it takes, one rule each -');
  for (const r of messages) lines.push(`    ${r.rule} - ${mermaidText(r.description)}`);
  if (others.length > 0) lines.push('    world and private events (in brackets) -');
  for (const r of others) lines.push(`    ${r.event} - ${mermaidText(r.description)}`);
  lines.push('  end note');
  return lines.join('\n');
}

export const DIAGRAM_ROLES: readonly PartyRole[] = ['cardholder', 'merchant', 'gateway', 'ca', 'issuer', 'acquirer'];

/** Every role machine as Markdown: a heading and a Mermaid block each. */
export function roleDiagramsMarkdown(): string {
  return DIAGRAM_ROLES.map((role) => `## ${TITLES[role]}\n\n\`\`\`mermaid\n${mermaidOf(roleDiagram(role))}\n\`\`\`\n`).join('\n');
}

export function roleTitle(role: PartyRole): string {
  return TITLES[role];
}
