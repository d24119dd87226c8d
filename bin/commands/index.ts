/** Every `set-verify` command, in the order `--help` lists them. */
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';
import { exploreCommand } from './explore.ts';
import { modelCommand } from './model.ts';
import { variantsCommand } from './variants.ts';
import { checkCommand } from './check.ts';
import { replayCommand } from './replay.ts';
import { verifyCommand } from './verify.ts';
import { exerciseCommand } from './exercise.ts';

export type { Command } from './command.ts';
export const COMMANDS: readonly Command[] = [verifyCommand, demoCommand, exploreCommand, checkCommand, replayCommand, exerciseCommand, variantsCommand, modelCommand];
