/** Seeded random walks (walks.ts): deterministic per seed, and they find what the search finds. */
import { expect, test } from 'vitest';
import { settingsWith } from './settings.ts';
import { startConfigOf, startWorld } from './start.ts';
import { randomWalks } from './walks.ts';

const walk = (variants: string[], seed: number) => {
  const settings = settingsWith({ variants });
  return randomWalks(startWorld(startConfigOf(settings)), settings, { walks: 20, seed, length: 30 });
};

test('the same seed gives the same walks', () => {
  const [a, b] = [walk(['pan-in-order'], 7), walk(['pan-in-order'], 7)];
  expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
});

test('walks on pan-in-order show the PAN to the network', () => {
  expect(walk(['pan-in-order'], 1).violations.map((v) => v.goal)).toContain('pan-secrecy');
});

test('walks on the correct protocol violate nothing', () => {
  const result = walk([], 3);
  expect(result.steps).toBeGreaterThan(100);
  expect(result.violations).toEqual([]);
});
