/**
 * Building a faked message on the implementation (docs/decisions.md D29): one builder per kind and
 * form, with the encodings and operators the honest parties use (impl/parties/*), reading its
 * fields from the values `fake.ts` chose by the model's names and rules. As in the model's `build`
 * (model/messages/build.ts), a field is looked up by its qualified name, then its plain name; a
 * named structure given whole (`PI`, `CapToken`) is used as it is; a hash, HMAC or signature is
 * made from its parts unless given. Alongside, it tracks whether the attacker can derive the
 * message (the model's `canDerive`): a value it made or read, a public value, a hash of parts it
 * has or a hash it holds, a signature with a key it holds or a signature it holds over the same
 * content.
 */
import type { FieldType } from '../../model/messages/index.ts';
import type { MessageForm, MessageKind, MessageShape } from '../../model/index.ts';
import { hash, hmac } from '../../impl/crypto/digest.ts';
import { oaepEncrypt } from '../../impl/crypto/oaep.ts';
import { randomBytes } from '../../impl/crypto/provider.ts';
import { signDetached, verifyDetached } from '../../impl/crypto/signature.ts';
import { newSymmetricKey, symmetricEncrypt } from '../../impl/crypto/symmetric.ts';
import { AuthCode, AuthReqData, AuthResData, DeclineReason, HoldRef } from '../../impl/wire/authorisation.ts';
import {
  ContentWithHash, ContentWithSecret, ContentWithSignature, DualSignatureInput, Envelope, OaepPayload, OaepPayloadWithHash, rsaBlock, Signed,
  type Envelope as EnvelopeValue, type ExtraEncrypted,
} from '../../impl/wire/blobs.ts';
import { CapCode, CapReqData, CapTokens } from '../../impl/wire/capture.ts';
import { Certificate, PublicKeyInfo, SymmetricKey } from '../../impl/wire/certificate.ts';
import { Amount, BrandID, CardExpiry, fresh20, hash32, localId, MerchantID, OrderDescription, PAN } from '../../impl/wire/common.ts';
import { encodeData, type DataKind, type DataValue } from '../../impl/wire/data.ts';
import type { Message } from '../../impl/wire/messages.ts';
import { CompletionCode, OI, OIData, PANData, PANToken, PI, PIHead, type PI as PIValue } from '../../impl/wire/purchase.ts';
import { AcquirerBIN, CAStatus, RegForm, RegFormID, RegFormValues } from '../../impl/wire/registration.ts';
import { encode, type Codec } from '../../impl/wire/schema.ts';
import { rememberSealed } from './attacker-keys.ts';
import type { AttackerReader } from './fake-read.ts';
import type { SignatureKey } from './fake-parties.ts';
import { invalidFor, place, type TupleSort, type Val } from './fake-values.ts';
import type { ImplRun } from './impl-run.ts';

/** A value the template needs and the fake has none for (the model's MissingValue). */
export class Missing extends Error {}

/** A part the attacker cannot make (a signature without the key or a copy of it). */
export class NotDerivable extends Error {}

/** A built part and whether the attacker can derive it. */
interface D<T> {
  readonly v: T;
  readonly ok: boolean;
}

const d = <T>(v: T, ok: boolean): D<T> => ({ v, ok });

export interface BuildContext {
  readonly run: ImplRun;
  readonly reader: AttackerReader;
  readonly shape: MessageShape;
  /** Field values by the model's names (qualified, plain, or a structure's name). */
  readonly values: Readonly<Record<string, Val>>;
  /** Items per list (`Items`, `CapTokens`) the fake builds; a list not here has none (MissingValue). */
  readonly counts: Readonly<Record<string, number>>;
  /** The key of a signer slot (`signer`, `cardholder`, `requester`). */
  signer(slot: string): Promise<SignatureKey>;
  /** The key-exchange public key of a recipient slot (`recipient`, `gateway`, `self`). */
  recipient(slot: string): Promise<CryptoKey>;
}

const plainName = (q: string): string => q.slice(q.lastIndexOf('.') + 1);

export class FakeBuilder {
  /** Can the attacker derive everything put in the message so far? */
  ok = true;
  #memo = new Map<string, Promise<D<unknown>>>();
  #heldSignatures: Promise<Uint8Array[]> | undefined;

  constructor(private readonly c: BuildContext) {}

  private get ctx() {
    return this.c.run.d.env.ctx;
  }

  // ---- values ---------------------------------------------------------------------------------

  private lookup(q: string): Val | undefined {
    return this.c.values[q] ?? (plainName(q) === q ? undefined : this.c.values[plainName(q)]);
  }

