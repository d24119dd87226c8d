/** The Markdown summary (issue 7): the goal × protocol matrix, for a CI job summary. */
import type { Cell, Results } from './results.ts';

export function cellText(cell: Cell): string {
  const length = cell.counterexample ? ` (${cell.counterexample.steps.length - 1})` : '';
  const verdict = cell.model === cell.impl ? (cell.model === 'holds' ? 'holds' : `broken${length}`) : `model ${cell.model} / impl ${cell.impl}`;
  return cell.pass ? verdict : `**${verdict} (expected ${cell.expected})**`;
}

/** Model transitions taken in the run, over all roles, and the ones not taken. */
export function coverageLine(results: Results): string {
  const roles = results.coverage.modelTransitions;
  const taken = roles.reduce((n, r) => n + r.taken, 0);
  const total = roles.reduce((n, r) => n + r.total, 0);
  const missing = roles.flatMap((r) => r.missing.map((m) => `${r.role} ${m}`));
  const lines = results.coverage.implLines;
  const impl = lines ? ` Implementation lines run: ${lines.covered} of ${lines.total} (${Math.round((100 * lines.covered) / lines.total)}%).` : '';
  return `Model transitions taken: ${taken} of ${total} (${total ? Math.round((100 * taken) / total) : 100}%)${missing.length ? `; not taken: ${missing.join(', ')}` : ''}.${impl}`;
}

/** The summary; `stages: false` leaves out the time of each stage (the terminal shows only the total). */
export function summaryMarkdown(results: Results, options: { stages?: boolean } = {}): string {
  const failing = results.cells.filter((c) => !c.pass);
  const lines = [
    '# set-verify',
    '',
    `${results.cells.length - failing.length} of ${results.cells.length} cells as expected${results.quick ? ' (quick run)' : ''}; seed ${results.seed}.`,
    '',
    `| goal | ${results.protocols.join(' | ')} |`,
    `|---|${results.protocols.map(() => '---').join('|')}|`,
  ];
  for (const goal of results.goals) {
    const row = results.protocols.map((p) => {
      const cell = results.cells.find((c) => c.protocol === p && c.goal === goal);
      return cell ? cellText(cell) : '';
    });
    lines.push(`| ${goal} | ${row.join(' | ')} |`);
  }
  lines.push('', 'A number is the length (in actions after set-up) of the shortest counterexample found.', '', coverageLine(results), '');
  if (options.stages !== false && results.stages.length) lines.push('| stage | seconds |', '|---|---|', ...results.stages.map((s) => `| ${s.name} | ${s.seconds.toFixed(1)} |`), '');
  return `${lines.join('\n')}\n`;
}
