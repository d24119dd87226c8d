/** The wire profile (profile.ts): required and forbidden OPTIONAL fields, and the variants of SET.md section 10. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_WIRE_PROFILE,
  optionalFields,
  profileWithVariants,
  VARIANT_WIRE_RULES,
  withRules,
  type WireProfile,
} from './profile.ts';
import { DATA_KINDS, DATA_SCHEMAS, decodeData, encodeData } from './data.ts';
import { decodeMessage, encodeMessage, MESSAGE_BODIES, MESSAGE_KINDS, type Message } from './messages.ts';
import { dataArbitrary, messageArbitrary } from './arbitraries.test-helpers.ts';
import { encode } from './schema.ts';

const sample = <T>(arbitrary: fc.Arbitrary<T>): T => fc.sample(arbitrary, 1)[0]!;
const MERCHANT_OPTIONAL: WireProfile = withRules(DEFAULT_WIRE_PROFILE, 'merchant-optional', { OIData: { merchantID: 'optional' } });

function allOptionalFields(): Set<string> {
  const fields = new Set<string>();
  for (const kind of DATA_KINDS) optionalFields(DATA_SCHEMAS[kind].shape, fields);
  for (const kind of MESSAGE_KINDS) optionalFields(MESSAGE_BODIES[kind].shape, fields);
  return fields;
}

describe('OIData.merchantID', () => {
  const oiData = sample(dataArbitrary('OIData'));
  const { merchantID, ...withoutMerchant } = oiData;

  test('missing is malformed under the default profile', () => {
    expect(merchantID).toBeDefined();
    expect(decodeData('OIData', encodeData('OIData', withoutMerchant))).toEqual({
      ok: false,
      error: { outcome: 'malformed', field: 'OIData.merchantID', rule: 'missing (required by the wire profile)' },
    });
  });

  test('missing is accepted under a profile that makes it optional, and so is present', () => {
    expect(decodeData('OIData', encodeData('OIData', withoutMerchant), MERCHANT_OPTIONAL)).toEqual({ ok: true, value: withoutMerchant });
    expect(decodeData('OIData', encodeData('OIData', oiData), MERCHANT_OPTIONAL)).toEqual({ ok: true, value: oiData });
  });

  test('inside a PReq the error names the whole path', () => {
    const message = sample(messageArbitrary('PReq'));
    const broken: Message = { kind: 'PReq', value: { ...message.value, oi: { ...message.value.oi, oiData: withoutMerchant } } };
    expect(decodeMessage(encodeMessage(broken))).toMatchObject({ ok: false, error: { field: 'PReq.oi.oiData.merchantID' } });
    expect(decodeMessage(encodeMessage(broken), MERCHANT_OPTIONAL)).toEqual({ ok: true, value: broken });
  });

  test('oi-without-merchant forbids it', () => {
    const profile = profileWithVariants(['oi-without-merchant']);
    expect(profile.name).toBe('SET+oi-without-merchant');
    expect(decodeData('OIData', encodeData('OIData', withoutMerchant), profile).ok).toBe(true);
    expect(decodeData('OIData', encodeData('OIData', oiData), profile)).toMatchObject({
      ok: false,
      error: { field: 'OIData.merchantID', rule: 'present (forbidden by the wire profile)' },
    });
  });
});

describe('default profile', () => {
  test('mentions every OPTIONAL field of every schema, so none is optional by accident', () => {
    const mentioned = new Set(Object.entries(DEFAULT_WIRE_PROFILE.rules).flatMap(([structure, rules]) => Object.keys(rules).map((f) => `${structure}.${f}`)));
    expect([...allOptionalFields()].filter((field) => !mentioned.has(field))).toEqual([]);
  });

  test('every rule of the default profile and the variants names a real OPTIONAL field', () => {
    const fields = allOptionalFields();
    const structures = new Set([...fields].map((f) => f.split('.')[0]));
    for (const rules of [DEFAULT_WIRE_PROFILE.rules, ...Object.values(VARIANT_WIRE_RULES)]) {
      for (const [structure, byField] of Object.entries(rules)) {
        expect(structures).toContain(structure);
        // A one-segment path is the structure's own field; longer paths end in a nested one.
        for (const path of Object.keys(byField)) if (!path.includes('.')) expect(fields).toContain(`${structure}.${path}`);
      }
    }
  });

  test('a forbidden field that is present is malformed (PAN in OIData, OD to the gateway)', () => {
    const oiData = sample(dataArbitrary('OIData'));
    expect(decodeData('OIData', encodeData('OIData', { ...oiData, pan: '4111111111111111' }))).toMatchObject({ ok: false, error: { field: 'OIData.pan' } });
    const authReq = sample(dataArbitrary('AuthReqData'));
    const od = [{ description: 'book', quantity: 1, unitPrice: 1000 }];
    expect(decodeData('AuthReqData', encodeData('AuthReqData', { ...authReq, od }))).toMatchObject({ ok: false, error: { field: 'AuthReqData.od' } });
    expect(decodeData('AuthReqData', encodeData('AuthReqData', { ...authReq, od }), profileWithVariants(['od-to-gateway'])).ok).toBe(true);
  });

  test('TransStain: required in the signed PIHead, forbidden in the unsigned one', () => {
    const signed = sample(dataArbitrary('PIOILink'));
    const { transStain, ...unstained } = signed.piHead;
    expect(transStain).toBeDefined();
    expect(decodeData('PIOILink', encodeData('PIOILink', { ...signed, piHead: unstained }))).toMatchObject({ ok: false, error: { field: 'PIOILink.piHead.transStain', rule: 'missing (required by the wire profile)' } });
    const unsigned = sample(dataArbitrary('PIOILinkUnsigned'));
    expect(unsigned.piHead.transStain).toBeUndefined();
    const stained = { ...unsigned, piHead: { ...unsigned.piHead, transStain: new Uint8Array(32) } };
    expect(decodeData('PIOILinkUnsigned', encodeData('PIOILinkUnsigned', stained))).toMatchObject({ ok: false, error: { field: 'PIOILinkUnsigned.piHead.transStain' } });
  });

  test('Cert(C) comes exactly with an issued status', () => {
    const value = sample(dataArbitrary('CardholderCertResData'));
    const cert = Uint8Array.of(1, 2, 3);
    const issuedWithout = encodeData('CardholderCertResData', { ...value, caStatus: 'issued', cert: undefined });
    expect(decodeData('CardholderCertResData', issuedWithout)).toMatchObject({ ok: false, error: { field: 'CardholderCertResData.cert', rule: 'missing (required when caStatus is issued)' } });
    const refusedWith = encodeData('CardholderCertResData', { ...value, caStatus: 'refused:identity', cert });
    expect(decodeData('CardholderCertResData', refusedWith)).toMatchObject({ ok: false, error: { rule: 'present (forbidden unless caStatus is issued)' } });
    expect(decodeData('CardholderCertResData', encodeData('CardholderCertResData', { ...value, caStatus: 'issued', cert })).ok).toBe(true);
  });

  test('CertS(C) in a PReq exactly with the signed PI; AuthAmt always in PRes (D31)', () => {
    const preq = sample(messageArbitrary('PReq').filter((m) => m.value.pi.kind === 'signed'));
    const { cardholderCertS, ...bare } = preq.value;
    expect(cardholderCertS).toBeDefined();
    expect(decodeMessage(encodeMessage({ kind: 'PReq', value: bare }))).toMatchObject({ ok: false, error: { field: 'PReq.cardholderCertS', rule: 'missing (required when pi is signed)' } });
    const { authAmt, ...pres } = sample(dataArbitrary('PResData'));
    expect(authAmt).toBeDefined();
    expect(decodeData('PResData', encodeData('PResData', { ...pres, completionCode: 'pending' }))).toMatchObject({ ok: false, error: { field: 'PResData.authAmt', rule: 'missing (required by the wire profile)' } });
  });

  test('withRules leaves its base unchanged', () => {
    const before = JSON.stringify(DEFAULT_WIRE_PROFILE);
    withRules(DEFAULT_WIRE_PROFILE, 'x', { OIData: { merchantID: 'forbidden' } });
    expect(JSON.stringify(DEFAULT_WIRE_PROFILE)).toBe(before);
  });
});

describe('variant profiles', () => {
  test.each(Object.keys(VARIANT_WIRE_RULES))('%s: every message kind round-trips under it', (variant) => {
    const profile = profileWithVariants([variant]);
    for (const kind of ['PReq', 'PInitReq', 'InqReq'] as const) {
      fc.assert(
        fc.property(messageArbitrary(kind, profile), (message) => {
          expect(decodeMessage(encodeMessage(message), profile)).toEqual({ ok: true, value: message });
        }),
        { numRuns: 30 },
      );
    }
    for (const kind of ['OIData', 'PIOILink', 'PIData', 'AuthReqData', 'AuthResData', 'PResData'] as const) {
      fc.assert(
        fc.property(dataArbitrary(kind, profile), (value) => {
          expect(decodeData(kind, encodeData(kind, value as never), profile)).toEqual({ ok: true, value });
        }),
        { numRuns: 30 },
      );
    }
  });

  test('no-dual-signature: the OI carries SO(C, OIData) exactly in the signed form, the PI no H(OIData)', () => {
    const profile = profileWithVariants(['no-dual-signature']);
    const preq = sample(messageArbitrary('PReq', profile).filter((m) => m.value.pi.kind === 'signed'));
    expect(preq.value.oi.oiSignature).toBeDefined();
    const { oiSignature, ...unsignedOI } = preq.value.oi;
    expect(decodeMessage(encodeMessage({ kind: 'PReq', value: { ...preq.value, oi: unsignedOI } }), profile)).toMatchObject({
      ok: false,
      error: { field: 'PReq.oi.oiSignature', rule: 'missing (required when pi is signed)' },
    });
    expect(decodeMessage(encodeMessage(preq))).toMatchObject({ ok: false, error: { field: 'PReq.oi.oiSignature', rule: 'present (forbidden by the wire profile)' } });
    const link = sample(dataArbitrary('PIOILink'));
    expect(decodeData('PIOILink', encode(DATA_SCHEMAS.PIOILink, link), profile)).toMatchObject({ ok: false, error: { field: 'PIOILink.oiDataHash' } });
  });

  test('variants compose in order', () => {
    const profile = profileWithVariants(['no-challenges', 'oi-without-merchant']);
    expect(profile.rules.OIData).toMatchObject({ challC: 'forbidden', challM: 'forbidden', merchantID: 'forbidden', pan: 'forbidden' });
    expect(profileWithVariants([])).toBe(DEFAULT_WIRE_PROFILE);
  });
});