  /** Field `q` of model type `type`, as `codec` holds it. */
  private field<T>(q: string, type: FieldType, codec: Codec<T>): D<T> {
    const value = this.lookup(q);
    if (value === undefined) throw new Missing(`no value for field ${q}`);
    return d(place(value, type, codec as Codec<unknown>) as T, value.ok);
  }

  private optional<T>(q: string, type: FieldType, codec: Codec<T>): D<T | undefined> {
    return this.lookup(q) === undefined ? d(undefined, true) : this.field(q, type, codec);
  }

  /** Puts a part in the message: the message is derivable only if it is. */
  private use<T>(part: D<T>): T {
    this.ok &&= part.ok;
    return part.v;
  }

  /** A named structure given whole, else built (once per builder: the same structure in two places is one term). */
  private structure<T>(name: string, sort: TupleSort, codec: Codec<T>, make: () => Promise<D<T>>): Promise<D<T>> {
    let made = this.#memo.get(name) as Promise<D<T>> | undefined;
    if (!made) {
      const given = this.c.values[name];
      made = given ? Promise.resolve(d((given.sort === sort ? given.v : invalidFor(codec.shape!)) as T, given.ok)) : make();
      this.#memo.set(name, made);
    }
    return made;
  }

  private transID(prefix: string): D<{ lidC: Uint8Array; lidM: Uint8Array; xid: Uint8Array }> {
    const parts = [this.field(`${prefix}LID_C`, 'text', localId), this.field(`${prefix}LID_M`, 'text', localId), this.field(`${prefix}XID`, 'nonce', fresh20)] as const;
    return d({ lidC: parts[0].v, lidM: parts[1].v, xid: parts[2].v }, parts.every((p) => p.ok));
  }

