/** `set-verify model`: the symbolic model's role machines (SET.md 4-7), as text or as Mermaid state diagrams. */
import { DIAGRAM_ROLES, roleDiagram, roleDiagramsMarkdown, roleTitle } from '../../model/roles/diagram.ts';
import { parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify model [--mermaid]

Prints the role machines of the symbolic model (model/roles): for each role, the SET messages
and world events it takes and the rule each follows, with its SET.md section. Every machine has
one state, serving, and one guarded transition per rule.

  --mermaid   Markdown with one Mermaid stateDiagram-v2 per role (paste into any Mermaid viewer)`;

function plainText(): string {
  return DIAGRAM_ROLES.map((role) => {
    const diagram = roleDiagram(role);
    const width = Math.max(...diagram.rules.map((r) => `${r.event} / ${r.rule}`.length));
    const rows = diagram.rules.map((r) => `  ${`${r.event} / ${r.rule}`.padEnd(width)}  ${r.description}`);
    return `${roleTitle(role)}: state ${diagram.states.join(', ')}\n${rows.join('\n')}`;
  }).join('\n\n');
}

export const modelCommand: Command = {
  name: 'model',
  summary: 'print the role machines of the symbolic model (--mermaid: as state diagrams)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, []);
    rejectUnknown(args, ['mermaid']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    console.log(args.flags.has('mermaid') ? roleDiagramsMarkdown() : plainText());
    return 0;
  },
};
