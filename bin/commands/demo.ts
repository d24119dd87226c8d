/** `set-verify demo`: the eleven steps of the seed article on the reference implementation. */
import { VARIANT_NAMES } from '../../impl/protocol/variants.ts';
import { formatRun, runElevenSteps } from '../demo/eleven-steps.ts';
import { intOption, parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify demo [--amount N] [--items N] [--unsigned] [--decline] [--variant NAME]... [--json] [--provider native|peculiar]

Runs all eleven steps of SET with real keys, certificates and messages: the card account, the
cardholder's and the merchant's registration, the purchase (PInitReq .. PRes), authorisation by
the issuer, fulfilment, and capture with clearing. For each message it prints the seed step, the
sender and receiver, the SET message, its size, and every check the receiver made.

  --amount N     purchase amount in cents (default 4200)
  --items N      order lines the amount is split over (default 1)
  --unsigned     the unsigned form (no cardholder certificate in the PReq)
  --decline      open the card with a limit below the amount, so the issuer declines
  --variant NAME run a weakened protocol (SET.md section 10); repeat to combine
  --json         one JSON document instead of the transcript
  --provider     WebCrypto provider (default: SET_VERIFY_CRYPTO or native)`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the eleven steps of SET with real cryptography and print every check',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['amount', 'items', 'variant', 'provider']);
    rejectUnknown(args, ['amount', 'items', 'unsigned', 'decline', 'variant', 'json', 'provider']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const provider = args.flags.get('provider');
    if (provider !== undefined && provider !== 'native' && provider !== 'peculiar') throw new UsageError(`--provider must be native or peculiar, got ${String(provider)}`);
    const variants = argv.flatMap((arg, i) => (arg === '--variant' ? [argv[i + 1]!] : arg.startsWith('--variant=') ? [arg.slice(10)] : []));
    for (const v of variants) if (!VARIANT_NAMES.includes(v)) throw new UsageError(`unknown variant "${v}"; known: ${VARIANT_NAMES.join(', ')}`);
    const run = await runElevenSteps({
      amount: intOption(args, 'amount', 4200, 1),
      items: intOption(args, 'items', 1, 1),
      signed: !args.flags.has('unsigned'),
      decline: args.flags.has('decline'),
      variants,
      ...(provider ? { provider } : {}),
    });
    console.log(args.flags.has('json') ? JSON.stringify(run, null, 2) : formatRun(run));
    const expected = args.flags.has('decline') ? 'declined' : 'captured';
    return run.outcome === expected ? 0 : 1;
  },
};
