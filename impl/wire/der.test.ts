/** The strict DER rules of der.ts, each reported under its own label (SET.md section 2: one encoding per value). */
import { describe, expect, test } from 'vitest';
import { decodeDer, encodeElement, readChildren, readElement, TagClass } from './der.ts';
import { decode, integer, octets, sequence, utf8 } from './schema.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

function failure(input: Uint8Array): string {
  const result = decodeDer(input);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error.rule;
}

describe('decodeDer', () => {
  test('reads a minimal element and its raw bytes', () => {
    const result = decodeDer(bytes(0x04, 0x02, 0xaa, 0xbb));
    expect(result.ok && result.value.content).toEqual(bytes(0xaa, 0xbb));
    expect(result.ok && result.value.raw.length).toBe(4);
  });

  test('indefinite length is rejected', () => {
    expect(failure(bytes(0x30, 0x80, 0x00, 0x00))).toBe('indefinite length is not DER');
  });

  test('a long-form length with a leading zero octet is not minimal', () => {
    expect(failure(bytes(0x04, 0x82, 0x00, 0x81, ...new Array(0x81).fill(0)))).toBe('length has a leading zero octet (not minimal)');
  });

  test('a long-form length below 128 is not minimal', () => {
    expect(failure(bytes(0x04, 0x81, 0x05, 1, 2, 3, 4, 5))).toBe('long-form length below 128 (not minimal)');
  });

  test('more than four length octets are refused', () => {
    expect(failure(bytes(0x04, 0x85, 1, 0, 0, 0, 0))).toBe('length of 5 octets is too long');
  });

  test('trailing bytes after the element are rejected', () => {
    expect(failure(bytes(0x05, 0x00, 0x00))).toBe('1 trailing octets after the element');
  });

  test('truncated input names what is missing', () => {
    expect(failure(bytes())).toBe('truncated: expected a tag');
    expect(failure(bytes(0x04))).toBe('truncated: expected a length');
    expect(failure(bytes(0x04, 0x82, 0x01))).toBe('truncated: length octets');
    expect(failure(bytes(0x04, 0x03, 0x01))).toBe('truncated: content needs 3 octets, 1 remain');
  });

  test('high tag numbers are refused', () => {
    expect(failure(bytes(0x1f, 0x81, 0x00, 0x00))).toBe('high tag numbers are not used by SET');
  });

  test('readElement and readChildren walk nested elements', () => {
    const outer = encodeElement(TagClass.universal, true, 0x10, Uint8Array.of(0x05, 0x00, 0x01, 0x01, 0xff));
    const read = readElement(outer, 0);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const children = readChildren(read.value.element);
    expect(children.ok && children.value.map((c) => c.tagNumber)).toEqual([0x05, 0x01]);
  });

  test('encodeElement writes long-form lengths minimally', () => {
    const encoded = encodeElement(TagClass.universal, false, 0x04, new Uint8Array(300));
    expect(Array.from(encoded.subarray(0, 4))).toEqual([0x04, 0x82, 0x01, 0x2c]);
    expect(decodeDer(encoded).ok).toBe(true);
  });
});

describe('the schema layer labels DER rules with the field path', () => {
  const Pair = sequence('Pair', { n: integer(), text: utf8() });

  test('non-minimal INTEGER', () => {
    const result = decode(Pair, bytes(0x30, 0x06, 0x02, 0x02, 0x00, 0x05, 0x0c, 0x00), 'Pair');
    expect(result).toEqual({ ok: false, error: { outcome: 'malformed', field: 'Pair.n', rule: 'INTEGER not in minimal form' } });
  });

  test('non-minimal negative INTEGER and empty INTEGER', () => {
    expect(decode(integer(), bytes(0x02, 0x02, 0xff, 0x80), 'n')).toMatchObject({ ok: false, error: { rule: 'INTEGER not in minimal form' } });
    expect(decode(integer(), bytes(0x02, 0x00), 'n')).toMatchObject({ ok: false, error: { rule: 'INTEGER with no content octets' } });
  });

  test('wrong tag', () => {
    const result = decode(Pair, bytes(0x30, 0x05, 0x04, 0x01, 0x05, 0x0c, 0x00), 'Pair');
    expect(result).toEqual({ ok: false, error: { outcome: 'malformed', field: 'Pair.n', rule: 'expected INTEGER, got tag 0x04' } });
  });

  test('invalid UTF-8 (an overlong form, a lone continuation octet)', () => {
    expect(decode(utf8(), bytes(0x0c, 0x02, 0xc0, 0xaf), 't')).toEqual({ ok: false, error: { outcome: 'malformed', field: 't', rule: 'invalid UTF-8' } });
    expect(decode(utf8(), bytes(0x0c, 0x01, 0x80), 't')).toMatchObject({ ok: false, error: { rule: 'invalid UTF-8' } });
  });

  test('a truncated field inside a sequence names the sequence', () => {
    const result = decode(Pair, bytes(0x30, 0x04, 0x02, 0x01, 0x05, 0x0c), 'Pair');
    expect(result).toEqual({ ok: false, error: { outcome: 'malformed', field: 'Pair', rule: 'truncated: expected a length' } });
  });

  test('trailing bytes after a decoded value', () => {
    expect(decode(octets(), bytes(0x04, 0x00, 0x00), 'x')).toMatchObject({ ok: false, error: { field: 'x', rule: '1 trailing octets after the element' } });
  });
});
