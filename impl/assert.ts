/**
 * One family of input assertions for impl/'s public entry points (after noble-hashes'
 * abytes/anumber): each throws a labelled ArgumentError, so a caller's mistake names the
 * argument. Network input never reaches these: it goes through the codec's typed results.
 */
import { ArgumentError } from './errors.ts';

export function assertBytes(value: unknown, label: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ArgumentError(label, `expected Uint8Array, got ${describe(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new ArgumentError(label, `expected ${length} bytes, got ${value.length}`);
  }
}

export function assertSafeInteger(value: unknown, label: string, min = 0, max = Number.MAX_SAFE_INTEGER): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ArgumentError(label, `expected a safe integer, got ${describe(value)}`);
  }
  if (value < min || value > max) throw new ArgumentError(label, `expected ${min}..${max}, got ${value}`);
}

export function assertString(value: unknown, label: string, pattern?: RegExp): asserts value is string {
  if (typeof value !== 'string') throw new ArgumentError(label, `expected a string, got ${describe(value)}`);
  if (pattern && !pattern.test(value)) throw new ArgumentError(label, `"${value}" does not match ${pattern}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  return typeof value;
}
