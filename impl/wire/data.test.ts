/** Every data schema of data.ts: round trip, canonical encoding, and labelled errors (SET.md sections 4-6). */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { DATA_KINDS, DATA_SCHEMAS, decodeData, encodeData } from './data.ts';
import { dataArbitrary } from './arbitraries.test-helpers.ts';
import { encode } from './schema.ts';
import { OaepPayloadWithHash } from './blobs.ts';

describe('round trip of every data schema under the default profile', () => {
  test.each(DATA_KINDS)('%s', (kind) => {
    fc.assert(
      fc.property(dataArbitrary(kind), (value) => {
        const encoded = encodeData(kind, value as never);
        const decoded = decodeData(kind, encoded);
        expect(decoded).toEqual({ ok: true, value });
        // Canonical: the decoded value encodes back to the very same bytes.
        expect(decoded.ok && encodeData(kind, decoded.value as never)).toEqual(encoded);
      }),
    );
  });
});

test('each data schema is a codec with a shape (so properties/ can derive arbitraries)', () => {
  for (const kind of DATA_KINDS) expect(DATA_SCHEMAS[kind].shape.type).not.toBe('opaque');
});

test('a short HOD in a PIHead is malformed, naming the field and the sizes', () => {
  const [value] = fc.sample(dataArbitrary('PIData'), 1);
  const broken = { ...value!, piHead: { ...value!.piHead, hod: new Uint8Array(31) } };
  expect(decodeData('PIData', encode(DATA_SCHEMAS.PIData, broken))).toEqual({
    ok: false,
    error: { outcome: 'malformed', field: 'PIData.piHead.hod', rule: 'expected 32 octets, got 31' },
  });
});

test('decodeData prefixes errors with the caller\'s path', () => {
  const result = decodeData('AuthResData', Uint8Array.of(0x30, 0x00), undefined, 'AuthRes.approved.AuthResData');
  expect(result).toEqual({ ok: false, error: { outcome: 'malformed', field: 'AuthRes.approved.AuthResData.transID', rule: 'missing' } });
});

test('CAStatus is issued or refused:<why>, nothing else', () => {
  const [value] = fc.sample(dataArbitrary('CardholderCertResData'), 1);
  const bad = encode(DATA_SCHEMAS.CardholderCertResData, { ...value!, caStatus: 'refused:because' as never, cert: undefined });
  expect(decodeData('CardholderCertResData', bad)).toMatchObject({ ok: false, error: { field: 'CardholderCertResData.caStatus' } });
});

test('the largest secret of every OAEP block fits RSA-2048 OAEP-SHA-256 (190 octets, SET.md section 2)', () => {
  const pan = '1234567890123456789';
  const nonce = new Uint8Array(20);
  const secrets = [
    encodeData('PANOnly', { pan, exNonce: nonce }),
    encodeData('PANData', { pan, cardExpiry: '202912', panSecret: nonce, exNonce: nonce }),
    encodeData('PANToken', { pan, cardExpiry: '202912', exNonce: nonce }),
    encodeData('AcctInfo', { pan, cardExpiry: '202912', cardSecret: nonce, exNonce: nonce }),
    encodeData('MerchantAcctInfo', { merchantID: 'm'.repeat(64), merchantSecret: nonce, exNonce: nonce }),
  ];
  for (const secret of secrets) {
    // EXH's block is the largest: {k (32), p, H(t) (32)}.
    const block = encode(OaepPayloadWithHash, { key: new Uint8Array(32), secret, contentHash: new Uint8Array(32) });
    expect(block.length).toBeLessThanOrEqual(190);
  }
});
