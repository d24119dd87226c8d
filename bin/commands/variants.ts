/** `set-verify variants`: the protocol variants of SET.md 10, each with its one-line description (model/variants). */
import { VARIANTS } from '../../model/variants/index.ts';
import { parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify variants [--json]

Lists the weakened protocols of SET.md section 10 that every command takes as --variant NAME:
the name, what changes, and the goals the suite must see broken (a goal marked † needs a
dishonest party in the scenario).

  --json   one JSON array: [{ "name", "description", "attack", "mustBreak", "needsDishonestParty" }]`;

export interface VariantListing {
  readonly name: string;
  readonly description: string;
  readonly attack: string;
  readonly mustBreak: readonly string[];
  readonly needsDishonestParty: readonly string[];
}

export function variantListing(): VariantListing[] {
  return VARIANTS.map((v) => ({ name: v.name, description: v.description, attack: v.attack, mustBreak: v.mustBreak, needsDishonestParty: v.needsDishonestParty }));
}

function formatListing(listing: readonly VariantListing[]): string {
  const width = Math.max(...listing.map((v) => v.name.length));
  return listing.map((v) => {
    const goals = v.mustBreak.map((g) => (v.needsDishonestParty.includes(g) ? `${g} †` : g)).join(', ');
    return `${v.name.padEnd(width)}  ${v.description}\n${' '.repeat(width)}  breaks: ${goals}`;
  }).join('\n');
}

export const variantsCommand: Command = {
  name: 'variants',
  summary: 'list the weakened protocols of SET.md section 10 with their descriptions',
  usage,
  async run(argv) {
    const args = parseArgs(argv, []);
    rejectUnknown(args, ['json']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const listing = variantListing();
    console.log(args.flags.has('json') ? JSON.stringify(listing, null, 2) : formatListing(listing));
    return 0;
  },
};
