/** The term algebra of the symbolic model (SET.md sections 1-3): vocabulary, constructors, operators. */
export * from './term.ts';
export { internedTermCount } from './intern.ts';
export { agent, amount, integer, nonce, pan, secretData, symKey, text } from './atoms.ts';
export { privateKey, privateKeyOf, publicKey, publicKeyOf } from './keys.ts';
export { crypt, hash, hmac, sign, signatureVerifies, symCrypt, tuple } from './constructors.ts';
export { certificate, certificateSignedBy, type CertificateFields } from './certificate.ts';
export { hashedOrderDescription, panSecret, thumbprint, transStain, uniqueCardholderId } from './set-values.ts';
export { E, Enc, EncB, EncK, EncX, EX, EXH, S, SO } from './operators.ts';
export { formatTerm, type FormatOptions } from './format.ts';
