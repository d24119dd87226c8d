/** `--plugin FILE` (repeatable) for the commands that take it: a plug-in that does not load is a usage error. */
import { loadPlugin } from '../attacks/plugin.ts';
import { repeatedOption, UsageError } from './usage.ts';

export async function loadPluginOptions(argv: readonly string[]): Promise<string[]> {
  const files = repeatedOption(argv, 'plugin');
  for (const file of files) {
    try {
      await loadPlugin(file);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
  }
  return files;
}
