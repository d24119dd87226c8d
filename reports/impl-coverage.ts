/**
 * Line coverage of the implementation during a verify run (issue 7, item 3): the run's own
 * process writes V8 coverage (NODE_V8_COVERAGE) and c8 maps it back to the TypeScript lines of
 * impl/ through tsx's source maps. Only files the run loaded are counted (a file of types only
 * is never loaded, and has no line that could run); `notLoaded` lists the others. Test files and
 * test helpers are left out.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import type { LineCoverage } from './results.ts';

interface FileSummary {
  toSummary(): { lines: { covered: number; total: number } };
}
interface CoverageMap {
  files(): string[];
  fileCoverageFor(file: string): FileSummary;
}
type C8Report = { getCoverageMapFromAllCoverageFiles(): Promise<CoverageMap> };

export async function implLineCoverage(v8Directory: string, root: string): Promise<LineCoverage> {
  const { Report } = createRequire(import.meta.url)('c8') as { Report: (options: object) => C8Report };
  const report = Report({
    include: ['impl/**/*.ts'],
    exclude: ['**/*.test.ts', '**/*.test-helpers.ts', '**/*.d.ts'],
    extension: ['.ts'],
    reporter: [],
    tempDirectory: v8Directory,
    all: false,
    src: [root],
    excludeNodeModules: true,
  });
  const map = await report.getCoverageMapFromAllCoverageFiles();
  const files = map
    .files()
    .map((file) => ({ file: relative(root, file), ...map.fileCoverageFor(file).toSummary().lines }))
    .map(({ file, covered, total }) => ({ file, covered, total }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const loaded = new Set(files.map((f) => f.file));
  const notLoaded = sourceFiles(join(root, 'impl'), root).filter((file) => !loaded.has(file));
  return { covered: files.reduce((n, f) => n + f.covered, 0), total: files.reduce((n, f) => n + f.total, 0), files, notLoaded };
}

/** impl/'s TypeScript sources, tests and test helpers left out, relative to `root`. */
function sourceFiles(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name), root) : [relative(root, join(dir, entry.name))]))
    .filter((file) => file.endsWith('.ts') && !/\.test(-helpers)?\.ts$|\.d\.ts$/.test(file))
    .sort();
}
