/** Every `set-verify` command, in the order `--help` lists them. */
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';

export type { Command } from './command.ts';
export const COMMANDS: readonly Command[] = [demoCommand];
