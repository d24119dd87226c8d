/** The persistent int map (int-map.ts) against a plain Map, old versions included. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { IntMap } from './int-map.ts';

type Op = { readonly op: 'set'; readonly key: number; readonly value: string } | { readonly op: 'delete'; readonly key: number };

// Small keys collide often; large ones make the trie grow levels.
const key = fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 70_000 }), fc.constantFrom(31, 32, 1023, 1024, 32767, 32768));
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.constantFrom('a', 'b', 'c') }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), key }), weight: 1 },
);

function sortedEntries(map: ReadonlyMap<number, string>): [number, string][] {
  return [...map.entries()].sort(([a], [b]) => a - b);
}

function entriesOf(map: IntMap<string>): [number, string][] {
  const entries: [number, string][] = [];
  map.forEach((value, k) => entries.push([k, value]));
  return entries;
}

describe('IntMap', () => {
  test('behaves as a Map, and every earlier version stays as it was', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let map = IntMap.empty<string>();
        const reference = new Map<number, string>();
        const versions: [IntMap<string>, [number, string][]][] = [];
        for (const step of ops) {
          if (step.op === 'set') {
            map = map.set(step.key, step.value);
            reference.set(step.key, step.value);
          } else {
            map = map.delete(step.key);
            reference.delete(step.key);
          }
          expect(map.size).toBe(reference.size);
          expect(map.get(step.key)).toBe(reference.get(step.key));
          versions.push([map, sortedEntries(reference)]);
        }
        for (const [version, expected] of versions) expect(entriesOf(version)).toEqual(expected);
      }),
    );
  });

  test('one edit batches many updates and leaves its base alone', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const base = IntMap.empty<string>().set(5, 'base').set(40_000, 'base');
        const edit = base.edit();
        const reference = new Map<number, string>([[5, 'base'], [40_000, 'base']]);
        for (const step of ops) {
          if (step.op === 'set') { edit.set(step.key, step.value); reference.set(step.key, step.value); }
          else { edit.delete(step.key); reference.delete(step.key); }
          expect(edit.get(step.key)).toBe(reference.get(step.key));
        }
        expect(entriesOf(edit.commit())).toEqual(sortedEntries(reference));
        expect(entriesOf(base)).toEqual([[5, 'base'], [40_000, 'base']]);
      }),
    );
  });

  test('an edit that changes nothing commits to the very same map', () => {
    const map = IntMap.empty<string>().set(3, 'x');
    const edit = map.edit();
    edit.set(3, 'x');
    edit.delete(4);
    expect(edit.commit()).toBe(map);
  });

  test('refuses what would corrupt it', () => {
    const edit = IntMap.empty<string>().edit();
    expect(() => edit.set(-1, 'x')).toThrow(RangeError);
    expect(() => edit.set(1.5, 'x')).toThrow(RangeError);
    expect(() => edit.set(2 ** 30, 'x')).toThrow(RangeError);
    expect(() => edit.set(1, undefined as unknown as string)).toThrow(TypeError);
    edit.commit();
    expect(() => edit.set(1, 'x')).toThrow(/after commit/);
  });
});
