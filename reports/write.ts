/**
 * Writes the reports of a run into one folder (default out/, git-ignored): results.json (the
 * document), junit.xml, summary.md, report.html, and each counterexample as a trace file under
 * traces/ that `set-verify replay` runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { reportHtml } from './html.ts';
import { junitXml } from './junit.ts';
import { ALL_PROTOCOLS } from './run-verify.ts';
import type { Results } from './results.ts';
import { summaryMarkdown } from './summary.ts';

export async function writeReports(results: Results, dir: string): Promise<Results> {
  await mkdir(join(dir, 'traces'), { recursive: true });
  const cells = [];
  for (const cell of results.cells) {
    if (!cell.counterexample) {
      cells.push(cell);
      continue;
    }
    const file = join(dir, 'traces', `${cell.protocol}--${cell.goal}.json`);
    await writeFile(file, `${JSON.stringify(cell.counterexample.trace, null, 1)}\n`);
    const plugins = results.protocols.includes(cell.protocol) && !ALL_PROTOCOLS.includes(cell.protocol) ? results.plugins.map((p) => ` --plugin ${p}`).join('') : '';
    cells.push({ ...cell, counterexample: { ...cell.counterexample, replay: `npx set-verify replay${plugins} ${relative(process.cwd(), file) || file}` } });
  }
  const written: Results = { ...results, cells };
  await Promise.all([
    writeFile(join(dir, 'results.json'), `${JSON.stringify(written, null, 1)}\n`),
    writeFile(join(dir, 'junit.xml'), junitXml(written)),
    writeFile(join(dir, 'summary.md'), summaryMarkdown(written)),
    writeFile(join(dir, 'report.html'), reportHtml(written)),
  ]);
  return written;
}
