/** SET's operators (SET.md 2), derived values (SET.md 1, 5.3) and the symbolic signature checks. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  agent, amount, certificate, certificateSignedBy, crypt, E, Enc, EncB, EncK, EncX, EX, EXH, formatTerm, hash,
  hashedOrderDescription, hmac, nonce, pan, panSecret, privateKey, publicKey, S, secretData, sign, signatureVerifies,
  SO, symCrypt, symKey, text, thumbprint, transStain, tuple, uniqueCardholderId,
} from './index.ts';
import { termArbitrary } from './arbitraries.test-helpers.ts';

const skM = privateKey('M1', 'signature');
const pkP = publicKey('P1', 'keyExchange');
const k = symKey('env:1');
const [t, b, p] = [nonce('t'), nonce('b'), nonce('p')];

describe('the operators are the compositions SET.md 2 gives', () => {
  test('SO and S', () => {
    expect(SO(skM, t)).toBe(sign(skM, t));
    expect(S(skM, t)).toBe(tuple(t, sign(skM, t)));
  });

  test('E, Enc, EncB', () => {
    expect(E(pkP, t, k)).toBe(tuple(crypt(pkP, k), symCrypt(k, t)));
    expect(Enc(skM, pkP, t, k)).toBe(tuple(crypt(pkP, k), symCrypt(k, tuple(t, sign(skM, t)))));
    const bound = tuple(t, hash(b));
    expect(EncB(skM, pkP, t, b, k)).toBe(tuple(tuple(crypt(pkP, k), symCrypt(k, tuple(bound, sign(skM, bound)))), b));
  });

  test('EX, EXH, EncX, EncK', () => {
    expect(EX(pkP, t, p, k)).toBe(tuple(symCrypt(k, tuple(t, hash(p))), crypt(pkP, tuple(k, p))));
    expect(EXH(pkP, t, p, k)).toBe(tuple(symCrypt(k, tuple(t, hash(p))), crypt(pkP, tuple(k, p, hash(t)))));
    expect(EncX(skM, pkP, t, p, k)).toBe(tuple(symCrypt(k, tuple(t, sign(skM, tuple(t, p)))), crypt(pkP, tuple(k, p))));
    expect(EncK(k, skM, t)).toBe(symCrypt(k, tuple(t, sign(skM, t))));
  });

  test('an envelope prints readably', () => {
    expect(formatTerm(Enc(skM, pkP, t, k), { depth: 2 })).toBe('{Crypt(pk:P1:kx, k:env:1), SymCrypt(k:env:1, {..})}');
  });
});

describe('derived values', () => {
  const cardSecret = nonce('CardSecret:C1');
  const cardCertNonce = nonce('CardCertNonce:C1');

  test('PANSecret is commutative, as xor is, and nothing else', () => {
    expect(panSecret(cardSecret, cardCertNonce)).toBe(panSecret(cardCertNonce, cardSecret));
    expect(panSecret(cardSecret, cardSecret)).not.toBe(panSecret(cardSecret, cardCertNonce));
    fc.assert(fc.property(termArbitrary, termArbitrary, (x, y) => {
      expect(panSecret(x, y)).toBe(panSecret(y, x));
    }));
  });

  test('UniqueCardholderID, HOD, TransStain, thumbprints', () => {
    const card = { pan: pan('C1'), cardExpiry: text('202712') };
    const secret = panSecret(cardSecret, cardCertNonce);
    expect(uniqueCardholderId(card, secret)).toBe(hmac(tuple(card.pan, card.cardExpiry), secret));
    const order = { od: secretData('OD:p1'), purchAmt: amount('USD', 1999), odSalt: nonce('ODSalt:p1') };
    expect(hashedOrderDescription(order)).toBe(hash(tuple(order.od, order.purchAmt, order.odSalt)));
    expect(transStain(nonce('XID:p1'), cardSecret)).toBe(hmac(nonce('XID:p1'), cardSecret));
    const cert = merchantCertificate(privateKey('MCA', 'signature'));
    expect(thumbprint(cert)).toBe(hash(cert));
  });
});

describe('symbolic checks', () => {
  test('a signature verifies with the matching public key over exactly its body', () => {
    const pkM = publicKey('M1', 'signature');
    expect(signatureVerifies(SO(skM, t), pkM, t)).toBe(true);
    expect(signatureVerifies(SO(skM, t), pkM, b)).toBe(false);
    expect(signatureVerifies(SO(skM, t), publicKey('M1', 'keyExchange'), t)).toBe(false);
    expect(signatureVerifies(SO(skM, t), publicKey('M1', 'signature', 1), t)).toBe(false);
    expect(signatureVerifies(hash(t), pkM, t)).toBe(false);
  });

  test("a certificate is signed by its issuer's key, or it is a forgery", () => {
    expect(certificateSignedBy(merchantCertificate(privateKey('MCA', 'signature')), publicKey('MCA', 'signature'))).toBe(true);
    expect(certificateSignedBy(merchantCertificate(privateKey('Spy', 'signature')), publicKey('MCA', 'signature'))).toBe(false);
  });
});

function merchantCertificate(signer: ReturnType<typeof privateKey>) {
  return certificate({
    subject: agent('M1'), subjectKey: publicKey('M1', 'signature'), certType: 'merchant', usage: 'signature',
    firstDay: 0, lastDay: 364, serial: 1, issuer: agent('MCA'), signer,
  });
}
