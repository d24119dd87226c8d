/**
 * Cardholder registration as the cardholder runs it (SET.md 4.1; docs/decisions.md D14, D17):
 * CardCInitReq → CardCInitRes → RegFormReq → RegFormRes → CertReq → CertRes.
 */
import {
  panSecret, privateKey, publicKey, signatureVerifies, text, thumbprint, tuple, uniqueCardholderId,
  type Certificate, type Nonce, type PublicKey, type Term,
} from '../../terms/index.ts';
import { build, parse, signedBody, templateOf } from '../../messages/index.ts';
import { BRAND_ID, CARDHOLDER_CA } from '../../vocabulary/agents.ts';
import { REFUSAL_REASONS, type CaStatus } from '../../vocabulary/outcomes.ts';
import { certificateFailure, checks, freshKey, freshNonce, NO_KEYS, relied, send, type Delivery } from '../common.ts';
import { hasId, withId } from '../id-set.ts';
import { accept, reject, type Reaction } from '../reaction.ts';
import type { CardholderRegistration, CardholderState } from './state.ts';

const CA_STATUSES: readonly string[] = ['issued', ...REFUSAL_REASONS.map((why) => `refused:${why}`)];

function withRegistration(state: CardholderState, registration: CardholderRegistration): CardholderState {
  return { ...state, registrations: { ...state.registrations, [registration.id]: registration } };
}

function awaiting(state: CardholderState, kind: CardholderRegistration['awaiting'], rrpid: Term): CardholderRegistration | undefined {
  for (const registration of Object.values(state.registrations)) {
    if (registration.awaiting === kind && registration.rrpid === rrpid) return registration;
  }
  return undefined;
}

/** register(r): SET.md 4.1 step 1. */
export function startRegistration(state: CardholderState, id: string): Reaction<CardholderState> {
  if (state.registrations[id] !== undefined) return reject('unexpected', 'registration id in use');
  if (state.card === undefined) return reject('unexpected', 'no card account');
  const rrpid = freshNonce(state.name, id, 'RRPID', 1);
  const challenge = freshNonce(state.name, id, 'Chall_EE');
  const term = build(templateOf('CardCInitReq', 'plain', state.env.profile.shape), {
    values: { RRPID: rrpid, LID_EE: text(id), Chall_EE: challenge, BrandID: text(BRAND_ID) }, keys: {},
  });
  const registration: CardholderRegistration = {
    id, status: 'open', awaiting: 'CardCInitRes', rrpid, challenge, caSignature: undefined, caKeyExchange: undefined, request: undefined,
  };
  return accept('Register', withRegistration(state, registration), [send('CardCInitReq', 'plain', CARDHOLDER_CA, term)]);
}

/** The CA's two certificates, validated (type cca; D14: both, signature first). */
function caCertificatesFailure(state: CardholderState, check: Parameters<typeof certificateFailure>[2], certS: Term, certE: Term) {
  return (
    certificateFailure(state.env, 'cardholder', check, certS, { type: 'cca', usage: 'signature' }) ??
    certificateFailure(state.env, 'cardholder', check, certE, { type: 'cca', usage: 'keyExchange' })
  );
}

