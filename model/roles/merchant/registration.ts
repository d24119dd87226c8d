/**
 * Merchant registration as the merchant runs it (SET.md 4.2; docs/decisions.md D10, D14, D19):
 * Me-AqCInitReq → Me-AqCInitRes → CertReq → CertRes.
 */
import { privateKey, publicKey, secretData, signatureVerifies, text, thumbprint, tuple, agent, type Certificate, type Term } from '../../terms/index.ts';
import { build, parse, signedBody, templateOf } from '../../messages/index.ts';
import { ACQUIRER_BIN, MERCHANT_CA } from '../../vocabulary/agents.ts';
import { REFUSAL_REASONS, type CaStatus } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, freshKey, freshNonce, NO_KEYS, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { MerchantRegistration, MerchantState } from './state.ts';

const CA_STATUSES: readonly string[] = ['issued', ...REFUSAL_REASONS.map((why) => `refused:${why}`)];

function withRegistration(state: MerchantState, registration: MerchantRegistration): MerchantState {
  return { ...state, registrations: { ...state.registrations, [registration.id]: registration } };
}

function awaiting(state: MerchantState, kind: MerchantRegistration['awaiting'], rrpid: Term): MerchantRegistration | undefined {
  for (const registration of Object.values(state.registrations)) {
    if (registration.awaiting === kind && registration.rrpid === rrpid) return registration;
  }
  return undefined;
}

/** register(r): SET.md 4.2 step 1. */
export function startRegistration(state: MerchantState, id: string): Reaction<MerchantState> {
  if (state.registrations[id] !== undefined) return reject('unexpected', 'registration id in use');
  const rrpid = freshNonce(state.name, id, 'RRPID', 1);
  const challenge = freshNonce(state.name, id, 'Chall_EE');
  const term = build(templateOf('Me-AqCInitReq', 'plain', state.env.profile.shape), {
    values: { RRPID: rrpid, LID_EE: text(id), Chall_EE: challenge, MerchantID: agent(state.name), AcquirerBIN: text(ACQUIRER_BIN) }, keys: {},
  });
  const registration: MerchantRegistration = {
    id, status: 'open', awaiting: 'Me-AqCInitRes', rrpid, challenge, caSignature: undefined, caKeyExchange: undefined, generation: undefined,
  };
  return accept('Register', withRegistration(state, registration), [
    send('Me-AqCInitReq', 'plain', MERCHANT_CA, term),
  ]);
}

/** SET.md 4.2 step 2 (checked as 4.1 step 2, D14). Sends the CertReq with a new pair of each usage. */
export function onMeAqCInitRes(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const template = templateOf('Me-AqCInitRes', 'plain', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const registration = awaiting(state, 'Me-AqCInitRes', rrpid);
  if (registration === undefined) return reject('unexpected');
  const certS = f.get('CertS(MCA)') as Certificate;
  const certE = f.get('CertE(MCA)') as Certificate;
  const failure =
    certificateFailure(state.env, 'merchant', 'merchant.Me-AqCInitRes.ca-certificates', certS, { type: 'mca', usage: 'signature' }) ??
    certificateFailure(state.env, 'merchant', 'merchant.Me-AqCInitRes.ca-certificates', certE, { type: 'mca', usage: 'keyExchange' });
  if (failure) return reject(failure);
  if (checks(state.env, 'merchant.Me-AqCInitRes.thumbprint') && f.get('CAEThumb') !== thumbprint(certE)) return reject('mismatch:thumbprint');
  if (checks(state.env, 'merchant.Me-AqCInitRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(state.env, 'merchant.Me-AqCInitRes.challenge') && f.get('Chall_EE') !== registration.challenge) return reject('mismatch:challenge');
  const generation = state.keyPairs;
  const id = registration.id;
  const rrpid3 = freshNonce(state.name, id, 'RRPID', 3);
  const challenge3 = freshNonce(state.name, id, 'Chall_EE3');
  const term = build(templateOf('CertReq', 'merchant', state.env.profile.shape), {
    values: {
      RRPID: rrpid3, LID_EE: text(id), Chall_EE3: challenge3, LID_CA: f.get('LID_CA'), Chall_CA: f.get('Chall_CA'), RegFormID: f.get('RegFormID'),
      RegFormValues: tuple(text(state.name), secretData(`postcode:${state.name}`)),
      PublicKeyS: publicKey(state.name, 'signature', generation), PublicKeyE: publicKey(state.name, 'keyExchange', generation),
      MerchantID: agent(state.name), MerchantSecret: state.secret ?? freshNonce(state.name, id, 'no-secret'),
      EXNonce: freshNonce(state.name, id, 'EXNonce', 3), k: freshKey(state.name, id, 'CertReq'),
    },
    keys: { requester: privateKey(state.name, 'signature', generation), recipient: certE.subjectKey },
  });
  const updated: MerchantRegistration = {
    ...registration, awaiting: 'CertRes', rrpid: rrpid3, challenge: challenge3, caSignature: certS, caKeyExchange: certE, generation,
  };
  return accept('Me-AqCInitRes', { ...withRegistration(state, updated), keyPairs: generation + 1, answered: withId(state.answered, rrpid.id) }, [
    send('CertReq', 'merchant', event.from.name, term), ...relied(state.name, state.env, certS, certE),
  ]);
}

/** SET.md 4.2 step 4: signed, not encrypted (an encrypted one is `malformed`, D10). */
export function onCertRes(state: MerchantState, event: Delivery): Reaction<MerchantState> {
  const template = templateOf('CertRes', 'merchant', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const status = f.get('CAStatus');
  if (status.kind !== 'text' || !CA_STATUSES.includes(status.value)) return reject('malformed', 'CAStatus');
  const issued = status.value === 'issued';
  if (issued !== (f.has('CertS(M)') && f.has('CertE(M)')) || (!issued && f.has('CertS(M)'))) return reject('malformed', 'certificates present exactly when issued');
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const registration = awaiting(state, 'CertRes', rrpid);
  if (registration === undefined) return reject('unexpected');
  const certS = registration.caSignature!;
  const failure = certificateFailure(state.env, 'merchant', 'merchant.CertRes.ca-certificate', certS, { type: 'mca', usage: 'signature' });
  if (failure) return reject(failure);
  if (checks(state.env, 'merchant.CertRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(state.env, 'merchant.CertRes.challenge') && f.get('Chall_EE3') !== registration.challenge) return reject('mismatch:challenge');
  let next = state;
  if (issued) {
    const generation = registration.generation!;
    const signature = f.get('CertS(M)') as Certificate;
    const keyExchange = f.get('CertE(M)') as Certificate;
    if (
      checks(state.env, 'merchant.CertRes.key') &&
      (signature.subjectKey !== publicKey(state.name, 'signature', generation) || keyExchange.subjectKey !== publicKey(state.name, 'keyExchange', generation))
    ) {
      return reject('mismatch:key');
    }
    next = { ...next, identity: { signature, keyExchange, generation } };
  }
  const updated: MerchantRegistration = { ...registration, awaiting: undefined, status: status.value as CaStatus };
  return accept('CertRes', { ...withRegistration(next, updated), answered: withId(state.answered, rrpid.id) }, relied(state.name, state.env, certS));
}
