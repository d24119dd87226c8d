/** JUnit XML from the results document (issue 7): one test case per goal × protocol, that CI systems read. */
import type { Results } from './results.ts';

const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junitXml(results: Results): string {
  const byProtocol = results.protocols.map((protocol) => ({ protocol, cells: results.cells.filter((c) => c.protocol === protocol) }));
  const failures = results.cells.filter((c) => !c.pass).length;
  const lines = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="set-verify" tests="${results.cells.length}" failures="${failures}">`];
  for (const { protocol, cells } of byProtocol) {
    lines.push(`  <testsuite name="${xml(protocol)}" tests="${cells.length}" failures="${cells.filter((c) => !c.pass).length}">`);
    for (const cell of cells) {
      lines.push(`    <testcase classname="set-verify.${xml(protocol)}" name="${xml(cell.goal)}">`);
      if (!cell.pass) {
        const message = `expected ${cell.expected}, model ${cell.model}, implementation ${cell.impl}`;
        const body = cell.counterexample ? [cell.counterexample.trace.title, ...cell.counterexample.steps, `replay: ${cell.counterexample.replay}`].join('\n') : message;
        lines.push(`      <failure message="${xml(message)}">${xml(body)}</failure>`);
      } else if (cell.counterexample) {
        lines.push(`      <system-out>${xml([cell.counterexample.trace.title, ...cell.counterexample.steps].join('\n'))}</system-out>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
