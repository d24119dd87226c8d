/** Vitest setup file: fixes fast-check's seed in every worker (see seed.ts). */
import 'reflect-metadata';
import fc from 'fast-check';
import { resolveNumRuns, resolveSeed } from './seed.ts';

const numRuns = resolveNumRuns();
fc.configureGlobal({ seed: resolveSeed(), ...(numRuns === undefined ? {} : { numRuns }) });
