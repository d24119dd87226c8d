/**
 * Wire shapes of the cryptographic operators of SET.md section 2. The operators (impl/crypto)
 * take and return the encoded bytes of `t`; these codecs carry their outputs on the wire.
 * RSA blocks (signatures, OAEP) are sized by the algorithm suite; a range keeps the codec
 * independent of one modulus, and the exact size is checked by the crypto that uses them.
 */
import { octets, sequence, type CodecValue } from './schema.ts';

/** An RSA signature or OAEP block: 1024..16384-bit moduli (also the dual signature DS). */
export const rsaBlock = octets({ min: 128, max: 2048 });
/** AES-GCM output: 12-octet IV, ciphertext, 16-octet tag. */
const aeadOutput = octets({ min: 28, max: 1 << 20 });

/** S(s, t) = {t, SO(s, t)}: `content` is the DER encoding of t (SET.md 2). */
export const Signed = sequence('Signed', { content: octets({ max: 1 << 20 }), signature: rsaBlock });
export type Signed = CodecValue<typeof Signed>;

/** E(r, t) = {OAEP_r(k), EK_k(t)} (SET.md 2). */
export const Envelope = sequence('Envelope', { encryptedKey: rsaBlock, encryptedContent: aeadOutput });
export type Envelope = CodecValue<typeof Envelope>;

/** EncB(s, r, t, b) = {Enc(s, r, {t, H(b)}), b} (SET.md 2). */
export const EnvelopeWithBaggage = sequence('EnvelopeWithBaggage', { envelope: Envelope, baggage: octets({ max: 1 << 20 }) });
export type EnvelopeWithBaggage = CodecValue<typeof EnvelopeWithBaggage>;

/** EX, EXH and EncX: {EK_k(...), OAEP_r({k, p, ...})}, the secret p inside the OAEP block (SET.md 2). */
export const ExtraEncrypted = sequence('ExtraEncrypted', { encryptedContent: aeadOutput, oaepBlock: rsaBlock });
export type ExtraEncrypted = CodecValue<typeof ExtraEncrypted>;

/** EncK(k, s, t) = EK_k(S(s, t)): under a symmetric key the receiver chose earlier (SET.md 2). */
export const SymmetricEncrypted = sequence('SymmetricEncrypted', { encryptedContent: aeadOutput });
export type SymmetricEncrypted = CodecValue<typeof SymmetricEncrypted>;

// ---- plaintexts inside the operators (canonical encodings of SET.md's tuples) ----

/** {t, H(b)} inside EncB; {t, H(p)} inside EX and EXH. */
export const ContentWithHash = sequence('ContentWithHash', { content: octets({ max: 1 << 20 }), hash: octets({ min: 20, max: 64 }) });

/** The OAEP block of EX: {k, p}; of EXH: {k, p, H(t)}; of EncX: {k, p}. */
export const OaepPayload = sequence('OaepPayload', {
  key: octets({ min: 16, max: 32 }),
  secret: octets({ max: 512 }),
});
export const OaepPayloadWithHash = sequence('OaepPayloadWithHash', {
  key: octets({ min: 16, max: 32 }),
  secret: octets({ max: 512 }),
  contentHash: octets({ min: 20, max: 64 }),
});

/** The signed part of EncX: {t, SO(s, {t, p})}; and {t, p}, what that signature covers. */
export const ContentWithSignature = sequence('ContentWithSignature', { content: octets({ max: 1 << 20 }), signature: rsaBlock });
export const ContentWithSecret = sequence('ContentWithSecret', { content: octets({ max: 1 << 20 }), secret: octets({ max: 512 }) });

/** What the dual signature signs: {H(PIData), H(OIData)} (SET.md 5.3). */
export const DualSignatureInput = sequence('DualSignatureInput', { piDataHash: octets({ min: 20, max: 64 }), oiDataHash: octets({ min: 20, max: 64 }) });
