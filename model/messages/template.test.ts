/** Message templates (SET.md 2-6): one definition builds, decodes, lists fields and locates them. */
import { describe, expect, test } from 'vitest';
import {
  agent, amount, certificate, E, Enc, EncB, EncK, EncX, EX, EXH, hash, integer, nonce, pan, panSecret, privateKey, publicKey, S, secretData, sign,
  symKey, text, tuple, type Term,
} from '../terms/index.ts';
import { STANDARD_SHAPE, profileOf } from '../variants/index.ts';
import { FORMS_OF_KIND, MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';
import * as Ops from './operators.ts';
import { build, fieldNames, field, locate, parse, replaceAt, seq, slots, templateOf, termAt, type FieldType } from './index.ts';

const skM = privateKey('M1', 'signature');
const pkP = publicKey('P1', 'keyExchange');
const k = symKey('k');
const [t1, t2] = [nonce('t1'), nonce('t2')];
const T = seq(field('a', 'nonce'), field('b', 'nonce'));
const P = seq(field('c', 'nonce'));
const values = { a: t1, b: t2, c: nonce('c'), k };
const t = tuple(t1, t2);
const p = tuple(nonce('c'));

describe('the operators build exactly the terms of model/terms/operators.ts', () => {
  test.each([
    ['S', Ops.S('s', T), S(skM, t)],
    ['E', Ops.E('r', T), E(pkP, t, k)],
    ['Enc', Ops.Enc('s', 'r', T), Enc(skM, pkP, t, k)],
    ['EncB', Ops.EncB('s', 'r', T, P, 'b'), EncB(skM, pkP, t, p, k)],
    ['EX', Ops.EX('r', T, P), EX(pkP, t, p, k)],
    ['EXH', Ops.EXH('r', T, P), EXH(pkP, t, p, k)],
    ['EncX', Ops.EncX('s', 'r', T, P), EncX(skM, pkP, t, p, k)],
  ] as const)('%s', (_, template, expected) => {
    expect(build(template, { values, keys: { s: skM, r: pkP } })).toBe(expected);
  });

  test('EncK', () => {
    expect(build(Ops.EncK('k', 's', T), { values, keys: { s: skM } })).toBe(EncK(k, skM, t));
  });
});

describe('every kind and form', () => {
  const shapes = [STANDARD_SHAPE, ...['no-dual-signature', 'oi-without-merchant', 'pi-without-merchant', 'no-challenges', 'authres-without-merchant', 'pan-in-order', 'od-to-gateway']
    .map((v) => profileOf([v]).shape)];
  test('field names are unique within a template', () => {
    for (const shape of shapes) {
      for (const kind of MESSAGE_KINDS) {
        for (const form of FORMS_OF_KIND[kind]) {
          const names = fieldNames(templateOf(kind, form, shape));
          expect(new Set(names).size, `${kind}/${form}`).toBe(names.length);
        }
      }
    }
  });

  test('a message built from fresh values decodes back to them, for a receiver holding every key', () => {
    const all = { opens: () => true, holds: () => true };
    for (const shape of shapes) {
      for (const kind of MESSAGE_KINDS) {
        for (const form of FORMS_OF_KIND[kind]) {
          const template = templateOf(kind, form, shape);
          const given: Record<string, Term> = {};
          const inputs = new Set<string>();
          for (const slot of slots(template, { Items: 2, CapTokens: 2 })) {
            if (!slot.derived) given[slot.name] = sample(slot.type, `${kind}.${slot.name}`.replace(/[^A-Za-z0-9_.]/g, '_'));
            if (slot.input) inputs.add(slot.name);
          }
          const keys = { signer: skM, recipient: pkP, gateway: pkP, cardholder: privateKey('C1', 'signature'), requester: privateKey('C1', 'signature'), self: pkP };
          const term = build(template, { values: given, lists: { Items: [{}, {}], CapTokens: [{}, {}] }, keys });
          const decoded = parse(template, term, { capability: all });
          expect(decoded.ok, `${kind}/${form}: ${decoded.ok ? '' : decoded.reason}`).toBe(true);
          if (!decoded.ok) continue;
          for (const [name, value] of Object.entries(given)) {
            if (!inputs.has(name)) expect(decoded.fields.find(name), `${kind}/${form} ${name}`).toBe(value);
          }
        }
      }
    }
  });
});

function sample(type: FieldType, label: string): Term {
  switch (type) {
    case 'nonce': return nonce(label);
    case 'text': return text(label);
    case 'agent': return agent('M1');
    case 'int': return integer(label.length);
    case 'amount': return amount('USD', 7);
    case 'hash': return hash(nonce(label));
    case 'signature': return sign(skM, nonce(label));
    case 'certificate': return certificate({
      subject: agent('M1'), subjectKey: publicKey('M1', 'signature'), certType: 'merchant', usage: 'signature', firstDay: 0, lastDay: 1, serial: 1,
      issuer: agent('MCA'), signer: privateKey('MCA', 'signature'),
    });
    case 'publicKey': return publicKey('X', 'signature');
    case 'symKey': return symKey(label);
    case 'pan': return pan('C1');
    case 'secret': return secretData(label);
    case 'secret20': return panSecret(nonce('a'), nonce('b'));
    case 'tuple': return tuple(text(label));
  }
}

describe('PRes carries CertS(M) beside the signed data (D31)', () => {
  test.each([['standard', STANDARD_SHAPE], ['no-challenges', profileOf(['no-challenges']).shape]] as const)('%s: the field list ends in Signature, CertS(M)', (_, shape) => {
    const names = fieldNames(templateOf('PRes', 'plain', shape));
    expect(names.slice(-2)).toEqual(['Signature', 'CertS(M)']);
    expect(names.includes('Chall_C')).toBe(shape.challenges);
  });

  test('built as {S(M, PResData), CertS(M)}', () => {
    const template = templateOf('PRes', 'plain', STANDARD_SHAPE);
    const certS = sample('certificate', 'CertS(M)');
    const data: Record<string, Term> = {
      LID_C: text('p1'), LID_M: text('p1'), XID: nonce('x'), RRPID: nonce('r'), Chall_C: nonce('c'), HOD: hash(nonce('h')), 'H(PIData)': hash(nonce('p')),
      CompletionCode: text('authorised'), PurchAmt: amount('USD', 4200), AuthAmt: amount('USD', 4200),
    };
    const term = build(template, { values: { ...data, 'CertS(M)': certS }, keys: { signer: skM } });
    const body = tuple(tuple(text('p1'), text('p1'), nonce('x')), nonce('r'), nonce('c'), hash(nonce('h')), hash(nonce('p')), text('authorised'), amount('USD', 4200), amount('USD', 4200));
    expect(term).toBe(tuple(S(skM, body), certS));
  });
});

describe('decoding is strict', () => {
  const template = templateOf('PInitReq', 'plain', STANDARD_SHAPE);
  const good = build(template, { values: { RRPID: nonce('r'), LID_C: text('p1'), LID_M: text('p1'), Chall_C: nonce('c'), BrandID: text('b') }, keys: {} });
  const none = { opens: () => false, holds: () => false };

  test('the right structure decodes', () => {
    expect(parse(template, good, { capability: none }).ok).toBe(true);
  });

  test('a field of the wrong type is malformed', () => {
    expect(parse(template, replaceAt(good, [0], text('not a nonce')), { capability: none }).ok).toBe(false);
  });

  test('a wrong arity is malformed', () => {
    expect(parse(template, tuple(nonce('r')), { capability: none }).ok).toBe(false);
  });

  test('an envelope for another key does not open', () => {
    const authRes = templateOf('CapRes', 'plain', STANDARD_SHAPE);
    const term = build(authRes, {
      values: { RRPID: nonce('r'), MerchantID: agent('M1'), k, 'CertS(P)': nonce('x') as never },
      lists: { Items: [{ LID_C: text('a'), LID_M: text('b'), XID: nonce('x'), CapCode: text('captured'), CapAmt: amount('USD', 1) }] },
      keys: { signer: privateKey('P1', 'signature'), recipient: publicKey('M1', 'keyExchange') },
    });
    expect(parse(authRes, term, { capability: { opens: (key) => key === publicKey('M2', 'keyExchange'), holds: () => false } }).ok).toBe(false);
  });
});

describe('locating a field for tamper', () => {
  test('a field in clear has no sealing envelope; a field in a closed envelope has one', () => {
    const template = templateOf('RegFormReq', 'plain', STANDARD_SHAPE);
    const term = build(template, {
      values: { RRPID: nonce('r'), LID_EE: text('reg'), Chall_EE2: nonce('c'), BrandID: text('b'), PAN: pan('C1'), EXNonce: nonce('x'), k },
      keys: { recipient: publicKey('CCA', 'keyExchange') },
    });
    const closed = () => false;
    const pan1 = locate(template, term, 'PAN', closed)!;
    expect(pan1.value).toBe(pan('C1'));
    expect(pan1.sealedBy).toBeDefined();
    expect(termAt(term, pan1.sealedBy!).kind).toBe('crypt');
    const rrpid = locate(template, term, 'RRPID', closed)!;
    expect(termAt(term, rrpid.sealedBy!).kind).toBe('symCrypt');
    expect(locate(template, term, 'RRPID', () => true)!.sealedBy).toBeUndefined();
  });
});
