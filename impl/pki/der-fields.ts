/**
 * Strict DER readers for the X.509 fields path validation relies on (SET.md section 1), on top
 * of impl/wire/der.ts. Each returns the rule it found broken instead of throwing, so a
 * certificate or CRL from the network always ends in a typed `malformed`, never an exception.
 */
import { err, ok, type Result } from '../result.ts';
import { encodeUniversal, readChildren, TagClass, Universal, type DerElement } from '../wire/der.ts';

export type Rule<T> = Result<T, string>;

const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
const STRING_TAGS = new Set([0x0c, 0x13, 0x16]); // UTF8String, PrintableString, IA5String
const MAX_DEPTH = 24;

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checks that `element` has the given tag; `what` names the expected type in the rule. */
export function expectTag(element: DerElement, tagClass: number, constructed: boolean, tagNumber: number, what: string): Rule<DerElement> {
  if (element.tagClass !== tagClass || element.constructed !== constructed || element.tagNumber !== tagNumber) {
    return err(`expected ${what}, got tag 0x${element.raw[0]!.toString(16).padStart(2, '0')}`);
  }
  return ok(element);
}

export const expectUniversal = (element: DerElement, tagNumber: number, what: string, constructed = false): Rule<DerElement> =>
  expectTag(element, TagClass.universal, constructed, tagNumber, what);

/** The children of a SEQUENCE, with a count check. */
export function sequenceChildren(element: DerElement, what: string, min: number, max = min): Rule<DerElement[]> {
  const tag = expectUniversal(element, Universal.sequence, `${what} SEQUENCE`, true);
  if (!tag.ok) return tag;
  const children = readChildren(element);
  if (!children.ok) return err(children.error.rule);
  const count = children.value.length;
  if (count < min || count > max) return err(`${what} has ${count} elements, expected ${min === max ? min : `${min}..${max}`}`);
  return children;
}

/** INTEGER content in minimal two's complement form (X.690 8.3.2). */
export function readIntegerContent(element: DerElement): Rule<Uint8Array> {
  const tag = expectUniversal(element, Universal.integer, 'INTEGER');
  if (!tag.ok) return tag;
  const c = element.content;
  if (c.length === 0) return err('empty INTEGER');
  if (c.length > 1 && ((c[0] === 0x00 && c[1]! < 0x80) || (c[0] === 0xff && c[1]! >= 0x80))) return err('INTEGER not minimal');
  return ok(c);
}

/** A small non-negative INTEGER (versions, path lengths, salt lengths, CRL numbers). */
export function readSmallInteger(element: DerElement): Rule<number> {
  const content = readIntegerContent(element);
  if (!content.ok) return content;
  if (content.value[0]! >= 0x80) return err('negative INTEGER');
  if (content.value.length > 6) return err('INTEGER too large');
  let value = 0;
  for (const octet of content.value) value = value * 256 + octet;
  return ok(value);
}

/** A certificate serial number as lowercase hex without the sign octet; must be positive. */
export function readSerialHex(element: DerElement): Rule<string> {
  const content = readIntegerContent(element);
  if (!content.ok) return content;
  const c = content.value;
  if (c[0]! >= 0x80) return err('negative serial number');
  if (c.length > 21) return err('serial number longer than 20 octets');
  const magnitude = c.length > 1 && c[0] === 0 ? c.subarray(1) : c;
  if (magnitude.every((octet) => octet === 0)) return err('zero serial number');
  return ok(toHex(magnitude));
}

export function encodeSmallInteger(value: number): Uint8Array {
  const octets: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
  if (octets.length === 0 || octets[0]! >= 0x80) octets.unshift(0);
  return encodeUniversal(Universal.integer, Uint8Array.from(octets));
}

/** The DER OBJECT IDENTIFIER for a dotted string. */
export function encodeOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const values = [arcs[0]! * 40 + arcs[1]!, ...arcs.slice(2)];
  const octets: number[] = [];
  for (const value of values) {
    const group: number[] = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) group.unshift((rest & 0x7f) | 0x80);
    octets.push(...group);
  }
  return encodeUniversal(0x06, Uint8Array.from(octets));
}

