/**
 * Every data schema of SET.md by name: the plaintexts `t` that the operators of section 2
 * sign, envelope or hash, and the secrets `p` of the OAEP blocks. A receiver that opened a
 * blob decodes its content here, under the wire profile of the protocol it runs.
 */
import { err, ok } from '../result.ts';
import { CardholderIdInput, HodInput } from './common.ts';
import { DualSignatureInput } from './blobs.ts';
import { decode, type CodecValue, type Decoded } from './schema.ts';
import { checkProfile, DEFAULT_WIRE_PROFILE, type WireProfile } from './profile.ts';
import {
  AcctInfo,
  CardCInitReq,
  CardCInitResData,
  CardholderCertReqData,
  CardholderCertResData,
  MeAqCInitReq,
  MeAqCInitResData,
  MerchantAcctInfo,
  MerchantCertReqData,
  MerchantCertResData,
  PANOnly,
  RegFormReqData,
  RegFormResData,
} from './registration.ts';
import {
  InqReqData,
  OI,
  OIData,
  PANData,
  PANToken,
  PI,
  PIData,
  PIHead,
  PIHeadUnsigned,
  PInitReq,
  PInitResData,
  PIOILink,
  PIOILinkUnsigned,
  PIUnsignedData,
  PReq,
  PResData,
} from './purchase.ts';
import { AuthReqData, AuthResData, CapTokenData } from './authorisation.ts';
import { CapReqData, CapResData, CapTokens } from './capture.ts';

export const DATA_SCHEMAS = {
  // registration (SET.md 4.1, 4.2)
  CardCInitReq,
  CardCInitResData,
  RegFormReqData,
  PANOnly,
  RegFormResData,
  CardholderCertReqData,
  AcctInfo,
  CardholderCertResData,
  'Me-AqCInitReq': MeAqCInitReq,
  'Me-AqCInitResData': MeAqCInitResData,
  MerchantCertReqData,
  MerchantAcctInfo,
  MerchantCertResData,
  // purchase (SET.md 5.1-5.3, 5.7, 5.9)
  PInitReq,
  PInitResData,
  HodInput,
  OIData,
  OI,
  PIHead,
  PIHeadUnsigned,
  PANData,
  PIData,
  PANToken,
  PIUnsignedData,
  PIOILink,
  PIOILinkUnsigned,
  DualSignatureInput,
  CardholderIdInput,
  PI,
  PReq,
  PResData,
  InqReqData,
  // authorisation and capture (SET.md 5.4-5.6, 6)
  AuthReqData,
  AuthResData,
  CapTokenData,
  CapReqData,
  CapTokens,
  CapResData,
} as const;

export type DataKind = keyof typeof DATA_SCHEMAS;
export type DataValue<K extends DataKind> = CodecValue<(typeof DATA_SCHEMAS)[K]>;
export const DATA_KINDS = Object.keys(DATA_SCHEMAS) as DataKind[];

/** The canonical DER of a data value: what gets signed, enveloped or hashed. */
export function encodeData<K extends DataKind>(kind: K, value: DataValue<K>): Uint8Array {
  return DATA_SCHEMAS[kind].encode(value as never);
}

/**
 * Decodes one data value and applies the wire profile. `path` prefixes error fields, so a
 * receiver can label where the bytes came from (`AuthRes.approved.AuthResData`).
 */
export function decodeData<K extends DataKind>(kind: K, bytes: Uint8Array, profile: WireProfile = DEFAULT_WIRE_PROFILE, path: string = kind): Decoded<DataValue<K>> {
  const codec = DATA_SCHEMAS[kind];
  const decoded = decode<unknown>(codec, bytes, path);
  if (!decoded.ok) return decoded;
  const violation = checkProfile(codec.shape, decoded.value, profile, path);
  return violation ? err(violation) : ok(decoded.value as DataValue<K>);
}
