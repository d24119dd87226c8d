/**
 * The certificate authorities (SET.md 1, 4.1, 4.2; docs/decisions.md D8, D17, D19). The CCA
 * registers cardholders (CardCInitReq, RegFormReq, CertReq), the MCA merchants (Me-AqCInitReq,
 * CertReq); RCA, BCA and PCA issue only at set-up and take no message (D15: `unexpected`).
 * A CertReq that passes its checks is `accepted` and answered with a status (D19): key-reused,
 * then the issuer's or acquirer's confirmation (a private call; the CertRes goes out when the
 * answer comes back, in the same delivery), then (MCA) already-certified, else issued.
 */
import {
  hash, integer, panSecret, text, tuple, uniqueCardholderId,
  type Certificate, type Nonce, type PublicKey, type SymKey, type Term, type Text,
} from '../terms/index.ts';
import { issueCertificate } from '../pki/index.ts';
import { build, parse, signedBody, templateOf } from '../messages/index.ts';
import { ACQUIRER, CARDHOLDER_CA, ISSUER, MERCHANT_CA } from '../vocabulary/agents.ts';
import type { CaStatus, RefusalReason } from '../vocabulary/outcomes.ts';
import { signatureVerifies, privateKey, publicKey } from '../terms/index.ts';
import { call, checks, freshNonce, log, opensFor, send, type Delivery } from './common.ts';
import type { Environment } from './environment.ts';
import { EMPTY_IDS, hasId, withId, type IdSet } from './id-set.ts';
import type { Output } from './outputs.ts';
import type { PrivateEvent, WorldEvent } from './private-events.ts';
import { accept, memoised, reject, type Reaction } from './reaction.ts';
import { roleMachine } from './role-machine.ts';
import { unhandledKind } from './unhandled.ts';

/** A registration form handed out (SET.md 4.1 step 4, 4.2 step 2), named by its challenge. */
export interface RegistrationForm {
  readonly regFormId: number;
  readonly lidCa: Text;
  readonly challCa: Nonce;
  readonly used: boolean;
}

/** D19: the CA's view of one certificate it issued. */
export interface IssuedCertificate {
  readonly certificate: Certificate;
  /** The party the certificate is for (a cardholder: the issuer's account owner, D19). */
  readonly owner: string;
}

/** A CertReq accepted and waiting for the issuer's or acquirer's answer (inside one delivery). */
interface PendingRequest {
  readonly from: string;
  readonly form: RegistrationForm;
  readonly rrpid: Term;
  readonly lidEe: Term;
  readonly challEe3: Term;
  readonly publicKeyS: PublicKey;
  readonly publicKeyE?: PublicKey;
  readonly caBackKey?: SymKey;
  readonly merchantId?: Term;
  readonly account?: { readonly pan: Term; readonly expiry: Term; readonly cardSecret: Term; readonly values: Term };
}

export interface CaState {
  readonly env: Environment;
  readonly name: string;
  /** RRPIDs of requests answered (SET.md 8: consumed freshness values). */
  readonly consumed: IdSet;
  /** Forms by the id of their Chall_CA. */
  readonly forms: Readonly<Record<string, RegistrationForm>>;
  readonly formCount: number;
  /** Next serial number; set-up certificates took the first ones. */
  readonly serial: number;
  /** Every public key the CA certified (SET.md 4.1 step 5: `key-reused`). */
  readonly certifiedKeys: IdSet;
  readonly issued: readonly IssuedCertificate[];
  readonly pending?: PendingRequest;
  /** SET.md 9: what a broken CCA gives away (each cardholder's PAN, CardSecret, CardCertNonce, PANSecret), a broken MCA (MerchantSecrets). */
  readonly secrets: readonly Term[];
}

export type CaEvent = Delivery | PrivateEvent | WorldEvent;

const FORM_FIELDS = tuple(text('name'), text('billingPostcode'));

function own(state: CaState) {
  const usage = { signing: privateKey(state.name, 'signature'), exchange: publicKey(state.name, 'keyExchange') };
  const certificates = state.env.pki.cas.get(state.name);
  return { ...usage, certS: certificates?.signature, certE: certificates?.keyExchange };
}

function newForm(state: CaState): { form: RegistrationForm; next: CaState } {
  const regFormId = state.formCount + 1;
  const form: RegistrationForm = {
    regFormId, lidCa: text(`${state.name}-${regFormId}`), challCa: freshNonce(state.name, 'form', regFormId, 'Chall_CA'), used: false,
  };
  return { form, next: { ...state, formCount: regFormId, forms: { ...state.forms, [form.challCa.id]: form } } };
}

