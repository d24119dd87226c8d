/** The attacker's knowledge on the textbook cases (SET.md 9: what Dolev-Yao may and may not do). */
import { describe, expect, test } from 'vitest';
import {
  agent, amount, certificate, crypt, E, EncB, EncK, EncX, EX, EXH, hash, hmac, nonce, pan, panSecret, privateKey,
  publicKey, S, secretData, sign, SO, symCrypt, symKey, text, tuple, uniqueCardholderId,
  type PrivateKey, type Term,
} from '../terms/index.ts';
import { Knowledge } from './knowledge.ts';

const [a, b, c, secret] = [nonce('a'), nonce('b'), nonce('c'), nonce('secret')];
const skP = privateKey('P1', 'keyExchange');
const pkP = publicKey('P1', 'keyExchange');
const skC = privateKey('C1', 'signature');
const k = symKey('k1');

describe('keys learned later', () => {
  test('a private key learned later opens an older asymmetric ciphertext', () => {
    const ciphertext = crypt(pkP, secret);
    const before = Knowledge.of([ciphertext]);
    expect(before.canDerive(secret)).toBe(false);
    expect(before.waitingFor(skP)).toEqual([ciphertext]);
    const after = before.add(skP);
    expect(after.canDerive(secret)).toBe(true);
    expect(after.waitingFor(skP)).toEqual([]);
    expect(after.pendingKeyCount).toBe(0);
  });

  test('a symmetric key learned later opens an older ciphertext, and the key order does not matter', () => {
    const ciphertext = symCrypt(k, secret);
    expect(Knowledge.of([ciphertext]).canDerive(secret)).toBe(false);
    expect(Knowledge.of([ciphertext]).add(k).canDerive(secret)).toBe(true);
    expect(Knowledge.of([k]).add(ciphertext).canDerive(secret)).toBe(true);
  });

  test('a chain of keys opens in cascade when its first key arrives last', () => {
    const [k2, k3] = [symKey('k2'), symKey('k3')];
    const parked = Knowledge.of([symCrypt(k3, secret), symCrypt(k2, k3), crypt(pkP, k2)]);
    expect(parked.canDerive(secret)).toBe(false);
    expect(parked.add(skP).canDerive(secret)).toBe(true);
  });

  test('the wrong key opens nothing: another usage, another generation, the public half', () => {
    const ciphertext = crypt(pkP, secret);
    for (const wrong of [privateKey('P1', 'signature'), privateKey('P1', 'keyExchange', 1), privateKey('M1', 'keyExchange'), pkP]) {
      expect(Knowledge.of([ciphertext, wrong]).canDerive(secret)).toBe(false);
    }
  });
});

describe('one-way and signatures', () => {
  test('a hash never gives up its argument; an HMAC gives up neither message nor key', () => {
    const known = Knowledge.of([hash(secret), hmac(a, b), hash(tuple(secret, agent('C1')))]);
    for (const hidden of [secret, a, b]) expect(known.canDerive(hidden)).toBe(false);
    expect(known.canDerive(hash(secret))).toBe(true);
  });

  test('no signature without the private key, whatever else is known', () => {
    const known = Knowledge.of([a, SO(skC, b), privateKey('C1', 'keyExchange'), privateKey('Spy', 'signature')]);
    expect(known.canDerive(sign(skC, a))).toBe(false);
    expect(known.canDerive(sign(privateKey('Spy', 'signature'), a))).toBe(true);
    expect(known.add(skC).canDerive(sign(skC, a))).toBe(true);
  });

  test('S(s, t) reveals t; SO(s, t) alone reveals nothing, and cannot be re-used for another t', () => {
    expect(Knowledge.of([S(skC, secret)]).canDerive(secret)).toBe(true);
    const onlySignature = Knowledge.of([SO(skC, secret)]);
    expect(onlySignature.canDerive(secret)).toBe(false);
    expect(onlySignature.canDerive(SO(skC, secret))).toBe(true);
    expect(onlySignature.add(a).canDerive(SO(skC, a))).toBe(false);
  });

  test('PANSecret is built from both inputs and never taken apart', () => {
    const [cardSecret, cardCertNonce] = [nonce('CardSecret:C1'), nonce('CardCertNonce:C1')];
    const secretTerm = panSecret(cardSecret, cardCertNonce);
    expect(Knowledge.of([cardSecret]).canDerive(secretTerm)).toBe(false);
    expect(Knowledge.of([cardCertNonce, cardSecret]).canDerive(secretTerm)).toBe(true);
    const seen = Knowledge.of([secretTerm, cardSecret]);
    expect(seen.canDerive(cardCertNonce)).toBe(false);
  });
});