/** SET.md 4.1 step 2. */
export function onCardCInitRes(state: CardholderState, event: Delivery): Reaction<CardholderState> {
  const template = templateOf('CardCInitRes', 'plain', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const registration = awaiting(state, 'CardCInitRes', rrpid);
  if (registration === undefined) return reject('unexpected');
  const certS = f.get('CertS(CCA)') as Certificate;
  const certE = f.get('CertE(CCA)') as Certificate;
  const failure = caCertificatesFailure(state, 'cardholder.CardCInitRes.ca-certificates', certS, certE);
  if (failure) return reject(failure);
  if (checks(state.env, 'cardholder.CardCInitRes.thumbprint') && f.get('CAEThumb') !== thumbprint(certE)) return reject('mismatch:thumbprint');
  if (checks(state.env, 'cardholder.CardCInitRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(state.env, 'cardholder.CardCInitRes.challenge') && f.get('Chall_EE') !== registration.challenge) return reject('mismatch:challenge');
  const card = state.card!;
  const next2 = freshNonce(state.name, registration.id, 'RRPID', 2);
  const challenge2 = freshNonce(state.name, registration.id, 'Chall_EE2');
  const term = build(templateOf('RegFormReq', 'plain', state.env.profile.shape), {
    values: {
      RRPID: next2, LID_EE: text(registration.id), Chall_EE2: challenge2, BrandID: text(BRAND_ID), PAN: card.pan,
      EXNonce: freshNonce(state.name, registration.id, 'EXNonce', 2), k: freshKey(state.name, registration.id, 'RegFormReq'),
    },
    keys: { recipient: certE.subjectKey },
  });
  const updated: CardholderRegistration = { ...registration, awaiting: 'RegFormRes', rrpid: next2, challenge: challenge2, caSignature: certS, caKeyExchange: certE };
  return accept('CardCInitRes', { ...withRegistration(state, updated), answered: withId(state.answered, rrpid.id) }, [
    send('RegFormReq', 'plain', event.from.name, term), ...relied(state.name, state.env, certS, certE),
  ]);
}

/** SET.md 4.1 step 4 (and D14: both CA certificates validated again before the signature). */
export function onRegFormRes(state: CardholderState, event: Delivery): Reaction<CardholderState> {
  const template = templateOf('RegFormRes', 'plain', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: NO_KEYS });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const registration = awaiting(state, 'RegFormRes', rrpid);
  if (registration === undefined) return reject('unexpected');
  const certS = registration.caSignature!;
  const certE = registration.caKeyExchange!;
  const failure = caCertificatesFailure(state, 'cardholder.RegFormRes.ca-certificates', certS, certE);
  if (failure) return reject(failure);
  if (checks(state.env, 'cardholder.RegFormRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(state.env, 'cardholder.RegFormRes.challenge') && f.get('Chall_EE2') !== registration.challenge) return reject('mismatch:challenge');
  const card = state.card!;
  const generation = state.keyPairs;
  const cardSecret = freshNonce(state.name, registration.id, 'CardSecret');
  const caBackKey = freshKey(state.name, registration.id, 'CABackKey');
  const next3 = freshNonce(state.name, registration.id, 'RRPID', 3);
  const challenge3 = freshNonce(state.name, registration.id, 'Chall_EE3');
  const term = build(templateOf('CertReq', 'cardholder', state.env.profile.shape), {
    values: {
      RRPID: next3, LID_EE: text(registration.id), Chall_EE3: challenge3, LID_CA: f.get('LID_CA'), Chall_CA: f.get('Chall_CA'),
      RegFormID: f.get('RegFormID'), RegFormValues: tuple(card.name, card.postcode), CABackKey: caBackKey,
      PublicKeyS: publicKey(state.name, 'signature', generation), PAN: card.pan, CardExpiry: card.expiry, CardSecret: cardSecret,
      EXNonce: freshNonce(state.name, registration.id, 'EXNonce', 3), k: freshKey(state.name, registration.id, 'CertReq'),
    },
    keys: { requester: privateKey(state.name, 'signature', generation), recipient: certE.subjectKey },
  });
  const updated: CardholderRegistration = {
    ...registration, awaiting: 'CertRes', rrpid: next3, challenge: challenge3, request: { generation, cardSecret, caBackKey },
  };
  return accept('RegFormRes', { ...withRegistration(state, updated), keyPairs: generation + 1, answered: withId(state.answered, rrpid.id) }, [
    send('CertReq', 'cardholder', event.from.name, term), ...relied(state.name, state.env, certS, certE),
  ]);
}

/**
 * SET.md 4.1 step 6. Decoding opens the envelope with one of the CABackKeys the cardholder
 * chose; a signed (merchant) CertRes is `malformed` (D10). A new certificate is parsed, not
 * validated, by its owner, then compared (D14).
 */
export function onCertRes(state: CardholderState, event: Delivery): Reaction<CardholderState> {
  const backKeys = Object.values(state.registrations).flatMap((r) => (r.request ? [r.request.caBackKey] : []));
  const template = templateOf('CertRes', 'cardholder', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: { opens: () => false, holds: (key) => backKeys.includes(key) } });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const status = f.get('CAStatus');
  if (status.kind !== 'text' || !CA_STATUSES.includes(status.value)) return reject('malformed', 'CAStatus');
  const issued = status.value === 'issued';
  if (issued !== f.has('Cert(C)')) return reject('malformed', 'Cert(C) present exactly when issued');
  const rrpid = f.get('RRPID');
  if (hasId(state.answered, rrpid.id)) return reject('replay');
  const registration = awaiting(state, 'CertRes', rrpid);
  if (registration === undefined || registration.request?.caBackKey !== f.get('CABackKey')) return reject('unexpected');
  const certS = registration.caSignature!;
  const failure = certificateFailure(state.env, 'cardholder', 'cardholder.CertRes.ca-certificate', certS, { type: 'cca', usage: 'signature' });
  if (failure) return reject(failure);
  if (checks(state.env, 'cardholder.CertRes.signature') && !signatureVerifies(f.get('Signature'), certS.subjectKey, signedBody(template, 'Signature', f)!)) {
    return reject('bad-signature');
  }
  if (checks(state.env, 'cardholder.CertRes.challenge') && f.get('Chall_EE3') !== registration.challenge) return reject('mismatch:challenge');
  const { generation, cardSecret } = registration.request;
  let next: CardholderState = state;
  if (issued) {
    const certificate = f.get('Cert(C)') as Certificate;
    const key: PublicKey = publicKey(state.name, 'signature', generation);
    if (checks(state.env, 'cardholder.CertRes.key') && certificate.subjectKey !== key) return reject('mismatch:key');
    const card = state.card!;
    const cardCertNonce = f.get('CardCertNonce') as Nonce;
    const secret = panSecret(cardSecret, cardCertNonce);
    if (checks(state.env, 'cardholder.CertRes.cardholder-id') && certificate.subject !== uniqueCardholderId({ pan: card.pan, cardExpiry: card.expiry }, secret)) {
      return reject('mismatch:cardholder-id');
    }
    next = { ...next, identity: { certificate, generation, cardSecret, cardCertNonce, panSecret: secret } };
  }
  const updated: CardholderRegistration = { ...registration, awaiting: undefined, status: status.value as CaStatus };
  return accept('CertRes', { ...withRegistration(next, updated), answered: withId(state.answered, rrpid.id) }, relied(state.name, state.env, certS));
}