/** SET.md 4.1 steps 1-2 and 4.2 steps 1-2. */
function onInitRequest(state: CaState, event: Delivery): Reaction<CaState> {
  const isCca = state.name === CARDHOLDER_CA;
  const parsed = parse(templateOf(event.type, 'plain', state.env.profile.shape), event.message, { capability: opensFor([]) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const rrpid = f.get('RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  const { signing, certS, certE } = own(state);
  if (certS === undefined || certE === undefined) return reject('unexpected', 'no CA certificates');
  const consumed = withId(state.consumed, rrpid.id);
  if (isCca) {
    const values = { RRPID: rrpid, LID_EE: f.get('LID_EE'), Chall_EE: f.get('Chall_EE'), 'CertE(CCA)': certE, 'CertS(CCA)': certS };
    const term = build(templateOf('CardCInitRes', 'plain', state.env.profile.shape), { values, keys: { signer: signing } });
    return accept('CardCInitReq', { ...state, consumed }, [send('CardCInitRes', 'plain', event.from.name, term)]);
  }
  const { form, next } = newForm({ ...state, consumed });
  const values = {
    RRPID: rrpid, LID_EE: f.get('LID_EE'), Chall_EE: f.get('Chall_EE'), LID_CA: form.lidCa, Chall_CA: form.challCa,
    RegFormID: integer(form.regFormId), RegForm: FORM_FIELDS, 'CertE(MCA)': certE, 'CertS(MCA)': certS,
  };
  const term = build(templateOf('Me-AqCInitRes', 'plain', state.env.profile.shape), { values, keys: { signer: signing } });
  return accept('Me-AqCInitReq', next, [send('Me-AqCInitRes', 'plain', event.from.name, term)]);
}

/** SET.md 4.1 steps 3-4 (CCA only). D10: a wrong H(p) or H(t) of the EXH is `malformed`. */
function onRegFormReq(state: CaState, event: Delivery): Reaction<CaState> {
  const { signing, exchange } = own(state);
  const parsed = parse(templateOf('RegFormReq', 'plain', state.env.profile.shape), event.message, { capability: opensFor([exchange]) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  const t = tuple(f.get('RRPID'), f.get('LID_EE'), f.get('Chall_EE2'), f.get('BrandID'));
  if (f.get('H(p)') !== hash(tuple(f.get('PAN'), f.get('EXNonce'))) || f.get('H(t)') !== hash(t)) return reject('malformed', 'EXH hashes');
  const rrpid = f.get('RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  const { form, next } = newForm({ ...state, consumed: withId(state.consumed, rrpid.id) });
  const values = {
    RRPID: rrpid, LID_EE: f.get('LID_EE'), Chall_EE2: f.get('Chall_EE2'), LID_CA: form.lidCa, Chall_CA: form.challCa,
    RegFormID: integer(form.regFormId), RegForm: FORM_FIELDS,
  };
  const term = build(templateOf('RegFormRes', 'plain', state.env.profile.shape), { values, keys: { signer: signing } });
  return accept('RegFormReq', next, [send('RegFormRes', 'plain', event.from.name, term)]);
}

/** SET.md 4.1 step 5 / 4.2 step 3, in D17's and D19's order. */
function onCertReq(state: CaState, event: Delivery): Reaction<CaState> {
  const isCca = state.name === CARDHOLDER_CA;
  const template = templateOf('CertReq', isCca ? 'cardholder' : 'merchant', state.env.profile.shape);
  const parsed = parse(template, event.message, { capability: opensFor([own(state).exchange]) });
  if (!parsed.ok) return reject('malformed', parsed.reason);
  const f = parsed.fields;
  // freshness (D17)
  const rrpid = f.get('RRPID');
  if (hasId(state.consumed, rrpid.id)) return reject('replay');
  const form = state.forms[f.get('Chall_CA').id];
  if (form !== undefined && form.used) return reject('replay', 'the form was used');
  // session
  const regFormId = f.get('RegFormID');
  if (form === undefined || regFormId.kind !== 'int' || regFormId.value !== form.regFormId || f.get('LID_CA') !== form.lidCa) {
    return reject('unexpected', 'no such form');
  }
  // proof of possession: signed with the private half of the enclosed PublicKeyS
  const publicKeyS = f.get('PublicKeyS') as PublicKey;
  const body = signedBody(template, 'Signature', f);
  if (checks(state.env, 'ca.CertReq.signature') && (body === undefined || !signatureVerifies(f.get('Signature'), publicKeyS, body))) {
    return reject('bad-signature');
  }
  const usedForm = { ...form, used: true };
  const next: CaState = { ...state, consumed: withId(state.consumed, rrpid.id), forms: { ...state.forms, [form.challCa.id]: usedForm } };
  const pending: PendingRequest = {
    from: event.from.name, form: usedForm, rrpid, lidEe: f.get('LID_EE'), challEe3: f.get('Chall_EE3'), publicKeyS,
    caBackKey: isCca ? (f.get('CABackKey') as SymKey) : undefined,
    account: isCca ? { pan: f.get('PAN'), expiry: f.get('CardExpiry'), cardSecret: f.get('CardSecret'), values: f.get('RegFormValues') } : undefined,
    publicKeyE: isCca ? undefined : (f.get('PublicKeyE') as PublicKey),
    merchantId: isCca ? undefined : f.get('MerchantID'),
  };
  const keys = [publicKeyS, ...(pending.publicKeyE ? [pending.publicKeyE] : [])];
  if (checks(state.env, 'ca.CertReq.key-reused') && keys.some((key) => hasId(state.certifiedKeys, key.id))) {
    return answer({ ...next, pending }, 'refused:key-reused', undefined, 'CertReqKeyReused');
  }
  const secrets = isCca ? [pending.account!.pan, pending.account!.cardSecret] : [f.get('MerchantSecret')];
  const outputs: Output[] = isCca
    ? [call(ISSUER, { type: 'confirmIdentity', replyTo: state.name, pan: pending.account!.pan, expiry: pending.account!.expiry, values: pending.account!.values })]
    : [call(ACQUIRER, { type: 'confirmMerchant', replyTo: state.name, merchantId: pending.merchantId!, secret: f.get('MerchantSecret') })];
  return accept('CertReq', { ...next, pending, secrets: [...state.secrets, ...secrets] }, outputs);
}

/** The issuer's or acquirer's answer comes back: decide the status (D19) and send the CertRes. */
function onIdentityAnswer(state: CaState, event: Extract<PrivateEvent, { type: 'identityAnswer' }>): Reaction<CaState> {
  const pending = state.pending;
  if (pending === undefined) return reject('unexpected', 'no CertReq waits for an answer');
  const isCca = state.name === CARDHOLDER_CA;
  let status: CaStatus;
  if (event.answer !== 'confirmed' && (!isCca || checks(state.env, 'cca.CertReq.issuer-confirmation'))) {
    status = `refused:${event.answer}` as `refused:${RefusalReason}`;
  } else if (!isCca && checks(state.env, 'mca.CertReq.already-certified') && hasUnrevokedCertificate(state, pending.merchantId!)) {
    status = 'refused:already-certified';
  } else {
    status = 'issued';
  }
  return answer(state, status, event, 'IdentityAnswer');
}

function hasUnrevokedCertificate(state: CaState, subject: Term): boolean {
  return state.issued.some(({ certificate }) => {
    if (certificate.subject !== subject) return false;
    const revokedOn = state.env.crl.get(certificate.id);
    return revokedOn === undefined || revokedOn > state.env.day;
  });
}

function answer(state: CaState, status: CaStatus, identity: Extract<PrivateEvent, { type: 'identityAnswer' }> | undefined, rule: string): Reaction<CaState> {
  const pending = state.pending!;
  const isCca = state.name === CARDHOLDER_CA;
  const { signing } = own(state);
  const shape = state.env.profile.shape;
  let next: CaState = { ...state, pending: undefined };
  const outputs: Output[] = [log({ type: 'registration-answered', ca: state.name, status })];
  const base = { RRPID: pending.rrpid, LID_EE: pending.lidEe, Chall_EE3: pending.challEe3, LID_CA: pending.form.lidCa, CAStatus: text(status) };
  if (isCca) {
    const account = pending.account!;
    const cardCertNonce = freshNonce(state.name, 'form', pending.form.regFormId, 'CardCertNonce');
    const values: Record<string, Term> = { ...base, CardCertNonce: cardCertNonce, CABackKey: pending.caBackKey! };
    if (status === 'issued') {
      const secret = panSecret(account.cardSecret, cardCertNonce);
      const certificate = issueCertificate({
        issuer: state.name, subject: uniqueCardholderId({ pan: account.pan, cardExpiry: account.expiry }, secret),
        subjectKey: pending.publicKeyS, type: 'cardholder', usage: 'signature', day: state.env.day, serial: state.serial,
      });
      values['Cert(C)'] = certificate;
      const owner = identity?.owner ?? pending.publicKeyS.owner;
      next = {
        ...next, serial: state.serial + 1, certifiedKeys: withId(state.certifiedKeys, pending.publicKeyS.id),
        issued: [...state.issued, { certificate, owner }], secrets: [...state.secrets, cardCertNonce, secret],
      };
      outputs.push(log({
        type: 'certificate-issued', ca: state.name, certificate, owner, confirmedByIssuer: identity?.answer === 'confirmed', panSecret: secret,
        account: { pan: account.pan, expiry: account.expiry, values: account.values },
      }));
    }
    const term = build(templateOf('CertRes', 'cardholder', shape), { values, keys: { signer: signing } });
    outputs.push(send('CertRes', 'cardholder', pending.from, term));
  } else {
    const values: Record<string, Term> = { ...base };
    if (status === 'issued') {
      const merchantId = pending.merchantId!;
      const owner = merchantId.kind === 'agent' ? merchantId.name : pending.publicKeyS.owner;
      const issue = (key: PublicKey, usage: 'signature' | 'keyExchange', serial: number): Certificate =>
        issueCertificate({ issuer: state.name, subject: merchantId, subjectKey: key, type: 'merchant', usage, day: state.env.day, serial });
      const certS = issue(pending.publicKeyS, 'signature', state.serial);
      const certE = issue(pending.publicKeyE!, 'keyExchange', state.serial + 1);
      values['CertS(M)'] = certS;
      values['CertE(M)'] = certE;
      next = {
        ...next, serial: state.serial + 2,
        certifiedKeys: withId(withId(state.certifiedKeys, pending.publicKeyS.id), pending.publicKeyE!.id),
        issued: [...state.issued, { certificate: certS, owner }, { certificate: certE, owner }],
      };
      outputs.push(
        log({ type: 'certificate-issued', ca: state.name, certificate: certS, owner, confirmedByIssuer: true }),
        log({ type: 'certificate-issued', ca: state.name, certificate: certE, owner, confirmedByIssuer: true }),
      );
    }
    const term = build(templateOf('CertRes', 'merchant', shape), { values, keys: { signer: signing } });
    outputs.push(send('CertRes', 'merchant', pending.from, term));
  }
  return accept(rule, next, outputs);
}

function react(state: CaState, event: CaEvent): Reaction<CaState> {
  const isCca = state.name === CARDHOLDER_CA;
  const isMca = state.name === MERCHANT_CA;
  switch (event.type) {
    case 'environment':
      return accept('Environment', { ...state, env: event.env });
    case 'identityAnswer':
      return onIdentityAnswer(state, event);
    case 'CardCInitReq':
      if (isCca) return onInitRequest(state, event);
      break;
    case 'Me-AqCInitReq':
      if (isMca) return onInitRequest(state, event);
      break;
    case 'RegFormReq':
      if (isCca) return onRegFormReq(state, event);
      break;
    case 'CertReq':
      if (isCca || isMca) return onCertReq(state, event);
      break;
    default:
      break;
  }
  return 'message' in event ? unhandledKind(state.env, event) : reject('unexpected', `${state.name} takes no ${event.type}`);
}

export const reactCa = memoised(react);

export const caMachine = roleMachine<CaState, CaEvent>('ca', reactCa, [
  { event: 'environment', rule: 'Environment', description: 'the clock, the CRLs or the directory changed' },
  { event: 'CardCInitReq', rule: 'CardCInitReq', description: 'SET.md 4.1 steps 1-2: answer with CardCInitRes, CertE(CCA), CertS(CCA)' },
  { event: 'RegFormReq', rule: 'RegFormReq', description: 'SET.md 4.1 steps 3-4: hand out a form (RegFormRes)' },
  { event: 'Me-AqCInitReq', rule: 'Me-AqCInitReq', description: 'SET.md 4.2 steps 1-2: hand out a form (Me-AqCInitRes)' },
  { event: 'CertReq', rule: 'CertReq', description: 'SET.md 4.1 step 5, 4.2 step 3, D17, D19: envelope, freshness, form, proof of possession; ask the issuer / acquirer' },
  { event: 'CertReq', rule: 'CertReqKeyReused', description: 'SET.md 4.1 step 5, D19: a key certified before: CertRes refused:key-reused at once' },
  { event: 'identityAnswer', rule: 'IdentityAnswer', description: 'SET.md 4.1 step 6, 4.2 step 4, D19: decide the status, issue, send CertRes' },
]);

export function initialCa(env: Environment, name: string, serial: number): CaState {
  return { env, name, consumed: EMPTY_IDS, forms: {}, formCount: 0, serial, certifiedKeys: EMPTY_IDS, issued: [], pending: undefined, secrets: [] };
}

