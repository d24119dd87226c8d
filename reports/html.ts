/**
 * The HTML report (issue 7): one self-contained page (no network: the Mermaid library, pinned
 * from npm, is inlined) with the goal × protocol matrix, each counterexample as a message
 * sequence chart with its replay command, the role machines as state diagrams, the model
 * transition coverage and the time each stage took.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Results } from './results.ts';
import { sequenceDiagram } from './sequence-chart.ts';
import { cellText } from './summary.ts';

const html = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const id = (protocol: string, goal: string): string => `cx-${protocol}-${goal}`.replace(/[^A-Za-z0-9-]/g, '-');

function mermaidSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');
}

export function reportHtml(results: Results): string {
  const matrix = [
    '<table class="matrix"><thead><tr><th>goal</th>',
    ...results.protocols.map((p) => `<th>${html(p)}</th>`),
    '</tr></thead><tbody>',
    ...results.goals.map((goal) => {
      const cells = results.protocols.map((p) => {
        const cell = results.cells.find((c) => c.protocol === p && c.goal === goal);
        if (!cell) return '<td></td>';
        const text = html(cellText(cell).replace(/\*\*/g, ''));
        const content = cell.counterexample ? `<a href="#${id(p, goal)}">${text}</a>` : text;
        return `<td class="${cell.pass ? 'pass' : 'fail'} ${cell.model === 'broken' ? 'broken' : 'holds'}">${content}</td>`;
      });
      return `<tr><th>${html(goal)}</th>${cells.join('')}</tr>`;
    }),
    '</tbody></table>',
  ].join('\n');
  const counterexamples = results.cells
    .filter((c) => c.counterexample)
    .map((c) => {
      const cx = c.counterexample!;
      return [
        `<section id="${id(c.protocol, c.goal)}"><h3>${html(c.goal)} on ${html(c.protocol)}</h3>`,
        `<p>${html(cx.trace.title)} (found by the ${cx.foundBy}).</p>`,
        `<pre class="mermaid">${html(sequenceDiagram(cx.trace))}</pre>`,
        `<ol start="${cx.trace.setUp + 1}">${cx.steps.slice(1).map((s) => `<li>${html(s.replace(/^\d+\. /, ''))}</li>`).join('')}</ol>`,
        `<p>Replay: <code>${html(cx.replay)}</code></p></section>`,
      ].join('\n');
    })
    .join('\n');
  const machines = Object.entries(results.machines)
    .map(([role, diagram]) => `<section><h3>${html(role)}</h3><pre class="mermaid">${html(diagram)}</pre></section>`)
    .join('\n');
  const coverage = results.coverage.modelTransitions
    .map((r) => `<tr><th>${html(r.role)}</th><td>${r.taken} / ${r.total}</td><td>${r.total ? Math.round((100 * r.taken) / r.total) : 100}%</td><td>${html(r.missing.join(', '))}</td></tr>`)
    .join('');
  const lines = results.coverage.implLines;
  const implCoverage = lines
    ? `<p>${lines.covered} of ${lines.total} lines of the impl/ files the run loaded ran (${Math.round((100 * lines.covered) / lines.total)}%), measured with c8. Not loaded: ${html(lines.notLoaded.join(', ') || 'none')}.</p>
<details><summary>per file</summary><table><tr><th>file</th><th>lines run</th><th></th></tr>${lines.files
        .map((f) => `<tr><th>${html(f.file)}</th><td>${f.covered} / ${f.total}</td><td>${f.total ? Math.round((100 * f.covered) / f.total) : 100}%</td></tr>`)
        .join('')}</table></details>`
    : '<p>Not measured in this run (--no-coverage).</p>';
  const stages = results.stages.map((s) => `<tr><th>${html(s.name)}</th><td>${s.seconds.toFixed(1)} s</td></tr>`).join('');
  const failing = results.cells.filter((c) => !c.pass).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>set-verify report</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1b1b; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.matrix td.holds { background: #eef8ee; } .matrix td.broken { background: #fdf0e6; } .matrix td.fail { outline: 3px solid #c00; }
.matrix thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; }
pre.mermaid { background: #fafafa; padding: .5rem; }
.status { font-weight: bold; } .status.fail { color: #c00; } .status.pass { color: #070; }
</style></head><body>
<h1>set-verify</h1>
<p class="status ${failing ? 'fail' : 'pass'}">${failing ? `${failing} cell(s) differ from the expected table` : 'every cell as expected'}; ${results.cells.length} cells, seed ${results.seed}${results.quick ? ', quick run' : ''}, generated ${html(results.generated)}${results.plugins.length ? `; plug-ins: ${html(results.plugins.join(', '))}` : ''}.</p>
<h2>Goals × protocols</h2>
<p>Each cell: what the model (explorer and check) and the implementation (its own records) found. A number is the length of the shortest counterexample, in actions after set-up; click it for the attack.</p>
${matrix}
<h2>Counterexamples</h2>
${counterexamples || '<p>None.</p>'}
<h2>Role machines</h2>
${machines}
<h2>Model transition coverage</h2>
<table><tr><th>role</th><th>transitions taken</th><th></th><th>not taken</th></tr>${coverage}</table>
<h2>Implementation line coverage</h2>
${implCoverage}
<h2>Stages</h2>
<table>${stages}</table>
<script>${mermaidSource().replace(/<\/script/gi, '<\\/script')}</script>
<script>mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', sequence: { showSequenceNumbers: false } });</script>
</body></html>
`;
}
