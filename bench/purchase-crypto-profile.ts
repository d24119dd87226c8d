/**
 * The cryptographic operations one honest *signed* purchase needs from PInitReq to CapRes
 * (SET.md sections 5 and 6, one item per CapReq), counted message by message. Certificate
 * chain verifications are not counted: SET.md section 1 lets parties cache parsed
 * certificates and verified chain links by thumbprint, so at the least they cost nothing per
 * purchase. This is the denominator of every later throughput ratio: the *crypto floor*.
 */
export type CryptoOp = 'rsa-sign' | 'rsa-verify' | 'oaep-encrypt' | 'oaep-decrypt' | 'aes-encrypt' | 'aes-decrypt' | 'hmac' | 'sha256';

interface Step {
  readonly message: string;
  readonly ops: Partial<Record<CryptoOp, number>>;
  readonly why: string;
}

export const PURCHASE_STEPS: readonly Step[] = [
  { message: 'PInitRes (M)', ops: { 'rsa-sign': 1 }, why: 'S(M, {TransID, RRPID, Chall_C, Chall_M, PEThumb})' },
  { message: 'PInitRes (C checks)', ops: { 'rsa-verify': 1, sha256: 1 }, why: 'the signature; PEThumb = H(CertE(P))' },
  {
    message: 'PReq (C)',
    ops: { 'rsa-sign': 1, 'oaep-encrypt': 1, 'aes-encrypt': 1, hmac: 1, sha256: 5 },
    why: 'DS; EX(P, ..., PANData); TransStain; HOD, H(OIData), H(PIData), H(PANData), H(PIHead-part)',
  },
  { message: 'PReq (M checks)', ops: { 'rsa-verify': 1, sha256: 2 }, why: 'DS from OIData; HOD' },
  { message: 'AuthReq (M)', ops: { 'rsa-sign': 1, 'oaep-encrypt': 1, 'aes-encrypt': 1, sha256: 1 }, why: 'EncB(M, P, AuthReqData, PI); H(PI)' },
  {
    message: 'AuthReq (P checks)',
    ops: { 'oaep-decrypt': 2, 'aes-decrypt': 2, 'rsa-verify': 2, hmac: 1, sha256: 4 },
    why: 'the envelope and the PI; M signature and DS; UniqueCardholderID; H(PI), H(p), H(PIData), H(OIData)',
  },
  {
    message: 'AuthRes (P)',
    ops: { 'rsa-sign': 2, 'oaep-encrypt': 2, 'aes-encrypt': 2, sha256: 1 },
    why: 'CapToken = Enc(P, P, ...); EncB(P, M, AuthResData, CapToken)',
  },
  { message: 'AuthRes (M checks)', ops: { 'oaep-decrypt': 1, 'aes-decrypt': 1, 'rsa-verify': 1, sha256: 1 }, why: 'envelope, signature, H(CapToken)' },
  { message: 'PRes (M)', ops: { 'rsa-sign': 1 }, why: 'S(M, PResData)' },
  { message: 'PRes (C checks)', ops: { 'rsa-verify': 1 }, why: 'the signature' },
  { message: 'CapReq (M)', ops: { 'rsa-sign': 1, 'oaep-encrypt': 1, 'aes-encrypt': 1, sha256: 1 }, why: 'EncB(M, P, CapReqData, CapTokens)' },
  {
    message: 'CapReq (P checks)',
    ops: { 'oaep-decrypt': 2, 'aes-decrypt': 2, 'rsa-verify': 2, sha256: 1 },
    why: 'the envelope and the token; M signature and the token signature',
  },
  { message: 'CapRes (P)', ops: { 'rsa-sign': 1, 'oaep-encrypt': 1, 'aes-encrypt': 1 }, why: 'Enc(P, M, CapResData)' },
  { message: 'CapRes (M checks)', ops: { 'oaep-decrypt': 1, 'aes-decrypt': 1, 'rsa-verify': 1 }, why: 'envelope, signature' },
];

export function opsPerPurchase(): Record<CryptoOp, number> {
  const total: Record<CryptoOp, number> = {
    'rsa-sign': 0,
    'rsa-verify': 0,
    'oaep-encrypt': 0,
    'oaep-decrypt': 0,
    'aes-encrypt': 0,
    'aes-decrypt': 0,
    hmac: 0,
    sha256: 0,
  };
  for (const step of PURCHASE_STEPS) for (const [op, n] of Object.entries(step.ops)) total[op as CryptoOp] += n;
  return total;
}

/** Seconds of full-machine crypto per purchase, from measured operations per second. */
export function cryptoFloorSeconds(opsPerSecond: Record<CryptoOp, number>): number {
  let seconds = 0;
  for (const [op, n] of Object.entries(opsPerPurchase())) seconds += n / opsPerSecond[op as CryptoOp];
  return seconds;
}