describe('certificates', () => {
  const cardholderId = uniqueCardholderId({ pan: pan('C1'), cardExpiry: text('202712') }, panSecret(nonce('CardSecret:C1'), nonce('CardCertNonce:C1')));
  const certFor = (signer: PrivateKey, subject: Term = agent('M1')) => certificate({
    subject, subjectKey: publicKey('M1', 'signature'), certType: 'merchant', usage: 'signature',
    firstDay: 0, lastDay: 364, serial: 7, issuer: agent('MCA'), signer,
  });

  test('a certificate forged without the CA key is not derivable; with it, it is', () => {
    const spy = Knowledge.of([privateKey('Spy', 'signature'), privateKey('M1', 'signature')]);
    expect(spy.canDerive(certFor(privateKey('MCA', 'signature')))).toBe(false);
    // A certificate naming MCA but signed by the spy: derivable, and rejected later by the chain check.
    expect(spy.canDerive(certFor(privateKey('Spy', 'signature')))).toBe(true);
    expect(spy.add(privateKey('MCA', 'signature')).canDerive(certFor(privateKey('MCA', 'signature')))).toBe(true);
  });

  test('a certificate seen can be replayed, and its fields read; a cardholder certificate does not give the PAN', () => {
    const cert = certFor(privateKey('CCA', 'signature'), cardholderId);
    const seen = Knowledge.of([cert]);
    expect(seen.canDerive(cert)).toBe(true);
    expect(seen.isAnalysed(cardholderId)).toBe(true);
    expect(seen.canDerive(pan('C1'))).toBe(false);
  });
});

describe('tuples', () => {
  test('split and compose', () => {
    const known = Knowledge.of([tuple(a, tuple(b, c))]);
    for (const part of [a, b, c, tuple(b, c), tuple(c, a), tuple(a, tuple(b, c)), tuple()]) expect(known.canDerive(part)).toBe(true);
    expect(known.isAnalysed(tuple(b, c))).toBe(true);
    expect(known.isAnalysed(tuple(b, secret))).toBe(false);
  });

  test('are transparent: knowing {a, b} is knowing a and b', () => {
    expect(Knowledge.of([tuple(a, b)]).key()).toBe(Knowledge.of([b, a]).key());
    expect(Knowledge.of([tuple(a, b)]).equals(Knowledge.of([a, b]))).toBe(true);
  });

  test('public atoms are known from the start and are not stored', () => {
    expect(Knowledge.of([agent('C1'), text('issued'), amount('USD', 5), pkP, tuple(agent('M1'))])).toBe(Knowledge.EMPTY);
    expect(Knowledge.EMPTY.canDerive(crypt(pkP, tuple(agent('C1'), hash(text('x')))))).toBe(true);
  });
});

