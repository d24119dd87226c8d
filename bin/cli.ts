/**
 * set-verify's command line. Each command lives in bin/commands/ and declares its own
 * options; this file only dispatches, prints usage errors and sets the exit code
 * (0 ok, 1 a check failed, 2 a usage error).
 */
import 'reflect-metadata';
import { COMMANDS, type Command } from './commands/index.ts';
import { UsageError } from './usage.ts';

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'set-verify: verification suite for the SET card-payment protocol',
    '',
    'Usage: set-verify [command] [options]   (no command: verify, the main job)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --help, -h       this text (or `set-verify <command> --help`)',
    '',
    'Environment:',
    '  SET_VERIFY_CRYPTO=native|peculiar   WebCrypto provider (default native)',
    '  SET_VERIFY_KEY_CACHE=DIR|off        on-disk RSA key cache (default .cache/keys/)',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  // No command, or only options: the main job (issue 7).
  const [name, ...rest] = argv[0] === undefined || argv[0].startsWith('--') && !['--help', '-h'].includes(argv[0]) ? ['verify', ...argv] : argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText());
    return 0;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`set-verify: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`set-verify ${command.name}: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    throw error;
  }
}
