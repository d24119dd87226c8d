/** SET's messages as templates: one definition each, for building, decoding, tampering and faking (SET.md 2-6). */
export * from './template.ts';
export * from './field-types.ts';
export { build, buildWithScopes, signedBody, MissingValue, type BuildInput } from './build.ts';
export { parse, type Capability, type ParseOptions, type ParseResult } from './parse.ts';
export { Fields, type ValueSource } from './fields.ts';
export { fieldNames, locate, replaceAt, termAt, type Location } from './locate.ts';
export { slots, keySlots, scopePath, type Slot } from './slots.ts';
export { templateOf, paymentInstructionTemplate, capTokenTemplate, ENVELOPE_TEMPLATE } from './catalogue.ts';
export { formOf } from './forms.ts';
export { E, Enc, EncB, EncK, EncX, EX, EXH, S } from './operators.ts';
