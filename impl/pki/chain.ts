/**
 * Chain building, the first check of SET.md section 1's path validation (`untrusted`): from the
 * certificate up, each issuer is found among the given certificates by issuer Name and, when
 * the child names one, authority key identifier = the candidate's subject key identifier.
 * The chain is complete only when it reaches the trust anchor itself, compared by thumbprint
 * (exact DER), so a second root with the same name is just another unknown certificate.
 */
import { bytesEqual } from './der-fields.ts';
import type { ParsedCertificate } from './certificate-parser.ts';
import { badCertificate, type BadCertificate } from './failures.ts';

export interface ChainCertificate {
  readonly thumbprint: Uint8Array;
  readonly thumbprintHex: string;
  readonly parsed: ParsedCertificate;
}

/** RCA → BCA → CA → leaf is four; the slack lets a too-long chain fail as not-a-ca, not here. */
const MAX_CHAIN_LENGTH = 8;

export const describeLink = (chain: readonly ChainCertificate[], index: number): string => `${chain[index]!.parsed.commonName} (chain[${index}])`;

function issues(candidate: ParsedCertificate, child: ParsedCertificate): boolean {
  if (!bytesEqual(candidate.subjectName, child.issuerName)) return false;
  return child.authorityKeyId === null || candidate.subjectKeyId === child.authorityKeyId;
}

/** The chain leaf first, anchor last; or `untrusted` naming the certificate whose issuer is missing. */
export function buildChain(
  leaf: ChainCertificate,
  intermediates: readonly ChainCertificate[],
  anchor: ChainCertificate,
): ChainCertificate[] | BadCertificate {
  const chain = [leaf];
  for (let current = leaf; current.thumbprintHex !== anchor.thumbprintHex; ) {
    if (chain.length >= MAX_CHAIN_LENGTH) return badCertificate('untrusted', describeLink(chain, chain.length - 1), 'chain too long to reach the root');
    const inChain = (c: ChainCertificate): boolean => chain.some((link) => link.thumbprintHex === c.thumbprintHex);
    // The anchor is preferred, so a look-alike root among the intermediates never displaces it.
    const issuer = [anchor, ...intermediates].find((c) => !inChain(c) && issues(c.parsed, current.parsed));
    if (!issuer) return badCertificate('untrusted', describeLink(chain, chain.length - 1), 'its issuer is not in the chain up to the root');
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}
