/**
 * The switch points of the protocol: every place where a variant of SET.md section 10 weakens
 * a party's checks or changes what a message carries. `true` everywhere is the correct protocol;
 * a variant (variants.ts) turns some off. Each party reads only the rules that concern it, at
 * the point the rule names, so a weakening is always one visible `if` in the party's code.
 */
export interface ProtocolRules {
  /** PInitReq/PInitRes run before the PReq (off: C uses certificates it already holds and picks XID). */
  readonly purchaseInitiation: boolean;
  /** Chall_C and Chall_M travel in OIData, and PRes echoes Chall_C. */
  readonly challenges: boolean;
  /** M keeps a record of PReqs, so a repeated one is `replay` or `unexpected`. */
  readonly merchantRecordsPReqs: boolean;
  /** C dual-signs {H(PIData), H(OIData)}; the PI carries H(OIData). */
  readonly dualSignature: boolean;
  /** OIData names the merchant and M compares it. */
  readonly merchantInOrder: boolean;
  /** PIHead names the merchant and P compares it. */
  readonly merchantInPaymentInstruction: boolean;
  /** M verifies the dual signature. */
  readonly merchantVerifiesDualSignature: boolean;
  /** AuthResData names the merchant and M matches AuthRes to its AuthReq by RRPID. */
  readonly merchantInAuthResponse: boolean;
  /** P compares AuthReqAmt with the PurchAmt of the PI. */
  readonly gatewayChecksAmount: boolean;
  /** C takes the gateway's key-exchange key only from a `gateway` certificate with keyEncipherment. */
  readonly cardholderChecksGatewayCertificate: boolean;
  /** C and M validate certificate chains up to RCA. */
  readonly chainValidation: boolean;
  /** Every party checks the CRLs. */
  readonly revocationChecks: boolean;
  /** The PAN stays out of OIData. */
  readonly panOutsideOrder: boolean;
  /** M keeps OD out of AuthReqData. */
  readonly orderKeptFromGateway: boolean;
  /** P compares the token's TransID and MerchantID with the item and the signer. */
  readonly tokenBound: boolean;
  /** P compares CapReqAmt with AuthAmt. */
  readonly captureWithinAuthorisation: boolean;
  /** The CCA certifies only what the issuer confirmed. */
  readonly issuerConfirmsRegistration: boolean;
}

export const CORRECT_RULES: ProtocolRules = Object.freeze({
  purchaseInitiation: true,
  challenges: true,
  merchantRecordsPReqs: true,
  dualSignature: true,
  merchantInOrder: true,
  merchantInPaymentInstruction: true,
  merchantVerifiesDualSignature: true,
  merchantInAuthResponse: true,
  gatewayChecksAmount: true,
  cardholderChecksGatewayCertificate: true,
  chainValidation: true,
  revocationChecks: true,
  panOutsideOrder: true,
  orderKeptFromGateway: true,
  tokenBound: true,
  captureWithinAuthorisation: true,
  issuerConfirmsRegistration: true,
});

export type RuleName = keyof ProtocolRules;
