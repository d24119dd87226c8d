/**
 * Test-only tools to build the hostile and broken messages of the outcome tests: decode a
 * message, change a field, re-sign with a key the test holds (a dishonest party's), re-encode.
 */
import { sign } from '../crypto/signature.ts';
import type { CryptoContext } from '../crypto/provider.ts';
import type { Outbound } from '../parties/party.ts';
import type { Signed } from '../wire/blobs.ts';
import { decodeData, encodeData, type DataKind, type DataValue } from '../wire/data.ts';
import { decodeMessage, encodeMessage, type Message, type MessageBody, type MessageKind } from '../wire/messages.ts';

export function bodyOf<K extends MessageKind>(out: Outbound, kind: K): MessageBody<K> {
  const decoded = decodeMessage(out.bytes, { name: 'lenient', rules: {} });
  if (!decoded.ok || decoded.value.kind !== kind) throw new Error(`not a ${kind}: ${JSON.stringify(decoded)}`);
  return decoded.value.value as MessageBody<K>;
}

export function withBody<K extends MessageKind>(out: Outbound, kind: K, value: MessageBody<K>): Outbound {
  return { ...out, bytes: encodeMessage({ kind, value } as Message) };
}

export function to(out: Outbound, party: string): Outbound {
  return { ...out, to: party };
}

/** S(s, t') for t' = mutate(t): a signed part re-made by whoever holds `key`. */
export async function resign<K extends DataKind>(ctx: CryptoContext, signed: Signed, kind: K, key: CryptoKey, mutate: (value: DataValue<K>) => DataValue<K>): Promise<Signed> {
  const decoded = decodeData(kind, signed.content, { name: 'lenient', rules: {} });
  if (!decoded.ok) throw new Error(`not a ${kind}`);
  return sign(ctx, key, encodeData(kind, mutate(decoded.value)));
}

export function flipByte(bytes: Uint8Array, index = bytes.length - 1): Uint8Array {
  const copy = bytes.slice();
  copy[index]! ^= 0x01;
  return copy;
}

export const zeros = (n: number) => new Uint8Array(n);
export const text = (s: string) => new TextEncoder().encode(s);
