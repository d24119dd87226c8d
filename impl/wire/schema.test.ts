/** The combinators of schema.ts: canonical round trips, labelled errors, and schemas refused at load time. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { choice, decode, encode, integer, oneOf, optional, sequence, sequenceOf, utf8, octets, boolean } from './schema.ts';
import { arbitraryOf } from './arbitraries.test-helpers.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('primitives', () => {
  test('a leading byte-order mark survives the round trip, so the encoding stays canonical', () => {
    const encoded = bytes(0x0c, 0x04, 0xef, 0xbb, 0xbf, 0x41);
    const decoded = decode(utf8(), encoded, 't');
    expect(decoded).toEqual({ ok: true, value: '\ufeffA' });
    expect(decoded.ok && encode(utf8(), decoded.value)).toEqual(encoded);
  });

  test('utf8 sizes count octets and patterns are enforced', () => {
    expect(decode(utf8({ max: 2 }), encode(utf8(), 'é€'), 't')).toMatchObject({ ok: false, error: { rule: 'expected 0..2 octets of text, got 5' } });
    expect(decode(utf8({ pattern: /^[0-9]+$/ }), encode(utf8(), '12a'), 't')).toMatchObject({ ok: false, error: { rule: '3 octets of text that do not match /^[0-9]+$/' } });
  });

  test('oneOf refuses a name outside its set', () => {
    expect(decode(oneOf(['a', 'b']), encode(utf8(), 'c'), 'code')).toMatchObject({ ok: false, error: { field: 'code', rule: 'not one of a, b' } });
  });

  test('INTEGER bounds and the safe range', () => {
    expect(decode(integer({ min: 1, max: 1 }), encode(integer(), 2), 'v')).toMatchObject({ ok: false, error: { rule: 'INTEGER 2 outside 1..1' } });
    expect(decode(integer(), bytes(0x02, 0x08, 1, 0, 0, 0, 0, 0, 0, 0), 'v')).toMatchObject({ ok: false, error: { rule: 'INTEGER beyond the safe integer range' } });
  });

  test('BOOLEAN must be 00 or FF', () => {
    expect(decode(boolean(), bytes(0x01, 0x01, 0x01), 'b')).toMatchObject({ ok: false, error: { rule: 'BOOLEAN must be one octet 00 or FF' } });
    expect(decode(boolean(), bytes(0x01, 0x01, 0xff), 'b')).toEqual({ ok: true, value: true });
  });

  test('a constructed OCTET STRING is a wrong tag', () => {
    expect(decode(octets(), bytes(0x24, 0x00), 'o')).toMatchObject({ ok: false, error: { rule: 'expected OCTET STRING, got tag 0x24' } });
  });
});

describe('structures', () => {
  const Item = sequence('Item', { a: integer(), b: optional(0, utf8()), c: optional(1, integer()), d: octets() });

  test('round trip and canonical encoding of a sequence with OPTIONAL fields', () => {
    fc.assert(
      fc.property(arbitraryOf(Item), (value) => {
        const encoded = encode(Item, value);
        const decoded = decode(Item, encoded, 'Item');
        expect(decoded).toEqual({ ok: true, value });
        expect(decoded.ok && encode(Item, decoded.value)).toEqual(encoded);
      }),
    );
  });

  test('OPTIONAL fields out of order are trailing fields', () => {
    const inOrder = encode(Item, { a: 1, b: 'x', c: 2, d: bytes() });
    // Swap [0] 'x' (a0 03 0c 01 78) and [1] 2 (a1 03 02 01 02).
    const swapped = bytes(0x30, 0x0f, 0x02, 0x01, 0x01, 0xa1, 0x03, 0x02, 0x01, 0x02, 0xa0, 0x03, 0x0c, 0x01, 0x78, 0x04, 0x00);
    expect(inOrder.length).toBe(swapped.length);
    expect(decode(Item, swapped, 'Item')).toMatchObject({ ok: false, error: { field: 'Item.d', rule: 'expected OCTET STRING, got tag 0xa0' } });
  });

  test('an OPTIONAL field must be EXPLICIT (constructed)', () => {
    const primitive = bytes(0x30, 0x08, 0x02, 0x01, 0x01, 0x80, 0x01, 0x78, 0x04, 0x00);
    expect(decode(Item, primitive, 'Item')).toMatchObject({ ok: false, error: { field: 'Item.b', rule: '[0] must be constructed (EXPLICIT)' } });
  });

  test('missing and surplus fields', () => {
    expect(decode(Item, bytes(0x30, 0x03, 0x02, 0x01, 0x01), 'Item')).toMatchObject({ ok: false, error: { field: 'Item.d', rule: 'missing' } });
    expect(decode(Item, bytes(0x30, 0x07, 0x02, 0x01, 0x01, 0x04, 0x00, 0x05, 0x00), 'Item')).toMatchObject({
      ok: false,
      error: { field: 'Item', rule: '1 unexpected trailing field(s)' },
    });
  });

  test('SEQUENCE OF counts its items and labels them by index', () => {
    const List = sequenceOf(integer({ min: 0 }), { min: 1, max: 2 });
    expect(decode(List, bytes(0x30, 0x00), 'L')).toMatchObject({ ok: false, error: { rule: 'expected 1..2 items, got 0' } });
    expect(decode(List, bytes(0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0xff), 'L')).toMatchObject({ ok: false, error: { field: 'L[1]', rule: 'INTEGER -1 outside 0..9007199254740991' } });
  });

  test('CHOICE names the alternative in the path', () => {
    const Either = choice('Either', { left: [0, integer()], right: [1, utf8()] });
    expect(decode(Either, bytes(0xa2, 0x00), 'E')).toMatchObject({ ok: false, error: { rule: '[2] is not an alternative of Either' } });
    expect(decode(Either, bytes(0xa1, 0x03, 0x02, 0x01, 0x01), 'E')).toMatchObject({ ok: false, error: { field: 'E.right', rule: 'expected UTF8String, got tag 0x02' } });
    expect(decode(Either, bytes(0x02, 0x01, 0x01), 'E')).toMatchObject({ ok: false, error: { rule: 'expected a [n] EXPLICIT alternative of Either' } });
  });

  test('ambiguous OPTIONAL tags are refused when the schema is built', () => {
    expect(() => sequence('Twice', { a: optional(0, integer()), b: optional(0, integer()) })).toThrow(/ambiguous/);
    const Either = choice('Either', { left: [0, integer()], right: [1, utf8()] });
    expect(() => sequence('BeforeChoice', { a: optional(1, integer()), e: Either })).toThrow(/ambiguous/);
    expect(() => sequence('Separated', { a: optional(1, integer()), n: integer(), e: Either })).not.toThrow();
    expect(() => choice('Dup', { a: [0, integer()], b: [0, utf8()] })).toThrow(/two alternatives/);
  });

  test('every combinator describes its structure as data', () => {
    expect(Item.shape).toMatchObject({ type: 'sequence', name: 'Item', fields: [{ key: 'a' }, { key: 'b', optionalTag: 0 }, { key: 'c', optionalTag: 1 }, { key: 'd' }] });
    expect(octets({ length: 20 }).shape).toEqual({ type: 'octets', min: 20, max: 20 });
  });
});
