/**
 * The initial world (SET.md 1, set-up): the CA hierarchy on day 0, the gateways' certificates
 * issued by the PCA (signature, then key-exchange, per gateway in order), every party's role
 * machine in its initial state, an empty network. The attacker starts knowing every public
 * atom and the set-up certificates (they travel in clear in every purchase). Parties the
 * attacker plays are compromised from the start.
 */
import { publicKey, type Term } from '../terms/index.ts';
import { Knowledge } from '../knowledge/index.ts';
import { hierarchyCertificates, issueCertificate, standardPki } from '../pki/index.ts';
import {
  initialAcquirer, initialCa, initialCardholder, initialGateway, initialIssuer, initialMerchant, initialSnapshot, ROLE_MODULES,
  type CaState, type Environment, type PartyCertificates,
} from '../roles/index.ts';
import { ACQUIRER, CERTIFICATE_AUTHORITIES, GATEWAY_CA, ISSUER, type PartyRole } from '../vocabulary/agents.ts';
import { resolveConfig, type WorldConfig } from './config.ts';
import type { Party, World } from './world.ts';

function party(name: string, role: PartyRole, state: object): Party {
  return { name, role, snapshot: initialSnapshot(ROLE_MODULES[role].machine, state) };
}

export function initialWorld(options: WorldConfig = {}): World {
  const config = resolveConfig(options);
  const pki = standardPki();
  const directory: Record<string, PartyCertificates> = {};
  for (const [name, certificates] of pki.cas) directory[name] = certificates;
  const gatewayCertificates = config.gateways.flatMap((gateway, i) => {
    const issue = (usage: 'signature' | 'keyExchange', serial: number) =>
      issueCertificate({ issuer: GATEWAY_CA, subject: gateway, subjectKey: publicKey(gateway, usage), type: 'gateway', usage, day: 0, serial });
    const signature = issue('signature', 2 * i + 1);
    const keyExchange = issue('keyExchange', 2 * i + 2);
    directory[gateway] = { signature, keyExchange };
    return [{ certificate: signature, owner: gateway }, { certificate: keyExchange, owner: gateway }];
  });
  const env: Environment = Object.freeze({
    day: 0, crl: new Map(), pki, profile: config.profile, currency: config.currency, gatewayOf: config.gatewayOf, directory: Object.freeze(directory),
  });
  const parties: Record<string, Party> = {};
  const setUp = hierarchyCertificates(pki);
  for (const name of CERTIFICATE_AUTHORITIES) {
    const issued = setUp.filter((c) => c.issuer === name).map(({ certificate }) => ({ certificate, owner: (certificate.subject as { name: string }).name }));
    const own = name === GATEWAY_CA ? gatewayCertificates : issued;
    const state: CaState = { ...initialCa(env, name, own.length + 1), issued: own };
    parties[name] = party(name, 'ca', state);
  }
  parties[ISSUER] = party(ISSUER, 'issuer', initialIssuer(env, ISSUER));
  parties[ACQUIRER] = party(ACQUIRER, 'acquirer', initialAcquirer(env, ACQUIRER));
  for (const name of config.cardholders) parties[name] = party(name, 'cardholder', initialCardholder(env, name));
  for (const name of config.merchants) parties[name] = party(name, 'merchant', initialMerchant(env, name));
  for (const name of config.gateways) parties[name] = party(name, 'gateway', initialGateway(env, name));
  const published: Term[] = [...setUp.map((c) => c.certificate), ...gatewayCertificates.map((c) => c.certificate)];
  return Object.freeze({
    config, env, parties: Object.freeze(parties), network: Object.freeze([]), knowledge: Knowledge.of(published),
    learned: Object.freeze([...new Set(published.map((t) => t.id))].sort((a, b) => a - b)), log: Object.freeze([]),
    compromised: Object.freeze([...config.dishonest].sort()), attackerNames: 0, purchases: Object.freeze({}), captureBatches: Object.freeze({}),
    last: { kind: 'initial' } as const,
  });
}
