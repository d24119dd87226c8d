/**
 * Runs one scenario on both readings, action by action, and compares what they observe
 * (docs/decisions.md D21, D24): the kind of step (done, refused, skipped, delivered) and the
 * observation, exactly, as JSON. The first difference stops the run and is reported with both
 * sides' values, so a shrunk counterexample points at one action.
 */
import { initialWorld, observe, step, type Action, type Observation, type World, type WorldConfig } from '../../model/index.ts';
import type { KeyPool } from '../../impl/crypto/key-pool.ts';
import { ImplRun, type ImplStep } from '../harness/impl-run.ts';
import { observeImpl } from '../harness/observe.ts';

export interface Difference {
  /** Index of the action in the scenario (0-based). */
  readonly at: number;
  readonly action: Action;
  readonly what: 'step' | 'observation';
  readonly model: unknown;
  readonly impl: unknown;
  /** Dotted paths where the two observations differ (at most a few). */
  readonly paths: readonly string[];
}

export interface BothRun {
  readonly world: World;
  readonly impl: ImplRun;
  readonly observations: readonly Observation[];
  readonly difference: Difference | null;
}

const stepKind = (s: World['last'] | ImplStep): string => s.kind;

/** Paths where two JSON values differ, depth first, at most `limit`. */
export function differingPaths(a: unknown, b: unknown, path = '', limit = 5, out: string[] = []): string[] {
  if (out.length >= limit) return out;
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      differingPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key, limit, out);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => differingPaths(item, b[i], `${path}[${i}]`, limit, out));
    return out;
  }
  out.push(`${path || '(root)'}: model ${JSON.stringify(a)} / impl ${JSON.stringify(b)}`);
  return out;
}

export interface RunBothOptions {
  readonly pool?: KeyPool;
  /**
   * Run a variant on one side only (`check --only impl|model`): the named side gets the
   * scenario's variants, the other the correct protocol. The two must then disagree somewhere.
   */
  readonly only?: 'impl' | 'model';
}

export async function runBoth(config: WorldConfig, actions: readonly Action[], options: RunBothOptions = {}): Promise<BothRun> {
  const correct = { ...config, variants: [] };
  let world = initialWorld(options.only === 'impl' ? correct : config);
  const impl = await ImplRun.create(options.only === 'model' ? correct : config, options.pool ? { pool: options.pool } : {});
  const observations: Observation[] = [];
  for (const [at, action] of actions.entries()) {
    world = step(world, action);
    const implStep = await impl.apply(action);
    if (stepKind(world.last) !== stepKind(implStep)) {
      return { world, impl, observations, difference: { at, action, what: 'step', model: world.last, impl: implStep, paths: [`step: model ${world.last.kind} / impl ${implStep.kind}`] } };
    }
    const expected = observe(world);
    const actual = await observeImpl(impl);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      return { world, impl, observations, difference: { at, action, what: 'observation', model: expected, impl: actual, paths: differingPaths(expected, actual) } };
    }
    observations.push(expected);
  }
  return { world, impl, observations, difference: null };
}
