/**
 * `set-verify explore`: the model's explorer (model/explore; issue 5 item 7). Exit 0 when every
 * goal of SET.md 12 holds in the explored space, 1 when one is violated, 2 on a usage error.
 */
import {
  DEFAULT_SETTINGS, explore, settingsWith, variantSettings, type ExploreReport, type ExploreSettings, type SearchProgress,
} from '../../model/explore/index.ts';
import { VARIANT_NAMES, type VariantName } from '../../model/variants/index.ts';
import { intOption, parseArgs, rejectUnknown, UsageError, type ParsedArgs } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify explore [--variant NAME] [--depth N] [--adversary K] [--budget SECONDS] [--walks N --seed S] [--json]

Explores the symbolic model breadth-first from the set-up world (registrations done): every
honest action (start the purchases, deliver, fulfil, capture, inquire) and at most K actions of
the attacker or the world, up to N actions in all, worlds deduplicated. Prints the states
explored, the time, whether the bounded space was explored completely, and for each goal of
SET.md 12 that is violated the shortest trace as numbered protocol steps.

Default world: cardholder C1, merchants M1 and M2 (the attacker plays M2), gateway P1, purchases
p1 (C1 at M1) and p2 (C1 at M2), each signed or unsigned; depth ${DEFAULT_SETTINGS.depth}, adversary ${DEFAULT_SETTINGS.adversary}.
With --variant, the world and bounds of that variant's exploration (model/explore/variant-settings.ts).

  --variant NAME    a weakened protocol of SET.md section 10 (see set-verify variants)
  --depth N         most actions in a trace (after set-up)
  --adversary K     most adversarial actions in a trace
  --budget SECONDS  stop after this long and report the search incomplete (default ${DEFAULT_SETTINGS.budgetSeconds})
  --walks N         also N seeded random walks (deeper, not exhaustive); --seed S (default 1)
  --json            one JSON document: { "variant", "statesExplored", "complete", "seconds", "violations": [...] }

Exit code: 0 every goal holds, 1 a goal is violated, 2 a usage error.`;

const OPTIONS = ['variant', 'depth', 'adversary', 'budget', 'walks', 'seed'];

export function settingsFromArgs(args: ParsedArgs): ExploreSettings {
  const variant = args.flags.get('variant');
  if (variant === true) throw new UsageError('--variant needs a value');
  if (variant !== undefined && !(VARIANT_NAMES as readonly string[]).includes(variant)) {
    throw new UsageError(`unknown variant "${variant}"; known: ${VARIANT_NAMES.join(', ')}`);
  }
  const base = variant === undefined ? DEFAULT_SETTINGS : variantSettings(variant as VariantName);
  return settingsWith({
    depth: intOption(args, 'depth', base.depth, 0),
    adversary: intOption(args, 'adversary', base.adversary, 0),
    budgetSeconds: intOption(args, 'budget', base.budgetSeconds, 1),
  }, base);
}

function describeWorld(settings: ExploreSettings): string {
  const played = (name: string) => (settings.dishonest.includes(name) ? `${name} (played by the attacker)` : name);
  const purchases = settings.purchases.map((p) => `${p.purchase} (${p.cardholder} at ${p.merchant}, ${p.forms.join('|')})`);
  return [
    `cardholders ${settings.cardholders.map(played).join(', ')}; merchants ${settings.merchants.map(played).join(', ')}; gateways ${settings.gateways.join(', ')}`,
    `purchases ${purchases.join(', ') || 'none'}${settings.registrations.length > 0 ? `; registering again: ${settings.registrations.join(', ')}` : ''}`,
  ].join('\n');
}

export function formatReport(report: ExploreReport, settings: ExploreSettings): string {
  const lines = [
    `explore: ${report.variant === null ? 'the correct protocol' : `variant ${report.variant}`}`,
    describeWorld(settings),
    `bounds: ${report.depth} actions, ${report.adversary} adversarial`,
    `explored ${report.statesExplored.toLocaleString('en')} states (${report.steps.toLocaleString('en')} steps, ${report.stepsPerSecond.toLocaleString('en')} steps/s) in ${report.seconds.toFixed(1)} s: ` +
      (report.saturated ? 'complete, and nothing is left beyond the depth bound' : report.complete ? 'complete within the bounds' : 'INCOMPLETE (the time budget ran out)'),
  ];
  if (report.walks) lines.push(`random walks: ${report.walks.walks} of up to ${report.walks.length} actions, seed ${report.walks.seed}`);
  if (report.violations.length === 0) {
    lines.push('', 'every goal holds');
    return lines.join('\n');
  }
  for (const v of report.violations) {
    lines.push('', `VIOLATED ${v.goal} (${v.trace.actions.length} actions${v.foundBy === 'walk' ? ', found by a random walk' : ''}): ${v.explanation}`, ...v.trace.steps.map((s) => `  ${s}`));
  }
  return lines.join('\n');
}

/** The JSON document (issue 5: `statesExplored`, `complete`, `violations`, each with its trace's steps and actions). */
export function reportJson(report: ExploreReport): object {
  return {
    variant: report.variant, statesExplored: report.statesExplored, complete: report.complete, saturated: report.saturated,
    seconds: Number(report.seconds.toFixed(3)), steps: report.steps, stepsPerSecond: report.stepsPerSecond, depth: report.depth, adversary: report.adversary,
    violations: report.violations.map((v) => ({ goal: v.goal, explanation: v.explanation, foundBy: v.foundBy, trace: { steps: v.trace.steps, actions: v.trace.actions } })),
    ...(report.walks ? { walks: report.walks } : {}),
    start: report.start,
  };
}

function progressLine(p: SearchProgress): string {
  return `explore: ${p.statesExplored.toLocaleString('en')} states, ${p.steps.toLocaleString('en')} steps, depth ${p.depth}, ${p.seconds.toFixed(0)} s, ${p.violations} goal(s) violated`;
}

export const exploreCommand: Command = {
  name: 'explore',
  summary: 'search the symbolic model for goal violations (breadth-first, with an attacker)',
  usage,
  async run(argv) {
    const args = parseArgs(argv, OPTIONS);
    rejectUnknown(args, [...OPTIONS, 'json']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const settings = settingsFromArgs(args);
    const walks = intOption(args, 'walks', 0, 0);
    const seed = intOption(args, 'seed', 1, 0);
    const tty = process.stderr.isTTY === true;
    const report = explore(settings, {
      ...(tty ? { onProgress: (p: SearchProgress) => void process.stderr.write(`\r${progressLine(p)}\x1b[K`) } : {}),
      ...(walks > 0 ? { walks: { walks, seed } } : {}),
    });
    if (tty) process.stderr.write('\r\x1b[K');
    else console.error(`explore: ${report.statesExplored} states, ${report.steps} steps in ${report.seconds.toFixed(1)} s, ${report.complete ? 'complete' : 'incomplete'}, ${report.violations.length} goal(s) violated`);
    console.log(args.flags.has('json') ? JSON.stringify(reportJson(report), null, 2) : formatReport(report, settings));
    return report.violations.length === 0 ? 0 : 1;
  },
};
