/**
 * The one results document a verification run produces (issue 7): every report (JUnit XML, the
 * Markdown summary, the HTML page) is made from it alone. Its JSON Schema is results.schema.json
 * beside this file; `validateResults` checks a document against it.
 */
import type { TraceFile } from '../properties/trace/trace-file.ts';

export const RESULTS_FORMAT = 'set-verify/results@1';

export type Verdict = 'holds' | 'broken';

export interface Counterexample {
  /** Who found it: the model's explorer, or the model-against-implementation check. */
  readonly foundBy: 'explorer' | 'check';
  /** Numbered protocol steps, as people read them. */
  readonly steps: readonly string[];
  /** The command that replays it. */
  readonly replay: string;
  readonly trace: TraceFile;
}

export interface Cell {
  readonly protocol: string;
  readonly goal: string;
  /** What the model found (explorer and check). */
  readonly model: Verdict;
  /** What the implementation's own records showed (check). */
  readonly impl: Verdict;
  /** The verdict kept in reports/expected.json for this cell. */
  readonly expected: Verdict;
  /** Both sides say what was expected. */
  readonly pass: boolean;
  readonly counterexample?: Counterexample;
}

export interface Stage {
  readonly name: string;
  readonly seconds: number;
}

export interface RoleCoverage {
  readonly role: string;
  readonly taken: number;
  readonly total: number;
  readonly missing: readonly string[];
}

/** Line coverage of the implementation during the run (c8 over V8's coverage), per file under impl/. */
export interface LineCoverage {
  readonly covered: number;
  readonly total: number;
  readonly files: readonly { readonly file: string; readonly covered: number; readonly total: number }[];
  /** Files of impl/ the run never loaded (type-only files among them). */
  readonly notLoaded: readonly string[];
}

export interface Results {
  readonly format: typeof RESULTS_FORMAT;
  readonly generated: string;
  readonly seed: number;
  readonly runs: number;
  readonly quick: boolean;
  readonly shard: { readonly index: number; readonly count: number };
  readonly protocols: readonly string[];
  readonly goals: readonly string[];
  readonly cells: readonly Cell[];
  readonly stages: readonly Stage[];
  /** Plug-in files loaded for this run (their protocol changes are among `protocols`). */
  readonly plugins: readonly string[];
  readonly coverage: { readonly modelTransitions: readonly RoleCoverage[]; readonly implLines?: LineCoverage };
  /** Mermaid state diagrams of the role machines, by role. */
  readonly machines: Readonly<Record<string, string>>;
}

/** A minimal JSON Schema checker for the subset results.schema.json uses: type, required, properties, items, enum, const. */
export function schemaErrors(schema: SchemaNode, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (schema.type && !(schema.type === type || (schema.type === 'number' && type === 'integer'))) return [`${path}: expected ${schema.type}, got ${type}`];
  if (schema.const !== undefined && value !== schema.const) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value as string)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (type === 'object' && schema.properties) {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${path}.${key}: missing`);
    for (const [key, child] of Object.entries(schema.properties)) if (key in object) errors.push(...schemaErrors(child, object[key], `${path}.${key}`));
  }
  if (type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) errors.push(...schemaErrors(schema.additionalProperties, child, `${path}.${key}`));
  }
  if (type === 'array' && schema.items) (value as unknown[]).forEach((item, i) => errors.push(...schemaErrors(schema.items!, item, `${path}[${i}]`)));
  return errors;
}

export interface SchemaNode {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly description?: string;
}
