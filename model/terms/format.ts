/**
 * The canonical string of a term, for printing counterexamples and for comparing terms across
 * processes (ids are per process; see intern.ts). Unabridged, the string is injective: two
 * different terms never print alike. With `depth`, compounds below that depth print as `{..}` or
 * `Kind(..)`, keeping long messages readable: `Sign(sk:C1:sig, {..})`.
 *
 *   agent C1 | nonce n:XID:p1 | secret data d:OD:p1 | PAN pan:C1 | integer 7 | amount USD:1999
 *   text "issued" | keys pk:C1:sig, sk:P1:kx, pk:C1:sig#1 (generation 1) | symmetric key k:p1:1
 *   {a, b} | H(t) | Hmac(t, k) | Sign(sk, t) | Crypt(pk, t) | SymCrypt(k, t) | PANSecret(a, b)
 *   Cert(subject, key, type/usage, first..last, #serial, issuer, signer)
 */
import type { KeyUsage, Term } from './term.ts';

const USAGE: Readonly<Record<KeyUsage, string>> = { signature: 'sig', keyExchange: 'kx' };

export interface FormatOptions {
  /** Nesting levels of compounds to print in full; atoms always print in full. Default: all. */
  readonly depth?: number;
}

export function formatTerm(term: Term, options: FormatOptions = {}): string {
  return render(term, options.depth ?? Number.POSITIVE_INFINITY);
}

function render(term: Term, depth: number): string {
  switch (term.kind) {
    case 'agent':
      return term.name;
    case 'nonce':
      return `n:${term.label}`;
    case 'data':
      return `d:${term.label}`;
    case 'pan':
      return `pan:${term.label}`;
    case 'int':
      return String(term.value);
    case 'amount':
      return `${term.currency}:${term.minorUnits}`;
    case 'text':
      return JSON.stringify(term.value);
    case 'publicKey':
    case 'privateKey': {
      const generation = term.generation === 0 ? '' : `#${term.generation}`;
      return `${term.kind === 'publicKey' ? 'pk' : 'sk'}:${term.owner}:${USAGE[term.usage]}${generation}`;
    }
    case 'symKey':
      return `k:${term.label}`;
    default:
      break;
  }
  if (depth <= 0) return term.kind === 'tuple' ? '{..}' : `${NAME[term.kind]}(..)`;
  const inner = (child: Term): string => render(child, depth - 1);
  switch (term.kind) {
    case 'tuple':
      return `{${term.items.map(inner).join(', ')}}`;
    case 'hash':
      return `H(${inner(term.body)})`;
    case 'hmac':
      return `Hmac(${inner(term.body)}, ${inner(term.key)})`;
    case 'sign':
      return `Sign(${inner(term.key)}, ${inner(term.body)})`;
    case 'crypt':
      return `Crypt(${inner(term.key)}, ${inner(term.body)})`;
    case 'symCrypt':
      return `SymCrypt(${inner(term.key)}, ${inner(term.body)})`;
    case 'panSecret':
      return `PANSecret(${inner(term.left)}, ${inner(term.right)})`;
    case 'cert':
      return (
        `Cert(${inner(term.subject)}, ${inner(term.subjectKey)}, ${term.certType}/${USAGE[term.usage]}, ` +
        `${term.firstDay}..${term.lastDay}, #${term.serial}, ${inner(term.issuer)}, ${inner(term.signer)})`
      );
  }
}

const NAME = {
  hash: 'H',
  hmac: 'Hmac',
  sign: 'Sign',
  crypt: 'Crypt',
  symCrypt: 'SymCrypt',
  panSecret: 'PANSecret',
  cert: 'Cert',
} as const;