  /** Fields of a record, all parts of the message or all inputs of one hash: derivable when every one is. */
  private record<R extends Record<string, D<unknown>>>(parts: R): D<{ [K in keyof R]: R[K]['v'] }> {
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const [key, part] of Object.entries(parts)) {
      if (part.v !== undefined) out[key] = part.v;
      ok &&= part.ok;
    }
    return d(out as { [K in keyof R]: R[K]['v'] }, ok);
  }

  // ---- derivations ----------------------------------------------------------------------------

  /** A hash field: given, else H(parts), derivable from its parts or when the attacker holds the hash. */
  private async hash(q: string, parts: () => Promise<D<Uint8Array>> | D<Uint8Array>): Promise<D<Uint8Array>> {
    const given = this.lookup(q);
    if (given !== undefined) return d(place(given, 'hash', hash32 as Codec<unknown>) as Uint8Array, given.ok);
    const input = await parts();
    const h = await hash(this.ctx, input.v);
    return d(h, input.ok || this.c.run.attacker.holds(h));
  }

  private async hmac(q: string, message: () => D<Uint8Array>, key: () => D<Uint8Array>): Promise<D<Uint8Array>> {
    const given = this.lookup(q);
    if (given !== undefined) return d(place(given, 'hash', hash32 as Codec<unknown>) as Uint8Array, given.ok);
    const [m, k] = [message(), key()];
    const h = await hmac(this.ctx, m.v, k.v);
    return d(h, (m.ok && k.ok) || this.c.run.attacker.holds(h));
  }

  /**
   * A signature field SO(slot, content): given, else made with the slot's key if the attacker holds
   * it, else a signature it holds over the same content with that key (the model's `sign` term it
   * already has); else the message cannot be made.
   */
  private async signature(q: string, slot: string, content: Uint8Array, bodyOk: boolean): Promise<D<Uint8Array>> {
    const given = this.lookup(q);
    if (given !== undefined) return d(place(given, 'signature', rsaBlock as Codec<unknown>) as Uint8Array, given.ok);
    const key = await this.c.signer(slot);
    if (key.privateKey && bodyOk) return d(await signDetached(this.ctx, key.privateKey, content), true);
    if (key.publicKey) {
      this.#heldSignatures ??= this.c.reader.signatures();
      for (const held of await this.#heldSignatures) if (await verifyDetached(this.ctx, key.publicKey, content, held)) return d(held, true);
    }
    if (key.privateKey) return d(await signDetached(this.ctx, key.privateKey, content), false);
    throw new NotDerivable(`the attacker holds no key of slot ${slot} to sign ${q}`);
  }

  /** S(s, t) = {t, SO(s, t)}. */
  private async signed(q: string, slot: string, content: D<Uint8Array>): Promise<D<{ content: Uint8Array; signature: Uint8Array }>> {
    const signature = await this.signature(q, slot, content.v, content.ok);
    return d({ content: content.v, signature: signature.v }, content.ok && signature.ok);
  }

  /** OAEP_r(payload); a payload the block cannot hold (only wrong-typed values make one) becomes junk no one opens. */
  private async oaep(recipient: string, payload: Uint8Array): Promise<Uint8Array> {
    const key = await this.c.recipient(recipient);
    try {
      return await oaepEncrypt(this.ctx, key, payload);
    } catch {
      return randomBytes(this.ctx, this.ctx.suite.modulusLength / 8);
    }
  }

  /** EK_k(t) with the attacker's fresh k, which it remembers (it can read its own message again). */
  private async symmetric(key: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    const sealed = await symmetricEncrypt(this.ctx, key, plaintext);
    rememberSealed(this.c.run, sealed, key);
    return sealed;
  }

  /** Enc(s, r, t) = E(r, S(s, t)). */
  private async enc(signer: string, recipient: string, content: D<Uint8Array>, signatureName: string): Promise<D<EnvelopeValue>> {
    const signed = await this.signed(signatureName, signer, content);
    const k = newSymmetricKey(this.ctx);
    const [encryptedKey, encryptedContent] = await Promise.all([this.oaep(recipient, k), this.symmetric(k, encode(Signed, signed.v))]);
    return d({ encryptedKey, encryptedContent }, signed.ok);
  }

  /** EX(r, t, p) or EXH(r, t, p), with their internal hashes `H(p)`, `H(t)` (under `prefix`). */
  private async extra(recipient: string, t: D<Uint8Array>, p: D<Uint8Array>, withContentHash: boolean, prefix: string): Promise<D<ExtraEncrypted>> {
    const k = newSymmetricKey(this.ctx);
    const hp = await this.hash(`${prefix}H(p)`, () => p);
    const ht = withContentHash ? await this.hash(`${prefix}H(t)`, () => t) : undefined;
    const payload = ht ? encode(OaepPayloadWithHash, { key: k, secret: p.v, contentHash: ht.v }) : encode(OaepPayload, { key: k, secret: p.v });
    const [encryptedContent, oaepBlock] = await Promise.all([this.symmetric(k, encode(ContentWithHash, { content: t.v, hash: hp.v })), this.oaep(recipient, payload)]);
    return d({ encryptedContent, oaepBlock }, t.ok && p.ok && hp.ok && (ht?.ok ?? true));
  }

  /** EncX(s, r, t, p) = {EK_k({t, SO(s, {t, p})}), OAEP_r({k, p})}. */
  private async encX(signer: string, recipient: string, t: D<Uint8Array>, p: D<Uint8Array>): Promise<D<ExtraEncrypted>> {
    const signature = await this.signature('Signature', signer, encode(ContentWithSecret, { content: t.v, secret: p.v }), t.ok && p.ok);
    const k = newSymmetricKey(this.ctx);
    const [encryptedContent, oaepBlock] = await Promise.all([
      this.symmetric(k, encode(ContentWithSignature, { content: t.v, signature: signature.v })),
      this.oaep(recipient, encode(OaepPayload, { key: k, secret: p.v })),
    ]);
    return d({ encryptedContent, oaepBlock }, t.ok && p.ok && signature.ok);
  }

  private data<K extends DataKind>(kind: K, value: D<unknown>): D<Uint8Array> {
    return d(encodeData(kind, value.v as DataValue<K>), value.ok);
  }

  private cert(name: string): Uint8Array {
    return this.use(this.field(name, 'certificate', Certificate));
  }

  // ---- purchase structures (SET.md 5.3) -------------------------------------------------------

  /** HOD = H({OD, PurchAmt, ODSalt}), its parts looked up under `prefix` (OIData's own ODSalt, PIHead's own PurchAmt). */
  private hod(prefix: string): Promise<D<Uint8Array>> {
    return this.hash(`${prefix}HOD`, () =>
      this.data('HodInput', this.record({
        od: this.field(`${prefix}OD`, 'secret', OrderDescription),
        purchAmt: this.field(`${prefix}PurchAmt`, 'amount', Amount),
        odSalt: this.field(`${prefix}ODSalt`, 'nonce', fresh20),
      })),
    );
  }

  private oiData(): Promise<D<DataValue<'OIData'>>> {
    const { shape } = this.c;
    return this.structure('OIData', 'OIData', OIData, async () => {
      const transID = this.transID('OIData.');
      const rrpid = this.field('OIData.RRPID', 'nonce', fresh20);
      const challC = shape.challenges ? this.field('OIData.Chall_C', 'nonce', fresh20) : d(undefined, true);
      const hod = await this.hod('OIData.');
      return this.record({
        transID, rrpid, challC, hod,
        odSalt: this.field('OIData.ODSalt', 'nonce', fresh20),
        challM: shape.challenges ? this.field('OIData.Chall_M', 'nonce', fresh20) : d(undefined, true),
        brandID: this.field('OIData.BrandID', 'text', BrandID),
        merchantID: shape.merchantInOIData ? this.field('OIData.MerchantID', 'agent', MerchantID) : d(undefined, true),
        pan: shape.panInOIData ? this.field('OIData.PAN', 'pan', PAN) : d(undefined, true),
      }) as D<DataValue<'OIData'>>;
    });
  }

  private piHead(signed: boolean): Promise<D<DataValue<'PIHead'>>> {
    const { shape } = this.c;
    return this.structure('PIHead', 'PIHead', PIHead, async () => {
      const transID = this.transID('PIHead.');
      const hod = await this.hod('PIHead.');
      const purchAmt = this.field('PIHead.PurchAmt', 'amount', Amount);
      const merchantID = shape.merchantInPIHead ? this.field('PIHead.MerchantID', 'agent', MerchantID) : d(undefined, true);
      const transStain = signed
        ? await this.hmac('PIHead.TransStain', () => this.field('PIHead.XID', 'nonce', fresh20), () => this.field('PIHead.CardSecret', 'nonce', fresh20))
        : d(undefined, true);
      return this.record({ transID, hod, purchAmt, merchantID, transStain }) as D<DataValue<'PIHead'>>;
    });
  }

  private panData(): Promise<D<DataValue<'PANData'>>> {
    return this.structure('PANData', 'PANData', PANData, async () =>
      this.record({
        pan: this.field('PANData.PAN', 'pan', PAN),
        cardExpiry: this.field('PANData.CardExpiry', 'text', CardExpiry),
        panSecret: this.field('PANData.PANSecret', 'secret20', fresh20),
        exNonce: this.field('PANData.EXNonce', 'nonce', fresh20),
      }) as D<DataValue<'PANData'>>,
    );
  }

  private panToken(): Promise<D<DataValue<'PANToken'>>> {
    return this.structure('PANToken', 'PANToken', PANToken, async () =>
      this.record({
        pan: this.field('PANToken.PAN', 'pan', PAN),
        cardExpiry: this.field('PANToken.CardExpiry', 'text', CardExpiry),
        exNonce: this.field('PANToken.EXNonce', 'nonce', fresh20),
      }) as D<DataValue<'PANToken'>>,
    );
  }

  /** H(PIData) under a name (`PI.H(PIData)`, `OI.H(PIData)`): of {PIHead, PANData}, or {PIHead, PANToken} unsigned. */
  private async piDataHash(q: string, signed: boolean): Promise<D<Uint8Array>> {
    return this.hash(q, async () => {
      const head = await this.piHead(signed);
      if (!signed) return this.data('PIUnsignedData', this.record({ piHead: head, panToken: await this.panToken() }));
      return this.data('PIData', this.record({ piHead: head, panData: await this.panData() }));
    });
  }

  private async oiDataHash(q: string): Promise<D<Uint8Array>> {
    return this.hash(q, async () => this.data('OIData', await this.oiData()));
  }

  /** The PI (SET.md 5.3): {DS, EX(P, {PIHead, H(OIData)}, PANData)}, or EXH(P, {PIHead, H(OIData)}, PANToken) unsigned. */
  private pi(form: 'signed' | 'unsigned'): Promise<D<PIValue>> {
    return this.structure('PI', 'PI', PI, async () => {
      const signed = form === 'signed';
      const head = await this.piHead(signed);
      if (!signed) {
        const oiHash = await this.oiDataHash('PI.H(OIData)');
        const t = this.data('PIOILinkUnsigned', this.record({ piHead: head, oiDataHash: oiHash }));
        const ex = await this.extra('gateway', t, this.data('PANToken', await this.panToken()), true, 'PI.');
        return d({ kind: 'unsigned', value: ex.v } as PIValue, ex.ok);
      }
      const panData = await this.panData();
      const p = this.data('PANData', panData);
      if (!this.c.shape.dualSignature) {
        // no-dual-signature: C signs PIData on its own; the PI no longer carries H(OIData)
        const ds = await this.signature('PI.PISignature', 'cardholder', encodeData('PIData', { piHead: head.v, panData: panData.v }), head.ok && panData.ok);
        const ex = await this.extra('gateway', this.data('PIOILink', this.record({ piHead: head })), p, false, 'PI.');
        return d({ kind: 'signed', value: { ds: ds.v, ex: ex.v } } as PIValue, ds.ok && ex.ok);
      }
      const piHash = await this.piDataHash('PI.H(PIData)', true);
      const oiHash = await this.oiDataHash('PI.H(OIData)');
      const ds = await this.signature('PI.DS', 'cardholder', encode(DualSignatureInput, { piDataHash: piHash.v, oiDataHash: oiHash.v }), piHash.ok && oiHash.ok);
      const ex = await this.extra('gateway', this.data('PIOILink', this.record({ piHead: head, oiDataHash: oiHash })), p, false, 'PI.');
      return d({ kind: 'signed', value: { ds: ds.v, ex: ex.v } } as PIValue, ds.ok && ex.ok);
    });
  }

  private oi(form: 'signed' | 'unsigned'): Promise<D<DataValue<'OI'>>> {
    return this.structure('OI', 'OI', OI, async () => {
      const oiData = await this.oiData();
      const piDataHash = await this.piDataHash('OI.H(PIData)', form === 'signed');
      const oiSignature =
        form === 'signed' && !this.c.shape.dualSignature
          ? await this.signature('OI.OISignature', 'cardholder', encodeData('OIData', oiData.v), oiData.ok)
          : d(undefined, true);
      return this.record({ oiData, piDataHash, oiSignature }) as D<DataValue<'OI'>>;
    });
  }

  /** A capture token Enc(P, P, CapTokenData) (SET.md 5.6) under `name` (`CapToken`, `CapTokens[2].CapToken`). */
  private capToken(name: string): Promise<D<EnvelopeValue>> {
    return this.structure(name, 'CapToken', Envelope, async () => {
      const content = this.data('CapTokenData', this.record({
        tokenID: this.field(`${name}.TokenID`, 'nonce', fresh20),
        transID: this.transID(`${name}.`),
        merchantID: this.field(`${name}.MerchantID`, 'agent', MerchantID),
        authAmt: this.field(`${name}.AuthAmt`, 'amount', Amount),
        authCode: this.field(`${name}.AuthCode`, 'nonce', AuthCode),
        holdRef: this.field(`${name}.HoldRef`, 'nonce', HoldRef),
      }));
      return this.enc('signer', 'self', content, `${name}.Signature`);
    });
  }

  private count(list: string): number {
    const n = this.c.counts[list];
    if (n === undefined || n < 1) throw new Missing(`no value for field ${list}[1]`);
    return n;
  }

  // ---- messages ---------------------------------------------------------------------------------

  async build(kind: MessageKind, form: MessageForm): Promise<Message> {
    switch (kind) {
      case 'CardCInitReq':
        return {
          kind,
          value: {
            rrpid: this.use(this.field('RRPID', 'nonce', fresh20)), lidEE: this.use(this.field('LID_EE', 'text', localId)),
            challEE: this.use(this.field('Chall_EE', 'nonce', fresh20)), brandID: this.use(this.field('BrandID', 'text', BrandID)),
          },
        };
      case 'Me-AqCInitReq':
        return {
          kind,
          value: {
            rrpid: this.use(this.field('RRPID', 'nonce', fresh20)), lidEE: this.use(this.field('LID_EE', 'text', localId)),
            challEE: this.use(this.field('Chall_EE', 'nonce', fresh20)), merchantID: this.use(this.field('MerchantID', 'agent', MerchantID)),
            acquirerBIN: this.use(this.field('AcquirerBIN', 'text', AcquirerBIN)),
          },
        };
      case 'CardCInitRes':
      case 'Me-AqCInitRes': {
        const ca = kind === 'CardCInitRes' ? 'CCA' : 'MCA';
        const certE = this.field(`CertE(${ca})`, 'certificate', Certificate);
        const thumb = await this.hash('CAEThumb', () => d(certE.v, certE.ok));
        const base = { rrpid: this.field('RRPID', 'nonce', fresh20), lidEE: this.field('LID_EE', 'text', localId), challEE: this.field('Chall_EE', 'nonce', fresh20) };
        const content =
          kind === 'CardCInitRes'
            ? this.data('CardCInitResData', this.record({ ...base, caeThumb: thumb }))
            : this.data('Me-AqCInitResData', this.record({ ...base, ...this.form(), caeThumb: thumb }));
        const signed = this.use(await this.signed('Signature', 'signer', content));
        const caCertE = this.use(certE);
        return { kind, value: { signed, caCertE, caCertS: this.cert(`CertS(${ca})`) } } as Message;
      }
      case 'RegFormReq': {
        const t = this.data('RegFormReqData', this.record({
          rrpid: this.field('RRPID', 'nonce', fresh20), lidEE: this.field('LID_EE', 'text', localId),
          challEE2: this.field('Chall_EE2', 'nonce', fresh20), brandID: this.field('BrandID', 'text', BrandID),
        }));
        const p = this.data('PANOnly', this.record({ pan: this.field('PAN', 'pan', PAN), exNonce: this.field('EXNonce', 'nonce', fresh20) }));
        return { kind, value: this.use(await this.extra('recipient', t, p, true, '')) };
      }
      case 'RegFormRes': {
        const content = this.data('RegFormResData', this.record({
          rrpid: this.field('RRPID', 'nonce', fresh20), lidEE: this.field('LID_EE', 'text', localId), challEE2: this.field('Chall_EE2', 'nonce', fresh20),
          ...this.form(),
        }));
        return { kind, value: this.use(await this.signed('Signature', 'signer', content)) };
      }
      case 'CertReq':
        return { kind, value: this.use(await this.certReq(form)) };
      case 'CertRes':
        return { kind, value: await this.certRes(form) };
      case 'PInitReq':
        return {
          kind,
          value: {
            rrpid: this.use(this.field('RRPID', 'nonce', fresh20)), lidC: this.use(this.field('LID_C', 'text', localId)),
            lidM: this.use(this.field('LID_M', 'text', localId)), challC: this.use(this.field('Chall_C', 'nonce', fresh20)),
            brandID: this.use(this.field('BrandID', 'text', BrandID)),
          },
        };
      case 'PInitRes': {
        const certE = this.field('CertE(P)', 'certificate', Certificate);
        const content = this.data('PInitResData', this.record({
          transID: this.transID(''), rrpid: this.field('RRPID', 'nonce', fresh20), challC: this.field('Chall_C', 'nonce', fresh20),
          challM: this.field('Chall_M', 'nonce', fresh20), peThumb: await this.hash('PEThumb', () => d(certE.v, certE.ok)),
        }));
        const signed = this.use(await this.signed('Signature', 'signer', content));
        return { kind, value: { signed, merchantCertS: this.cert('CertS(M)'), merchantCertE: this.cert('CertE(M)'), gatewayCertE: this.use(certE) } };
      }
      case 'PReq': {
        const f = form === 'unsigned' ? 'unsigned' : 'signed';
        const pi = this.use(await this.pi(f));
        const oi = this.use(await this.oi(f));
        return { kind, value: f === 'signed' ? { pi, oi, cardholderCertS: this.cert('CertS(C)') } : { pi, oi } };
      }
      case 'AuthReq':
        return { kind, value: await this.authReq(form === 'unsigned' ? 'unsigned' : 'signed') };
      case 'AuthRes':
        return { kind, value: await this.authRes(form) };
      case 'PRes': {
        const { shape } = this.c;
        const content = this.data('PResData', this.record({
          transID: this.transID(''), rrpid: this.field('RRPID', 'nonce', fresh20),
          challC: shape.challenges ? this.field('Chall_C', 'nonce', fresh20) : d(undefined, true),
          hod: this.field('HOD', 'hash', hash32), piDataHash: this.field('H(PIData)', 'hash', hash32),
          completionCode: this.field('CompletionCode', 'text', CompletionCode), purchAmt: this.field('PurchAmt', 'amount', Amount),
          authAmt: this.field('AuthAmt', 'amount', Amount),
        }));
        const signed = this.use(await this.signed('Signature', 'signer', content));
        return { kind, value: { signed, merchantCertS: this.cert('CertS(M)') } };
      }
      case 'InqReq': {
        const data = this.record({ transID: this.transID(''), rrpid: this.field('RRPID', 'nonce', fresh20) });
        if (form === 'unsigned') return { kind, value: { kind: 'unsigned', value: this.use(data) as DataValue<'InqReqData'> } };
        const signed = this.use(await this.signed('Signature', 'signer', this.data('InqReqData', data)));
        return { kind, value: { kind: 'signed', value: { signed, cardholderCertS: this.cert('CertS(C)') } } };
      }
      case 'CapReq':
        return { kind, value: await this.capReq() };
      case 'CapRes': {
        const items = Array.from({ length: this.count('Items') }, (_, i) => {
          const at = `Items[${i + 1}].`;
          return this.record({ transID: this.transID(at), capCode: this.field(`${at}CapCode`, 'text', CapCode), capAmt: this.field(`${at}CapAmt`, 'amount', Amount) });
        });
        const content = this.data('CapResData', this.record({
          rrpid: this.field('RRPID', 'nonce', fresh20), merchantID: this.field('MerchantID', 'agent', MerchantID),
          items: d(items.map((i) => i.v), items.every((i) => i.ok)),
        }));
        const envelope = this.use(await this.enc('signer', 'recipient', content, 'Signature'));
        return { kind, value: { envelope, gatewayCertS: this.cert('CertS(P)') } };
      }
    }
  }

  /** LID_CA, Chall_CA, RegFormID, RegForm of a CA's form (SET.md 4.1 step 4, 4.2 step 2). */
  private form() {
    return {
      lidCA: this.field('LID_CA', 'text', localId), challCA: this.field('Chall_CA', 'nonce', fresh20),
      regFormID: this.field('RegFormID', 'int', RegFormID), regForm: this.field('RegForm', 'tuple', RegForm),
    };
  }

  private async certReq(form: MessageForm): Promise<D<ExtraEncrypted>> {
    const common = {
      rrpid: this.field('RRPID', 'nonce', fresh20), lidEE: this.field('LID_EE', 'text', localId), challEE3: this.field('Chall_EE3', 'nonce', fresh20),
      lidCA: this.field('LID_CA', 'text', localId), challCA: this.field('Chall_CA', 'nonce', fresh20), regFormID: this.field('RegFormID', 'int', RegFormID),
      regFormValues: this.field('RegFormValues', 'tuple', RegFormValues),
    };
    if (form === 'merchant') {
      const t = this.data('MerchantCertReqData', this.record({
        ...common, publicKeyS: this.field('PublicKeyS', 'publicKey', PublicKeyInfo), publicKeyE: this.field('PublicKeyE', 'publicKey', PublicKeyInfo),
      }));
      const p = this.data('MerchantAcctInfo', this.record({
        merchantID: this.field('MerchantID', 'agent', MerchantID), merchantSecret: this.field('MerchantSecret', 'nonce', fresh20), exNonce: this.field('EXNonce', 'nonce', fresh20),
      }));
      return this.encX('requester', 'recipient', t, p);
    }
    const t = this.data('CardholderCertReqData', this.record({
      ...common, caBackKey: this.field('CABackKey', 'symKey', SymmetricKey), publicKeyS: this.field('PublicKeyS', 'publicKey', PublicKeyInfo),
    }));
    const p = this.data('AcctInfo', this.record({
      pan: this.field('PAN', 'pan', PAN), cardExpiry: this.field('CardExpiry', 'text', CardExpiry),
      cardSecret: this.field('CardSecret', 'nonce', fresh20), exNonce: this.field('EXNonce', 'nonce', fresh20),
    }));
    return this.encX('requester', 'recipient', t, p);
  }

  private async certRes(form: MessageForm): Promise<Extract<Message, { kind: 'CertRes' }>['value']> {
    const common = {
      rrpid: this.field('RRPID', 'nonce', fresh20), lidEE: this.field('LID_EE', 'text', localId), challEE3: this.field('Chall_EE3', 'nonce', fresh20),
      lidCA: this.field('LID_CA', 'text', localId), caStatus: this.field('CAStatus', 'text', CAStatus),
    };
    if (form === 'merchant') {
      const content = this.data('MerchantCertResData', this.record({
        ...common, certS: this.optional('CertS(M)', 'certificate', Certificate), certE: this.optional('CertE(M)', 'certificate', Certificate),
      }));
      return { kind: 'signed', value: this.use(await this.signed('Signature', 'signer', content)) };
    }
    const content = this.data('CardholderCertResData', this.record({
      ...common, cardCertNonce: this.field('CardCertNonce', 'nonce', fresh20), cert: this.optional('Cert(C)', 'certificate', Certificate),
    }));
    // EncK(CABackKey, signer, t): under a key the cardholder chose (the model: a symKey value, else MissingValue)
    const key = this.lookup('CABackKey');
    if (key === undefined || key.kind !== 'symKey') throw new Missing('no value for field CABackKey');
    const signed = this.use(await this.signed('Signature', 'signer', content));
    const raw = place(key, 'symKey', SymmetricKey as Codec<unknown>) as Uint8Array;
    this.use(d(undefined, key.ok));
    const encryptedContent = await symmetricEncrypt(this.ctx, raw.length === 32 ? raw : randomBytes(this.ctx, 32), encode(Signed, signed));
    if (key.ok) rememberSealed(this.c.run, encryptedContent, raw);
    return { kind: 'encrypted', value: { encryptedContent } };
  }

  private async authReq(form: 'signed' | 'unsigned'): Promise<Extract<Message, { kind: 'AuthReq' }>['value']> {
    const { shape } = this.c;
    const data = await this.structure('AuthReqData', 'AuthReqData', AuthReqData, async () =>
      this.record({
        transID: this.transID('AuthReqData.'), rrpid: this.field('AuthReqData.RRPID', 'nonce', fresh20),
        merchantID: this.field('AuthReqData.MerchantID', 'agent', MerchantID), authReqAmt: this.field('AuthReqData.AuthReqAmt', 'amount', Amount),
        oiDataHash: this.field('AuthReqData.H(OIData)', 'hash', hash32), hod: this.field('AuthReqData.HOD', 'hash', hash32),
        od: shape.odInAuthReq ? this.field('AuthReqData.OD', 'secret', OrderDescription) : d(undefined, true),
      }) as D<DataValue<'AuthReqData'>>,
    );
    const pi = await this.pi(form);
    const baggage = d(encode(PI, pi.v), pi.ok);
    const bound = await this.hash('H(PI)', () => baggage);
    const content = d(encode(ContentWithHash, { content: encodeData('AuthReqData', data.v), hash: bound.v }), data.ok && bound.ok);
    const envelope = this.use(await this.enc('signer', 'gateway', content, 'Signature'));
    const merchantCertS = this.cert('CertS(M)');
    const merchantCertE = this.cert('CertE(M)');
    const value = { envelope: { envelope, baggage: this.use(baggage) }, merchantCertS, merchantCertE };
    return form === 'signed' ? { ...value, cardholderCertS: this.cert('CertS(C)') } : value;
  }

  private async authRes(form: MessageForm): Promise<Extract<Message, { kind: 'AuthRes' }>['value']> {
    const { shape } = this.c;
    const approved = form === 'approved';
    const data = await this.structure('AuthResData', 'AuthResData', AuthResData, async () => {
      const decision = approved
        ? this.field('AuthResData.AuthCode', 'nonce', AuthCode)
        : this.field('AuthResData.DeclineReason', 'text', DeclineReason);
      return this.record({
        transID: this.transID('AuthResData.'), rrpid: this.field('AuthResData.RRPID', 'nonce', fresh20),
        merchantID: shape.merchantInAuthRes ? this.field('AuthResData.MerchantID', 'agent', MerchantID) : d(undefined, true),
        authAmt: this.field('AuthResData.AuthAmt', 'amount', Amount),
        decision: d({ kind: approved ? 'approved' : 'declined', value: decision.v }, decision.ok),
      }) as D<DataValue<'AuthResData'>>;
    });
    const content = this.data('AuthResData', data);
    if (!approved) {
      const envelope = this.use(await this.enc('signer', 'recipient', content, 'Signature'));
      return { result: { kind: 'declined', value: envelope }, gatewayCertS: this.cert('CertS(P)') };
    }
    const token = await this.capToken('CapToken');
    const baggage = d(encode(Envelope, token.v), token.ok);
    const bound = await this.hash('H(CapToken)', () => baggage);
    const envelope = this.use(await this.enc('signer', 'recipient', d(encode(ContentWithHash, { content: content.v, hash: bound.v }), content.ok && bound.ok), 'Signature'));
    return { result: { kind: 'approved', value: { envelope, baggage: this.use(baggage) } }, gatewayCertS: this.cert('CertS(P)') };
  }

  private async capReq(): Promise<Extract<Message, { kind: 'CapReq' }>['value']> {
    const data = await this.structure('CapReqData', 'CapReqData', CapReqData, async () => {
      const items = Array.from({ length: this.count('Items') }, (_, i) => {
        const at = `Items[${i + 1}].`;
        return this.record({ transID: this.transID(at), capReqAmt: this.field(`${at}CapReqAmt`, 'amount', Amount) });
      });
      return this.record({
        rrpid: this.field('CapReqData.RRPID', 'nonce', fresh20), merchantID: this.field('CapReqData.MerchantID', 'agent', MerchantID),
        items: d(items.map((i) => i.v), items.every((i) => i.ok)),
      }) as D<DataValue<'CapReqData'>>;
    });
    const tokens = await this.structure('CapTokens', 'CapTokens', CapTokens, async () => {
      const each: D<EnvelopeValue>[] = [];
      for (let i = 1; i <= this.count('CapTokens'); i++) each.push(await this.capToken(`CapTokens[${i}].CapToken`));
      return d(each.map((t) => t.v), each.every((t) => t.ok));
    });
    const baggage = d(encode(CapTokens, tokens.v), tokens.ok);
    const bound = await this.hash('H(CapTokens)', () => baggage);
    const content = d(encode(ContentWithHash, { content: encodeData('CapReqData', data.v), hash: bound.v }), data.ok && bound.ok);
    const envelope = this.use(await this.enc('signer', 'gateway', content, 'Signature'));
    return { envelope: { envelope, baggage: this.use(baggage) }, merchantCertS: this.cert('CertS(M)'), merchantCertE: this.cert('CertE(M)') };
  }
}