/** BOOLEAN: DER allows only 0x00 and 0xFF. */
export function readBoolean(element: DerElement): Rule<boolean> {
  const tag = expectUniversal(element, Universal.boolean, 'BOOLEAN');
  if (!tag.ok) return tag;
  const c = element.content;
  if (c.length !== 1 || (c[0] !== 0x00 && c[0] !== 0xff)) return err('BOOLEAN not DER (0x00 or 0xFF)');
  return ok(c[0] === 0xff);
}

/** An OBJECT IDENTIFIER in dotted form, with minimal sub-identifiers. */
export function readOid(element: DerElement): Rule<string> {
  const tag = expectUniversal(element, 0x06, 'OBJECT IDENTIFIER');
  if (!tag.ok) return tag;
  const c = element.content;
  if (c.length === 0) return err('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  let octets = 0;
  for (let i = 0; i < c.length; i++) {
    const octet = c[i]!;
    if (octets === 0 && octet === 0x80) return err('OBJECT IDENTIFIER sub-identifier not minimal');
    if (++octets > 7) return err('OBJECT IDENTIFIER sub-identifier too large');
    value = value * 128 + (octet & 0x7f);
    if ((octet & 0x80) === 0) {
      arcs.push(value);
      value = 0;
      octets = 0;
    }
  }
  if (octets !== 0) return err('OBJECT IDENTIFIER truncated');
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return ok([...head, ...arcs.slice(1)].join('.'));
}

/** BIT STRING content (after the tag): unused-bit count in range, padding bits zero. */
function checkBitStringContent(c: Uint8Array): Rule<number> {
  if (c.length === 0) return err('empty BIT STRING');
  const unused = c[0]!;
  if (unused > 7) return err('BIT STRING unused-bit count above 7');
  if (c.length === 1 && unused !== 0) return err('empty BIT STRING with unused bits');
  if (c.length > 1 && (c[c.length - 1]! & ((1 << unused) - 1)) !== 0) return err('BIT STRING padding bits not zero');
  return ok(unused);
}

/** The octets of a BIT STRING that must hold whole octets (signatures, public keys). */
export function readOctetAlignedBits(element: DerElement): Rule<Uint8Array> {
  const tag = expectUniversal(element, Universal.bitString, 'BIT STRING');
  if (!tag.ok) return tag;
  const unused = checkBitStringContent(element.content);
  if (!unused.ok) return unused;
  if (unused.value !== 0) return err('BIT STRING is not octet-aligned');
  return ok(element.content.subarray(1));
}

/** The set bits of a named-bit BIT STRING's content (X.690 11.2.2: no trailing zero bits). */
export function readNamedBits(content: Uint8Array): Rule<number[]> {
  const unused = checkBitStringContent(content);
  if (!unused.ok) return unused;
  if (content.length > 1 && ((content[content.length - 1]! >> unused.value) & 1) === 0) {
    return err('named-bit BIT STRING has trailing zero bits');
  }
  const bits: number[] = [];
  const total = (content.length - 1) * 8 - unused.value;
  for (let bit = 0; bit < total; bit++) if ((content[1 + (bit >> 3)]! >> (7 - (bit & 7))) & 1) bits.push(bit);
  return ok(bits);
}

/** The DER BIT STRING for a named-bit list. */
export function encodeNamedBits(bits: readonly number[]): Uint8Array {
  if (bits.length === 0) return encodeUniversal(Universal.bitString, Uint8Array.of(0));
  const highest = Math.max(...bits);
  const octets = new Uint8Array(1 + (highest >> 3) + 1);
  for (const bit of bits) octets[1 + (bit >> 3)]! |= 0x80 >> (bit & 7);
  octets[0] = 7 - (highest & 7);
  return encodeUniversal(Universal.bitString, octets);
}

/** UTCTime (years before 2050) or GeneralizedTime (2050 on), whole seconds, Zulu (RFC 5280 4.1.2.5). */
export function readTime(element: DerElement): Rule<Date> {
  if (element.tagClass !== TagClass.universal || element.constructed) return err('expected a Time');
  const text = Buffer.from(element.content).toString('latin1');
  let year: number;
  let rest: string;
  if (element.tagNumber === UTC_TIME) {
    if (!/^\d{12}Z$/.test(text)) return err('UTCTime not YYMMDDHHMMSSZ');
    const yy = Number(text.slice(0, 2));
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = text.slice(2);
  } else if (element.tagNumber === GENERALIZED_TIME) {
    if (!/^\d{14}Z$/.test(text)) return err('GeneralizedTime not YYYYMMDDHHMMSSZ');
    year = Number(text.slice(0, 4));
    if (year < 2050) return err('GeneralizedTime used for a year before 2050');
    rest = text.slice(4);
  } else {
    return err('expected UTCTime or GeneralizedTime');
  }
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((at) => Number(rest.slice(at, at + 2))) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 February over; a real calendar date reads back unchanged.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return err('Time is not a calendar date');
  }
  return ok(date);
}

