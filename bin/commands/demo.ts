/** `set-verify demo`: prints the foundation demonstration (bin/demo/foundation.ts). */
import { runFoundationDemo, type FoundationDemo } from '../demo/foundation.ts';
import { parseArgs, rejectUnknown, UsageError } from '../usage.ts';
import type { Command } from './command.ts';

const usage = `Usage: set-verify demo [--json] [--provider native|peculiar]

Builds a real CA hierarchy, certifies a cardholder, a merchant and a gateway, builds one signed
PReq with a real dual signature and PI envelope, checks it as the merchant and the gateway would,
then shows how forged, expired, revoked and wrong-usage certificates and damaged bytes are rejected.
Every check printed is one the code performed.

  --json        print the demonstration as one JSON document
  --provider    WebCrypto provider (default: SET_VERIFY_CRYPTO or native)`;

/** What each honest step of the demonstration ends in when all is well. */
const HONEST_OUTCOMES = new Set(['done', 'issued', 'sent', 'accepted']);

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run a demonstration with real keys, certificates and messages',
  usage,
  async run(argv) {
    const args = parseArgs(argv, ['provider']);
    rejectUnknown(args, ['json', 'provider']);
    if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const provider = args.flags.get('provider');
    if (provider !== undefined && provider !== 'native' && provider !== 'peculiar') {
      throw new UsageError(`--provider must be native or peculiar, got ${String(provider)}`);
    }
    const demo = await runFoundationDemo(provider ? { provider } : {});
    console.log(args.flags.has('json') ? JSON.stringify(demo, null, 2) : formatDemo(demo));
    const honestAccepted = demo.steps.every((s) => HONEST_OUTCOMES.has(s.outcome));
    const forgeriesRejected = demo.rejections.every((r) => r.outcome !== 'accepted');
    return honestAccepted && forgeriesRejected ? 0 : 1;
  },
};

export function formatDemo(demo: FoundationDemo): string {
  const lines = [`set-verify demo (WebCrypto: ${demo.provider}; ${demo.keys.used} RSA-2048 keys, ${demo.keys.generatedNow} generated now, the rest from the key cache)`, ''];
  demo.steps.forEach((step, i) => {
    const size = step.bytes === undefined ? '' : ` [${step.bytes} bytes]`;
    lines.push(`${i + 1}. ${step.actor}: ${step.action}${size} -> ${step.outcome}`);
    for (const entry of step.checks) {
      lines.push(`     ${entry.passed ? 'ok  ' : 'FAIL'} ${entry.check}${entry.outcome ? ` (${entry.outcome})` : ''}`);
    }
  });
  lines.push('', 'Rejected as they should be:');
  for (const r of demo.rejections) lines.push(`  - ${r.attempt}: ${r.outcome}`);
  return lines.join('\n');
}
