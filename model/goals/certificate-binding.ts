/**
 * `certificate-binding` (SET.md 12): a cardholder certificate is issued only for an open account
 * whose PAN, expiry and form values the issuer confirmed; every certificate a party accepts was
 * issued by the CA it names, for that party's key, and was not revoked before the time of use.
 */
import type { Certificate } from '../terms/index.ts';
import { hierarchyCertificates } from '../pki/index.ts';
import type { CaState } from '../roles/index.ts';
import { CERTIFICATE_AUTHORITIES } from '../vocabulary/agents.ts';
import type { World } from '../world/world.ts';
import { brokenInfrastructure, isHonest } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

/** Every certificate a CA issued (set-up and scenarios); memoised on the CAs' states, which change rarely. */
export function genuineCertificates(world: World): ReadonlySet<Certificate> {
  const states = CERTIFICATE_AUTHORITIES.map((ca) => world.parties[ca]!.snapshot.context as CaState);
  const cached = genuineByStates.get(states[0]!);
  if (cached !== undefined && cached.pki === world.env.pki && cached.states.every((s, i) => s === states[i])) return cached.genuine;
  const genuine = new Set<Certificate>(hierarchyCertificates(world.env.pki).map((c) => c.certificate));
  for (const state of states) for (const { certificate } of state.issued) genuine.add(certificate);
  genuineByStates.set(states[0]!, { states, pki: world.env.pki, genuine });
  return genuine;
}

const genuineByStates = new WeakMap<CaState, { readonly states: readonly CaState[]; readonly pki: object; readonly genuine: ReadonlySet<Certificate> }>();

export function checkCertificateBinding(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  for (const event of world.log) {
    if (event.type === 'certificate-issued' && event.certificate.certType === 'cardholder' && !event.confirmedByIssuer) {
      return violated(`${event.ca} issued a cardholder certificate to ${event.owner} for an account the issuer did not confirm`);
    }
  }
  let genuine: ReadonlySet<Certificate> | undefined;
  // "revoked before the time of use" in the log's order: a use earlier on the day of a revocation
  // came before it (SET.md 1: the CRL counts from the revocation on). The CRL entries no `revoke`
  // made are substituteCertificate's `revoked` copies (D28), which no CA issued.
  const revokedSoFar = new Set<number>();
  for (const event of world.log) {
    if (event.type === 'revoked') for (const c of event.certificates) revokedSoFar.add(c.id);
    if (event.type !== 'certificate-relied-on' || !isHonest(world, event.party)) continue;
    genuine ??= genuineCertificates(world);
    const c = event.certificate;
    if (!genuine.has(c)) return violated(`${event.party} relied on a certificate no CA issued (subject key ${c.subjectKey.owner}, type ${c.certType})`);
    if (revokedSoFar.has(c.id)) {
      return violated(`${event.party} relied on day ${event.day} on a ${c.certType} certificate of ${c.subjectKey.owner} revoked on day ${world.env.crl.get(c.id) ?? '?'}`);
    }
  }
  return HOLDS;
}

export const CERTIFICATE_BINDING: Goal = {
  name: 'certificate-binding',
  description: 'cardholder certificates only for confirmed open accounts; every certificate accepted was issued by its CA for that key and not revoked before use',
  check: checkCertificateBinding,
};
