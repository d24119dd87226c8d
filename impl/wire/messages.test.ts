/** The 17 outer messages (SET.md sections 4-6): the kind list, round trips, and labelled errors. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeMessage, encodeMessage, MESSAGE_BODIES, MESSAGE_KINDS, MessageWrapper, SETMessage, type Message } from './messages.ts';
import { messageArbitrary } from './arbitraries.test-helpers.ts';
import { encodeElement, encodeSequence, TagClass } from './der.ts';
import { encode, integer } from './schema.ts';

const sample = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, 1)[0]!;

test('MESSAGE_KINDS lists the 17 kinds of SET.md, each tagged by its index', () => {
  expect(MESSAGE_KINDS).toEqual([
    'CardCInitReq', 'CardCInitRes', 'RegFormReq', 'RegFormRes', 'CertReq', 'CertRes', 'Me-AqCInitReq', 'Me-AqCInitRes',
    'PInitReq', 'PInitRes', 'PReq', 'AuthReq', 'AuthRes', 'PRes', 'InqReq', 'CapReq', 'CapRes',
  ]);
  expect(Object.keys(MESSAGE_BODIES)).toEqual([...MESSAGE_KINDS]);
  const shape = SETMessage.shape;
  expect(shape.type === 'choice' && shape.alternatives.map((a) => [a.kind, a.tag])).toEqual(MESSAGE_KINDS.map((kind, i) => [kind, i]));
});

describe('round trip of every message kind', () => {
  test.each(MESSAGE_KINDS)('%s', (kind) => {
    fc.assert(
      fc.property(messageArbitrary(kind), (message) => {
        const encoded = encodeMessage(message);
        const decoded = decodeMessage(encoded);
        expect(decoded).toEqual({ ok: true, value: message });
        expect(decoded.ok && encodeMessage(decoded.value)).toEqual(encoded);
      }),
    );
  });
});

describe('labelled errors', () => {
  test('a 31-octet HOD in a PReq names PReq.oi.oiData.hod', () => {
    const message = sample(messageArbitrary('PReq'));
    const value = message.value;
    const broken: Message = { kind: 'PReq', value: { ...value, oi: { ...value.oi, oiData: { ...value.oi.oiData, hod: new Uint8Array(31) } } } };
    expect(decodeMessage(encodeMessage(broken))).toEqual({
      ok: false,
      error: { outcome: 'malformed', field: 'PReq.oi.oiData.hod', rule: 'expected 32 octets, got 31' },
    });
  });

  test('the wrapper: version, kind tag, shape', () => {
    const body = encode(MESSAGE_BODIES.PInitReq, sample(messageArbitrary('PInitReq')).value);
    const wrap = (version: number, tag: number, ...extra: Uint8Array[]) =>
      encodeSequence(encode(integer(), version), encodeElement(TagClass.context, true, tag, body), ...extra);
    expect(decodeMessage(wrap(1, 8)).ok).toBe(true);
    expect(decodeMessage(wrap(2, 8))).toMatchObject({ ok: false, error: { field: 'MessageWrapper.version', rule: 'INTEGER 2 outside 1..1' } });
    expect(decodeMessage(wrap(1, 17))).toMatchObject({ ok: false, error: { field: 'MessageWrapper.message', rule: '[17] is not a message kind' } });
    expect(decodeMessage(wrap(1, 9))).toMatchObject({ ok: false, error: { field: 'PInitRes.signed', rule: 'expected SEQUENCE (Signed), got tag 0x04' } });
    expect(decodeMessage(wrap(1, 8, Uint8Array.of(0x05, 0x00)))).toMatchObject({ ok: false, error: { field: 'MessageWrapper', rule: '1 unexpected trailing field(s)' } });
    expect(decodeMessage(encodeSequence(encode(integer(), 1)))).toMatchObject({ ok: false, error: { field: 'MessageWrapper.message', rule: 'missing' } });
    expect(decodeMessage(encodeSequence())).toMatchObject({ ok: false, error: { field: 'MessageWrapper.version', rule: 'missing' } });
    expect(decodeMessage(encodeSequence(encode(integer(), 1), body))).toMatchObject({
      ok: false,
      error: { field: 'MessageWrapper.message', rule: 'expected a [n] EXPLICIT message kind' },
    });
    expect(decodeMessage(Uint8Array.of(0x04, 0x00))).toMatchObject({ ok: false, error: { field: 'MessageWrapper', rule: 'expected SEQUENCE (MessageWrapper), got tag 0x04' } });
    expect(decodeMessage(new Uint8Array())).toMatchObject({ ok: false, error: { field: 'MessageWrapper', rule: 'truncated: expected a tag' } });
  });

  test('encodeMessage writes what the MessageWrapper codec writes', () => {
    const message = sample(messageArbitrary('CapRes'));
    expect(encodeMessage(message)).toEqual(MessageWrapper.encode({ version: 1, message }));
  });
});

test('index.ts exports the whole API without name clashes', async () => {
  const wire = await import('./index.ts');
  expect(typeof wire.decodeMessage).toBe('function');
  expect(typeof wire.decodeData).toBe('function');
  expect(wire.DEFAULT_WIRE_PROFILE.name).toBe('SET');
  expect(wire.MESSAGE_KINDS).toHaveLength(17);
  const result = wire.decodeMessage(Uint8Array.of(0x30, 0x00));
  expect(!result.ok && wire.describeMalformed(result.error)).toBe('malformed: MessageWrapper.version: missing');
});
