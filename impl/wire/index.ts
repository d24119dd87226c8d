/**
 * impl/wire: SET's messages and data structures as strict DER (SET.md sections 2-6, 10).
 * Decoding never throws: it returns a value or a `malformed` naming the field and the rule.
 */
export * from './schema.ts';
export * from './common.ts';
export * from './blobs.ts';
export * from './certificate.ts';
export * from './registration.ts';
export * from './purchase.ts';
export * from './authorisation.ts';
export * from './capture.ts';
export * from './profile.ts';
export * from './data.ts';
export * from './messages.ts';