/** The subject's commonName (2.5.4.3); a Name must hold at most one. */
export function readCommonName(name: DerElement): Rule<string | null> {
  const rdns = sequenceChildren(name, 'Name', 0, Number.MAX_SAFE_INTEGER);
  if (!rdns.ok) return rdns;
  let commonName: string | null = null;
  for (const rdn of rdns.value) {
    const set = expectUniversal(rdn, 0x11, 'RelativeDistinguishedName SET', true);
    if (!set.ok) return set;
    const attributes = readChildren(rdn);
    if (!attributes.ok) return err(attributes.error.rule);
    if (attributes.value.length === 0) return err('empty RelativeDistinguishedName');
    for (const attribute of attributes.value) {
      const parts = sequenceChildren(attribute, 'AttributeTypeAndValue', 2);
      if (!parts.ok) return parts;
      const type = readOid(parts.value[0]!);
      if (!type.ok) return type;
      if (type.value !== '2.5.4.3') continue;
      const value = parts.value[1]!;
      if (value.tagClass !== TagClass.universal || value.constructed || !STRING_TAGS.has(value.tagNumber)) return err('commonName is not a string');
      if (commonName !== null) return err('more than one commonName');
      commonName = new TextDecoder('utf-8', { fatal: false }).decode(value.content);
    }
  }
  return ok(commonName);
}

/**
 * Walks a whole element tree and enforces what der.ts leaves to the reader: minimal INTEGERs,
 * DER BOOLEANs, empty NULLs, valid BIT STRING padding, and primitive-only strings.
 */
export function checkStrictDer(element: DerElement, depth = 0): Rule<true> {
  if (depth > MAX_DEPTH) return err('nesting too deep');
  if (element.constructed) {
    if (element.tagClass === TagClass.universal && element.tagNumber !== Universal.sequence && element.tagNumber !== 0x11) {
      return err(`constructed encoding of universal tag ${element.tagNumber} is not DER`);
    }
    const children = readChildren(element);
    if (!children.ok) return err(children.error.rule);
    for (const child of children.value) {
      const checked = checkStrictDer(child, depth + 1);
      if (!checked.ok) return checked;
    }
    return ok(true);
  }
  if (element.tagClass !== TagClass.universal) return ok(true);
  switch (element.tagNumber) {
    case Universal.sequence:
    case 0x11:
      return err('primitive SEQUENCE/SET');
    case Universal.integer: {
      const integer = readIntegerContent(element);
      return integer.ok ? ok(true) : integer;
    }
    case Universal.boolean: {
      const boolean = readBoolean(element);
      return boolean.ok ? ok(true) : boolean;
    }
    case Universal.null:
      return element.content.length === 0 ? ok(true) : err('NULL with content');
    case Universal.bitString: {
      const bits = checkBitStringContent(element.content);
      return bits.ok ? ok(true) : bits;
    }
    default:
      return ok(true);
  }
}
