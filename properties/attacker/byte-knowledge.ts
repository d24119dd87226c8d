/**
 * What the attacker holds on the implementation, as bytes (SET.md 8, "The attacker"): every
 * message it saw, every secret handed over by `compromise`, and everything it can decrypt with
 * the keys it holds, searched recursively: DER is walked down to its octet strings, every
 * RSA-sealed pair (an Envelope, or the OAEP block of EX/EXH/EncX) is tried with each key-exchange
 * private key it holds, and every symmetric ciphertext with each 32-octet value it has seen
 * (keys travel inside OAEP blocks and inside opened CertReqs as CABackKey). A detached signature
 * reveals nothing: it is only bytes. Learning a key later opens what arrived earlier.
 */
import { oaepDecrypt } from '../../impl/crypto/oaep.ts';
import type { CryptoContext } from '../../impl/crypto/provider.ts';
import { symmetricDecrypt } from '../../impl/crypto/symmetric.ts';
import { decodeDer, readChildren, TagClass, Universal, type DerElement } from '../../impl/wire/der.ts';

const RSA_BLOCK = 256;
const AES_KEY = 32;
const GCM_OVERHEAD = 28;

const hexKey = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

interface Sealed {
  /** The OAEP block (absent for a symmetric-only ciphertext). */
  readonly rsaBlock?: Uint8Array;
  readonly ciphertext: Uint8Array;
}

export class ByteKnowledge {
  #blobs: Uint8Array[] = [];
  #seen = new Set<string>();
  #privateKeys: CryptoKey[] = [];
  #symmetricKeys = new Map<string, Uint8Array>();
  /** Sealed items not opened yet, retried when a key arrives. */
  #pending = new Map<string, Sealed>();
  #queue: Uint8Array[] = [];
  #retryPending = false;

  constructor(private readonly ctx: CryptoContext) {}

  /** A message seen on the network, or a secret handed over. */
  learn(bytes: Uint8Array): void {
    this.#queue.push(bytes);
  }

  /** A key-exchange private key handed over (compromise): what is still sealed gets another try. */
  learnPrivateKey(key: CryptoKey): void {
    // compromise hands keys over again after every action: a key it has opened nothing new
    if (this.#privateKeys.includes(key)) return;
    this.#privateKeys.push(key);
    this.#retryPending = true;
  }

  get size(): number {
    return this.#blobs.length;
  }

  /** Analyses everything learnt since the last call, to a fixpoint. */
  async close(): Promise<void> {
    for (;;) {
      while (this.#queue.length > 0) await this.#absorb(this.#queue.shift()!);
      if (!this.#retryPending) return;
      this.#retryPending = false;
      for (const [id, sealed] of [...this.#pending]) if (sealed.rsaBlock) await this.#tryOpen(id, sealed);
    }
  }

  /** Whether these bytes occur in anything the attacker holds. */
  holds(secret: Uint8Array): boolean {
    const needle = Buffer.from(secret);
    return this.#blobs.some((blob) => Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).indexOf(needle) !== -1);
  }

  async #absorb(bytes: Uint8Array): Promise<void> {
    const id = hexKey(bytes);
    if (this.#seen.has(id)) return;
    this.#seen.add(id);
    this.#blobs.push(bytes);
    if (bytes.length === AES_KEY) await this.#learnSymmetricKey(bytes);
    const root = decodeDer(bytes);
    if (root.ok) await this.#walk(root.value);
  }

  async #walk(element: DerElement): Promise<void> {
    if (element.tagClass === TagClass.universal && !element.constructed && (element.tagNumber === Universal.octetString || element.tagNumber === Universal.utf8String)) {
      await this.#absorb(element.content);
      return;
    }
    if (!element.constructed) return;
    const children = readChildren(element);
    if (!children.ok) return;
    await this.#noteSealed(children.value);
    for (const child of children.value) await this.#walk(child);
  }

  /** Envelope {OAEP(k), EK_k(t)}, EX-like {EK_k(..), OAEP({k, p, ..})}, EncK {EK_k(..)}. */
  async #noteSealed(children: readonly DerElement[]): Promise<void> {
    const octets = children.every((c) => c.tagClass === TagClass.universal && c.tagNumber === Universal.octetString && !c.constructed);
    if (!octets) return;
    const [a, b] = children.map((c) => c.content);
    let sealed: Sealed | null = null;
    if (children.length === 2 && a!.length === RSA_BLOCK && b!.length >= GCM_OVERHEAD) sealed = { rsaBlock: a!, ciphertext: b! };
    else if (children.length === 2 && b!.length === RSA_BLOCK && a!.length >= GCM_OVERHEAD) sealed = { rsaBlock: b!, ciphertext: a! };
    else if (children.length === 1 && a!.length >= GCM_OVERHEAD) sealed = { ciphertext: a! };
    if (!sealed) return;
    const id = hexKey(sealed.ciphertext);
    if (this.#pending.has(id)) return;
    this.#pending.set(id, sealed);
    await this.#tryOpen(id, sealed);
  }

  async #tryOpen(id: string, sealed: Sealed): Promise<void> {
    if (!this.#pending.has(id)) return;
    const keys: Uint8Array[] = [];
    if (sealed.rsaBlock) {
      for (const key of this.#privateKeys) {
        const block = await oaepDecrypt(this.ctx, key, sealed.rsaBlock, 'attacker');
        if (!block.ok) continue;
        await this.#absorb(block.value);
        // The block is a raw key (E) or {k, p, ...} (EX, EXH, EncX), whose k is its first octet string.
        const payload = decodeDer(block.value);
        const first = payload.ok && payload.value.constructed ? readChildren(payload.value) : null;
        keys.push(block.value.length === AES_KEY ? block.value : (first?.ok ? first.value[0]?.content : undefined) ?? new Uint8Array());
      }
    } else keys.push(...this.#symmetricKeys.values());
    for (const key of keys) {
      if (key.length !== AES_KEY) continue;
      const plain = await symmetricDecrypt(this.ctx, key, sealed.ciphertext, 'attacker');
      if (plain.ok) {
        this.#pending.delete(id);
        await this.#absorb(plain.value);
        return;
      }
    }
  }

  async #learnSymmetricKey(key: Uint8Array): Promise<void> {
    const id = hexKey(key);
    if (this.#symmetricKeys.has(id)) return;
    this.#symmetricKeys.set(id, key);
    for (const [pendingId, sealed] of [...this.#pending]) if (!sealed.rsaBlock) await this.#tryOpen(pendingId, sealed);
  }
}
