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

/** Every certificate a CA issued (set-up and scenarios). */
export function genuineCertificates(world: World): Set<Certificate> {
  const genuine = new Set<Certificate>(hierarchyCertificates(world.env.pki).map((c) => c.certificate));
  for (const ca of CERTIFICATE_AUTHORITIES) {
    for (const { certificate } of (world.parties[ca]!.snapshot.context as CaState).issued) genuine.add(certificate);
  }
  return genuine;
}

export function checkCertificateBinding(world: World): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  for (const event of world.log) {
    if (event.type === 'certificate-issued' && event.certificate.certType === 'cardholder' && !event.confirmedByIssuer) {
      return violated(`${event.ca} issued a cardholder certificate to ${event.owner} for an account the issuer did not confirm`);
    }
  }
  let genuine: Set<Certificate> | undefined;
  for (const event of world.log) {
    if (event.type !== 'certificate-relied-on' || !isHonest(world, event.party)) continue;
    genuine ??= genuineCertificates(world);
    const c = event.certificate;
    if (!genuine.has(c)) return violated(`${event.party} relied on a certificate no CA issued (subject key ${c.subjectKey.owner}, type ${c.certType})`);
    const revokedOn = world.env.crl.get(c.id);
    if (revokedOn !== undefined && revokedOn <= event.day) {
      return violated(`${event.party} relied on day ${event.day} on a ${c.certType} certificate of ${c.subjectKey.owner} revoked on day ${revokedOn}`);
    }
  }
  return HOLDS;
}

export const CERTIFICATE_BINDING: Goal = {
  name: 'certificate-binding',
  description: 'cardholder certificates only for confirmed open accounts; every certificate accepted was issued by its CA for that key and not revoked before use',
  check: checkCertificateBinding,
};
