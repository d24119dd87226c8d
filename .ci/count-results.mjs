// Reads vitest's JSON reporter output and prints "N passed, N failed[, N skipped]".
// Exits 1 when a test failed, a file failed to load, or no test ran at all.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const results = JSON.parse(readFileSync(file, 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
let brokenFiles = 0;
for (const suite of results.testResults ?? []) {
  if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) brokenFiles += 1;
  for (const test of suite.assertionResults ?? []) {
    if (test.status === 'passed') passed += 1;
    else if (test.status === 'failed') failed += 1;
    else skipped += 1; // pending, skipped, todo, disabled
  }
}
// A test file that failed to load counts as a failure, so it cannot hide.
failed += brokenFiles;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
