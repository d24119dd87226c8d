/** Usage errors: wrong command or option. The CLI prints them and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/**
 * Parses `--name value`, `--name=value` and bare `--flag`. `valued` lists the options that
 * take a value; any other `--x` is a boolean flag, and unknown ones are rejected by the command.
 */
export function parseArgs(argv: readonly string[], valued: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (eq !== -1) flags.set(name, arg.slice(eq + 1));
    else if (valued.includes(name)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
      i += 1;
    } else flags.set(name, true);
  }
  return { positionals, flags };
}

/** Rejects options the command does not know, naming the ones it does. */
export function rejectUnknown(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.flags.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown option --${name} (known: ${known.map((k) => `--${k}`).join(', ') || 'none'})`);
  }
}

export function intOption(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || !Number.isSafeInteger(value) || value < min) throw new UsageError(`--${name} needs an integer >= ${min}, got ${String(raw)}`);
  return value;
}

/** Every value of a repeatable option (`--variant a --variant=b`), in order. */
export function repeatedOption(argv: readonly string[], name: string): string[] {
  return argv.flatMap((arg, i) => (arg === `--${name}` ? [argv[i + 1]!] : arg.startsWith(`--${name}=`) ? [arg.slice(name.length + 3)] : []));
}
