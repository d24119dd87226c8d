/**
 * Hostile bytes never make a decoder throw (SET.md section 8: undecodable bytes are the
 * outcome `malformed`). Each input either decodes, and then re-encodes to exactly the same
 * bytes, or yields a `malformed` with a non-empty field and rule.
 *
 * SET_VERIFY_FUZZ_RUNS sets the number of inputs per message kind (default 10000); each
 * data schema gets a tenth of that. Raise it for a long soak (SET_VERIFY_FUZZ_RUNS=200000),
 * lower it for a quick local run. The seed is the suite's global one (test-setup/seed.ts).
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeMessage, encodeMessage, MESSAGE_BODIES, MESSAGE_KINDS, MessageWrapper, type MessageKind } from './messages.ts';
import { DATA_KINDS, DATA_SCHEMAS, decodeData, encodeData, type DataKind } from './data.ts';
import { decode, encode, integer, type Decoded, type Malformed } from './schema.ts';
import { encodeElement, encodeSequence, TagClass } from './der.ts';
import type { WireProfile } from './profile.ts';
import { dataArbitrary, messageArbitrary } from './arbitraries.test-helpers.ts';
import {
  applyMutations,
  applyTreeMutations,
  mutationsArbitrary,
  randomBytesArbitrary,
  randomDerArbitrary,
  treeMutationsArbitrary,
} from './mutations.test-helpers.ts';

const DEFAULT_FUZZ_RUNS = 10_000;

function fuzzRuns(): number {
  const raw = process.env.SET_VERIFY_FUZZ_RUNS;
  if (raw === undefined || raw === '') return DEFAULT_FUZZ_RUNS;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`SET_VERIFY_FUZZ_RUNS=${raw} is not a positive integer`);
  return runs;
}

const MESSAGE_RUNS = fuzzRuns();
const DATA_RUNS = Math.max(100, Math.floor(MESSAGE_RUNS / 10));
/** A profile with no rules: decodeMessage must then accept exactly what the plain codec accepts. */
const NO_RULES: WireProfile = { name: 'no rules', rules: {} };

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

function assertLabelled(error: Malformed, input: Uint8Array): void {
  if (error.outcome !== 'malformed' || typeof error.field !== 'string' || error.field === '' || typeof error.rule !== 'string' || error.rule === '') {
    throw new Error(`unlabelled failure ${JSON.stringify(error)} for ${Buffer.from(input).toString('hex')}`);
  }
}

/** Either a canonical success or a labelled malformed; `reencode` writes the decoded value back. */
function assertOutcome<T>(result: Decoded<T>, input: Uint8Array, reencode: (value: T) => Uint8Array): void {
  if (!result.ok) return assertLabelled(result.error, input);
  const again = reencode(result.value);
  if (!sameBytes(again, input)) throw new Error(`not canonical: ${Buffer.from(input).toString('hex')} re-encodes to ${Buffer.from(again).toString('hex')}`);
}

/** A DER tree in the slot of `kind`, behind a valid wrapper, so it reaches that kind's schema. */
const wrapAs = (kind: MessageKind, body: Uint8Array): Uint8Array =>
  encodeSequence(encode(integer(), 1), encodeElement(TagClass.context, true, MESSAGE_KINDS.indexOf(kind), body));

function hostileInputs(valid: fc.Arbitrary<Uint8Array>, wrap: (tree: Uint8Array) => Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(valid, mutationsArbitrary).map(([bytes, mutations]) => applyMutations(bytes, mutations)) },
    { weight: 4, arbitrary: fc.tuple(valid, treeMutationsArbitrary).map(([bytes, mutations]) => applyTreeMutations(bytes, mutations)) },
    { weight: 2, arbitrary: randomDerArbitrary.map(wrap) },
    { weight: 1, arbitrary: fc.oneof(randomDerArbitrary, randomBytesArbitrary) },
  );
}

describe(`decodeMessage on mutated and random bytes (${MESSAGE_RUNS} inputs per kind)`, () => {
  test.each(MESSAGE_KINDS)('%s', (kind) => {
    const valid = messageArbitrary(kind).map(encodeMessage);
    fc.assert(
      fc.property(hostileInputs(valid, (tree) => wrapAs(kind, tree)), (input) => {
        assertOutcome(decodeMessage(input), input, encodeMessage);
        // Without profile rules, the hand-written wrapper decoder agrees with the plain codec.
        const plain = decode(MessageWrapper, input, 'MessageWrapper');
        const unprofiled = decodeMessage(input, NO_RULES);
        if (plain.ok !== unprofiled.ok) throw new Error(`decodeMessage and MessageWrapper disagree on ${Buffer.from(input).toString('hex')}`);
      }),
      { numRuns: MESSAGE_RUNS },
    );
  });
});

describe(`decodeData on mutated and random bytes (${DATA_RUNS} inputs per schema)`, () => {
  test.each(DATA_KINDS)('%s', (kind: DataKind) => {
    const valid = dataArbitrary(kind).map((value) => encodeData(kind, value as never));
    fc.assert(
      fc.property(hostileInputs(valid, (tree) => tree), (input) => {
        assertOutcome(decodeData(kind, input), input, (value) => encodeData(kind, value as never));
      }),
      { numRuns: DATA_RUNS },
    );
  });
});

test('the fuzz inputs do reach deep into the schemas (some decode, many fail past the wrapper)', () => {
  const valid = messageArbitrary('PReq').map(encodeMessage);
  const inputs = fc.sample(hostileInputs(valid, (tree) => wrapAs('PReq', tree)), 2000);
  const results = inputs.map((input) => decodeMessage(input));
  const decoded = results.filter((r) => r.ok).length;
  const deep = results.filter((r) => !r.ok && r.error.field.startsWith('PReq.')).length;
  expect(decoded).toBeGreaterThan(50);
  expect(deep).toBeGreaterThan(500);
  expect(Object.keys(MESSAGE_BODIES).length + Object.keys(DATA_SCHEMAS).length).toBeGreaterThan(50);
});
