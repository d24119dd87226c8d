#!/usr/bin/env node
// The `set-verify` command: runs the TypeScript CLI through tsx, so `npx set-verify` works
// right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));