describe('SET envelopes open layer by layer (SET.md 2)', () => {
  // A signed PReq's PI inside an AuthReq: EncB(M, P, AuthReqData, PI) with PI = {DS, EX(P, {PIHead, H(OIData)}, PANData)}.
  const [skM, pkM] = [privateKey('M1', 'signature'), publicKey('M1', 'keyExchange')];
  const [kPI, kAuth] = [symKey('p1:pi'), symKey('p1:authreq')];
  const panData = tuple(pan('C1'), text('202712'), panSecret(nonce('CardSecret:C1'), nonce('CardCertNonce:C1')), nonce('EXNonce:p1'));
  const oiData = tuple(nonce('XID:p1'), hash(tuple(secretData('OD:p1'), amount('USD', 1999), nonce('ODSalt:p1'))), nonce('ODSalt:p1'));
  const piHead = tuple(nonce('XID:p1'), amount('USD', 1999), agent('M1'));
  const pi = tuple(SO(skC, tuple(hash(tuple(piHead, panData)), hash(oiData))), EX(pkP, tuple(piHead, hash(oiData)), panData, kPI));
  const authReqData = tuple(nonce('XID:p1'), nonce('RRPID:p1:auth'), agent('M1'), amount('USD', 1999), hash(oiData));
  const authReq = EncB(skM, pkP, authReqData, pi, kAuth);

  test('the network sees the baggage but opens neither envelope', () => {
    const network = Knowledge.of([authReq]);
    expect(network.canDerive(pi)).toBe(true);
    for (const hidden of [kAuth, kPI, authReqData, pan('C1'), panData]) expect(network.canDerive(hidden)).toBe(false);
    expect(network.waitingFor(skP)).toHaveLength(2); // the AuthReq's OAEP block and the PI's
  });

  test("the gateway's key opens both layers: the envelope, then the PI's extra encryption", () => {
    const gateway = Knowledge.of([authReq, skP]);
    for (const revealed of [kAuth, authReqData, kPI, piHead, panData, pan('C1')]) expect(gateway.canDerive(revealed)).toBe(true);
    expect(gateway.canDerive(secretData('OD:p1'))).toBe(false); // order privacy: HOD does not open
  });

  test('the same layers open whichever comes first, key or message', () => {
    expect(Knowledge.of([skP, authReq]).key()).toBe(Knowledge.of([authReq, skP]).key());
    expect(Knowledge.of([authReq]).add(skP).equals(Knowledge.of([skP]).add(authReq))).toBe(true);
  });

  test('E, EXH, EncX and EncK each open only with their key', () => {
    const [skCCA, pkCCA, back, kReq] = [privateKey('CCA', 'keyExchange'), publicKey('CCA', 'keyExchange'), symKey('back'), symKey('req')];
    const acctInfo = tuple(pan('C1'), text('202712'), nonce('CardSecret:C1'), nonce('EXNonce:r1'));
    const cases: [Term, Term, Term[]][] = [
      [E(pkM, secret, kReq), secret, [privateKey('M1', 'keyExchange')]],
      [EXH(pkCCA, a, pan('C1'), kReq), pan('C1'), [skCCA]],
      [EncX(skC, pkCCA, tuple(a, back), acctInfo, kReq), nonce('CardSecret:C1'), [skCCA]],
      [EncK(back, privateKey('CCA', 'signature'), nonce('CardCertNonce:C1')), nonce('CardCertNonce:C1'), [back]],
    ];
    for (const [message, hidden, keys] of cases) {
      expect(Knowledge.of([message]).canDerive(hidden)).toBe(false);
      expect(Knowledge.of([message, ...keys]).canDerive(hidden)).toBe(true);
    }
  });
});

describe('immutable and canonical', () => {
  test('adding leaves the old knowledge as it was', () => {
    const before = Knowledge.of([crypt(pkP, secret)]);
    const [key, fingerprint] = [before.key(), before.fingerprint];
    const after = before.add(skP);
    expect(after).not.toBe(before);
    expect([before.key(), before.fingerprint, before.canDerive(secret)]).toEqual([key, fingerprint, false]);
    expect(before.waitingFor(skP)).toHaveLength(1);
  });

  test('adding what is already known returns the same object', () => {
    const known = Knowledge.of([S(skC, tuple(a, b))]);
    expect(known.add(a)).toBe(known);
    expect(known.add(tuple(b, a))).toBe(known);
    expect(known.addAll(known.facts())).toBe(known);
  });

  test('the key lists fact ids in order; the facts are the closure without tuples and public atoms', () => {
    const known = Knowledge.of([tuple(b, a, agent('C1')), hash(c)]);
    expect(known.facts()).toEqual([a, b, hash(c)].sort((x, y) => x.id - y.id));
    expect(known.key()).toBe([a.id, b.id, hash(c).id].sort((x, y) => x - y).join(','));
  });
});
