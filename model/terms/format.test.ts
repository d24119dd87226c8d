/** The canonical string of a term (format.ts): readable, abbreviable, injective. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  agent, amount, certificate, formatTerm, hash, hmac, integer, nonce, pan, panSecret, privateKey, publicKey,
  S, secretData, symKey, symCrypt, text, tuple, crypt,
} from './index.ts';
import { build, canonicalPlain, plainTermPair } from './arbitraries.test-helpers.ts';

describe('formatTerm', () => {
  test('atoms', () => {
    expect(
      [agent('C1'), nonce('XID:p1'), secretData('OD:p1'), pan('C1'), integer(-7), amount('USD', 1999), text('refused:identity'),
        publicKey('C1', 'signature'), privateKey('P1', 'keyExchange'), publicKey('C1', 'signature', 2), symKey('p1:1')].map((t) => formatTerm(t)),
    ).toEqual(['C1', 'n:XID:p1', 'd:OD:p1', 'pan:C1', '-7', 'USD:1999', '"refused:identity"', 'pk:C1:sig', 'sk:P1:kx', 'pk:C1:sig#2', 'k:p1:1']);
  });

  test('compounds', () => {
    const [a, k] = [nonce('a'), symKey('k')];
    expect(formatTerm(tuple(a, hash(a), hmac(a, k)))).toBe('{n:a, H(n:a), Hmac(n:a, k:k)}');
    expect(formatTerm(crypt(publicKey('P1', 'keyExchange'), symCrypt(k, a)))).toBe('Crypt(pk:P1:kx, SymCrypt(k:k, n:a))');
    expect(formatTerm(panSecret(nonce('CardSecret:C1'), nonce('CardCertNonce:C1')))).toMatch(/^PANSecret\(n:Card\w+:C1, n:Card\w+:C1\)$/);
    const cert = certificate({
      subject: agent('M1'), subjectKey: publicKey('M1', 'signature'), certType: 'merchant', usage: 'signature',
      firstDay: 0, lastDay: 364, serial: 3, issuer: agent('MCA'), signer: privateKey('MCA', 'signature'),
    });
    expect(formatTerm(cert)).toBe('Cert(M1, pk:M1:sig, merchant/sig, 0..364, #3, MCA, sk:MCA:sig)');
  });

  test('depth abbreviates compounds, never keys or atoms', () => {
    const signed = S(privateKey('C1', 'signature'), tuple(nonce('RRPID:p1'), hash(nonce('x'))));
    expect(formatTerm(signed, { depth: 1 })).toBe('{{..}, Sign(..)}');
    expect(formatTerm(signed.items[1]!, { depth: 1 })).toBe('Sign(sk:C1:sig, {..})');
    expect(formatTerm(signed, { depth: 0 })).toBe('{..}');
    expect(formatTerm(nonce('a'), { depth: 0 })).toBe('n:a');
  });

  test('is injective: two terms print alike only when they are the same term', () => {
    fc.assert(
      fc.property(plainTermPair, ([left, right]) => {
        expect(formatTerm(build(left)) === formatTerm(build(right))).toBe(canonicalPlain(left) === canonicalPlain(right));
      }),
    );
  });
});
