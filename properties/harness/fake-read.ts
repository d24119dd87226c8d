/**
 * A message on the implementation's network as the attacker reads it (the model's
 * `readAsAttacker`, model/world/attacker.ts; docs/decisions.md D29): every field of the kind's
 * field list (model/messages) it can reach, by the model's names (`OIData.XID`, `CapToken`,
 * `Items[2].CapReqAmt`), with the named structures (`PI`, `OIData`, `CapToken`, ...) bound whole
 * even where it cannot open them. It opens an OAEP block with a key-exchange key it holds (its
 * own, or a compromised party's), a symmetric ciphertext with a key it holds (a CABackKey it
 * knows, the `k` of a message it faked, or the `k` from an OAEP block it opened).
 */
import type { MessageForm } from '../../model/index.ts';
import { oaepDecrypt } from '../../impl/crypto/oaep.ts';
import { symmetricDecrypt } from '../../impl/crypto/symmetric.ts';
import {
  ContentWithHash, ContentWithSignature, Envelope, OaepPayload, OaepPayloadWithHash, Signed,
  type Envelope as EnvelopeValue, type ExtraEncrypted,
} from '../../impl/wire/blobs.ts';
import { CapTokens } from '../../impl/wire/capture.ts';
import type { TransID } from '../../impl/wire/common.ts';
import type { DataKind, DataValue } from '../../impl/wire/data.ts';
import type { Message } from '../../impl/wire/messages.ts';
import { PI, type PI as PIValue } from '../../impl/wire/purchase.ts';
import { encode, type Codec } from '../../impl/wire/schema.ts';
import { attackerKeyNames, attackerSymmetricKeys, holdsKey, partyKeyNames, sealedKey } from './attacker-keys.ts';
import { val, type TupleSort, type Val, type ValKind } from './fake-values.ts';
import type { ImplRun } from './impl-run.ts';
import type { ImplMessage } from './network.ts';
import { complete, looseData, looseDecode, looseMessage, type Loose } from './loose-decode.ts';

export interface Reading {
  readonly form: MessageForm | undefined;
  readonly fields: ReadonlyMap<string, Val>;
  /** Every signature it read (SO(s, t) in the clear or in an envelope it opened). */
  readonly signatures: readonly Uint8Array[];
}

const text = new TextDecoder('utf-8', { fatal: false });
const lid = (bytes: Uint8Array | undefined): string | undefined => (bytes ? text.decode(bytes) : undefined);

/** A data value as the attacker reads it: its valid fields (to read), and the whole of it (to copy). */
function data<K extends DataKind>(kind: K, bytes: Uint8Array | undefined): Loose<DataValue<K>> | undefined {
  return looseData(kind, bytes);
}

/** An operator's blob: only what a strict decoder would take of it is read. */
function blob<T>(codec: Codec<T>, bytes: Uint8Array | undefined): Partial<T> | undefined {
  return looseDecode(codec, bytes)?.valid;
}

/** What the attacker can open, looked up once per action. */
export class AttackerReader {
  #exchangeKeys: Promise<CryptoKey[]> | undefined;
  #cache = new Map<ImplMessage, { bytes: Uint8Array; reading: Promise<Reading> }>();

  constructor(readonly run: ImplRun) {}

  /** The key-exchange private keys it holds: its own key pairs, and those of parties it compromised. */
  exchangeKeys(): Promise<CryptoKey[]> {
    this.#exchangeKeys ??= (async () => {
      const { run } = this;
      const names = [...attackerKeyNames(run)];
      for (const party of run.compromised) {
        for (const name of partyKeyNames(run, party, 'keyExchange')) if (await holdsKey(run, name)) names.push(name);
      }
      return Promise.all([...new Set(names)].map(async (name) => (await run.d.pool.keyPair(name, 'keyExchange')).privateKey));
    })();
    return this.#exchangeKeys;
  }

  async openBlock(block: Uint8Array): Promise<Uint8Array | undefined> {
    for (const key of await this.exchangeKeys()) {
      const opened = await oaepDecrypt(this.run.d.env.ctx, key, block, 'attacker');
      if (opened.ok) return opened.value;
    }
    return undefined;
  }

  /** Opens EK_k(t) with `key` if given, else with a key it holds for it (its own fake's `k`, a CABackKey). */
  async openSymmetric(ciphertext: Uint8Array, key?: Uint8Array): Promise<{ plain: Uint8Array; key: Uint8Array } | undefined> {
    const ctx = this.run.d.env.ctx;
    const candidates = key ? [key] : this.#symmetricCandidates(ciphertext);
    for (const k of candidates) {
      const plain = await symmetricDecrypt(ctx, k, ciphertext, 'attacker');
      if (plain.ok) return { plain: plain.value, key: k };
    }
    return undefined;
  }

  #symmetricCandidates(ciphertext: Uint8Array): Uint8Array[] {
    const own = sealedKey(this.run, ciphertext);
    if (own) return [own];
    const keys: Uint8Array[] = [];
    for (const c of this.run.d.cardholders.values()) {
      for (const r of c.records.registrations.values()) if (r.caBackKey && this.run.attacker.holds(r.caBackKey)) keys.push(r.caBackKey);
    }
    return [...keys, ...attackerSymmetricKeys(this.run)];
  }

  read(message: ImplMessage): Promise<Reading> {
    const cached = this.#cache.get(message);
    if (cached && cached.bytes === message.bytes) return cached.reading;
    const reading = new MessageReading(this).read(message);
    this.#cache.set(message, { bytes: message.bytes, reading });
    return reading;
  }

  /** Every signature it can read on the network (held signatures: a rebuilt SO over the same content needs no key, as in the model). */
  async signatures(): Promise<Uint8Array[]> {
    const all: Uint8Array[] = [];
    for (const m of this.run.network.messages) all.push(...(await this.read(m)).signatures);
    return all;
  }
}

type Part<T> = Partial<T> | undefined;

/** The reading of one message. */
class MessageReading {
  readonly fields = new Map<string, Val>();
  readonly signatures: Uint8Array[] = [];
  certReqForm: 'cardholder' | 'merchant' = 'cardholder';

  constructor(private readonly reader: AttackerReader) {}

  bind(name: string, kind: ValKind, v: unknown, extra: { sort?: TupleSort; label?: string } = {}): void {
    if (v === undefined) return;
    this.fields.set(name, val(kind, v, true, extra));
    if (kind === 'sign' && v instanceof Uint8Array) this.signatures.push(v);
  }

  /** A field the model reads as one term (an amount, a form, an order): only if all of it is valid. */
  bindWhole(name: string, kind: ValKind, raw: unknown, valid: unknown, extra: { sort?: TupleSort } = {}): void {
    if (raw !== undefined && complete(raw, valid)) this.bind(name, kind, valid, extra);
  }

  /** A named structure (a scope): bound whole, as it stands, even where parts of it are not valid. */
  scope(name: string, raw: unknown, sort: TupleSort): void {
    this.bind(name, 'tuple', raw, { sort });
  }

  transID(prefix: string, t: Part<TransID>): void {
    this.bind(`${prefix}LID_C`, 'text', lid(t?.lidC));
    this.bind(`${prefix}LID_M`, 'text', lid(t?.lidM));
    this.bind(`${prefix}XID`, 'nonce', t?.xid);
  }

  async read(message: ImplMessage): Promise<Reading> {
    const decoded = looseMessage(message.bytes);
    if (!decoded) return { form: undefined, fields: this.fields, signatures: this.signatures };
    // a CertReq does not say whose it is (the CA decides, D10): the sender's, as the model's message records it
    const merchant = message.form !== undefined ? message.form === 'merchant' : this.reader.run.config.merchants.includes(message.from);
    this.certReqForm = merchant ? 'merchant' : 'cardholder';
    const form = await this.message(decoded.valid, decoded.raw);
    return { form, fields: this.fields, signatures: this.signatures };
  }

  /** Binds every readable field of the message; returns its form. */
  private async message(m: Message, raw: Message): Promise<MessageForm | undefined> {
    switch (m.kind) {
      case 'CardCInitReq':
      case 'Me-AqCInitReq': {
        const b = m.value as Partial<DataValue<'CardCInitReq'> & DataValue<'Me-AqCInitReq'>>;
        this.bind('RRPID', 'nonce', b.rrpid);
        this.bind('LID_EE', 'text', lid(b.lidEE));
        this.bind('Chall_EE', 'nonce', b.challEE);
        if (m.kind === 'CardCInitReq') this.bind('BrandID', 'text', b.brandID);
        else {
          this.bind('MerchantID', 'agent', b.merchantID);
          this.bind('AcquirerBIN', 'text', b.acquirerBIN);
        }
        return 'plain';
      }
      case 'CardCInitRes':
      case 'Me-AqCInitRes': {
        const ca = m.kind === 'CardCInitRes' ? 'CCA' : 'MCA';
        const body = m.value as Partial<typeof m.value>;
        const signed = body.signed as Part<typeof m.value.signed>;
        const d = data(m.kind === 'CardCInitRes' ? 'CardCInitResData' : 'Me-AqCInitResData', signed?.content) as Loose<DataValue<'Me-AqCInitResData'>> | undefined;
        if (d) {
          const v = d.valid;
          this.bind('RRPID', 'nonce', v.rrpid);
          this.bind('LID_EE', 'text', lid(v.lidEE));
          this.bind('Chall_EE', 'nonce', v.challEE);
          this.bind('LID_CA', 'text', lid(v.lidCA));
          this.bind('Chall_CA', 'nonce', v.challCA);
          this.bind('RegFormID', 'int', v.regFormID);
          this.bindWhole('RegForm', 'tuple', d.raw.regForm, v.regForm, { sort: 'RegForm' });
          this.bind('CAEThumb', 'hash', v.caeThumb);
        }
        this.bind('Signature', 'sign', signed?.signature);
        this.bind(`CertE(${ca})`, 'cert', body.caCertE);
        this.bind(`CertS(${ca})`, 'cert', body.caCertS);
        return 'plain';
      }
      case 'RegFormReq': {
        const opened = await this.extra(m.value, 'EXH', '');
        const pan = data('PANOnly', opened.secret)?.valid;
        this.bind('PAN', 'pan', pan?.pan);
        this.bind('EXNonce', 'nonce', pan?.exNonce);
        const v = data('RegFormReqData', opened.content)?.valid;
        this.bind('RRPID', 'nonce', v?.rrpid);
        this.bind('LID_EE', 'text', lid(v?.lidEE));
        this.bind('Chall_EE2', 'nonce', v?.challEE2);
        this.bind('BrandID', 'text', v?.brandID);
        return 'plain';
      }
      case 'RegFormRes': {
        const d = data('RegFormResData', m.value.content);
        if (d) {
          const v = d.valid;
          this.bind('RRPID', 'nonce', v.rrpid);
          this.bind('LID_EE', 'text', lid(v.lidEE));
          this.bind('Chall_EE2', 'nonce', v.challEE2);
          this.bind('LID_CA', 'text', lid(v.lidCA));
          this.bind('Chall_CA', 'nonce', v.challCA);
          this.bind('RegFormID', 'int', v.regFormID);
          this.bindWhole('RegForm', 'tuple', d.raw.regForm, v.regForm, { sort: 'RegForm' });
        }
        this.bind('Signature', 'sign', m.value.signature);
        return 'plain';
      }
      case 'CertReq':
        return this.certReq(m.value);
      case 'CertRes':
        return this.certRes(m.value);
      case 'PInitReq':
        this.bind('RRPID', 'nonce', m.value.rrpid);
        this.bind('LID_C', 'text', lid(m.value.lidC));
        this.bind('LID_M', 'text', lid(m.value.lidM));
        this.bind('Chall_C', 'nonce', m.value.challC);
        this.bind('BrandID', 'text', m.value.brandID);
        return 'plain';
      case 'PInitRes': {
        const d = data('PInitResData', m.value.signed?.content)?.valid;
        this.transID('', d?.transID);
        this.bind('RRPID', 'nonce', d?.rrpid);
        this.bind('Chall_C', 'nonce', d?.challC);
        this.bind('Chall_M', 'nonce', d?.challM);
        this.bind('PEThumb', 'hash', d?.peThumb);
        this.bind('Signature', 'sign', m.value.signed?.signature);
        this.bind('CertS(M)', 'cert', m.value.merchantCertS);
        this.bind('CertE(M)', 'cert', m.value.merchantCertE);
        this.bind('CertE(P)', 'cert', m.value.gatewayCertE);
        return 'plain';
      }
      case 'PReq': {
        const rawBody = raw.value as typeof m.value;
        await this.pi(rawBody.pi);
        this.scope('OI', rawBody.oi, 'OI');
        this.oiData(rawBody.oi.oiData, m.value.oi?.oiData);
        this.bind('OI.H(PIData)', 'hash', m.value.oi?.piDataHash);
        this.bind('OI.OISignature', 'sign', m.value.oi?.oiSignature);
        this.bind('CertS(C)', 'cert', m.value.cardholderCertS);
        return rawBody.pi.kind;
      }
      case 'AuthReq': {
        const opened = await this.envelopeWithBaggage(m.value.envelope?.envelope);
        const d = data('AuthReqData', opened?.content);
        if (d) {
          const v = d.valid;
          this.scope('AuthReqData', d.raw, 'AuthReqData');
          this.transID('AuthReqData.', v.transID);
          this.bind('AuthReqData.RRPID', 'nonce', v.rrpid);
          this.bind('AuthReqData.MerchantID', 'agent', v.merchantID);
          this.bindWhole('AuthReqData.AuthReqAmt', 'amount', d.raw.authReqAmt, v.authReqAmt);
          this.bind('AuthReqData.H(OIData)', 'hash', v.oiDataHash);
          this.bind('AuthReqData.HOD', 'hash', v.hod);
          this.bindWhole('AuthReqData.OD', 'data', d.raw.od, v.od);
        }
        this.bind('H(PI)', 'hash', opened?.hash);
        const pi = looseDecode(PI, m.value.envelope?.baggage);
        if (pi) await this.pi(pi.raw);
        this.bind('CertS(M)', 'cert', m.value.merchantCertS);
        this.bind('CertE(M)', 'cert', m.value.merchantCertE);
        this.bind('CertS(C)', 'cert', m.value.cardholderCertS);
        return (raw.value as typeof m.value).cardholderCertS ? 'signed' : 'unsigned';
      }
      case 'AuthRes': {
        const result = m.value.result as Part<typeof m.value.result>;
        const rawResult = (raw.value as typeof m.value).result;
        const approved = rawResult.kind === 'approved';
        const opened = result?.kind === 'approved'
          ? await this.envelopeWithBaggage(result.value?.envelope)
          : result?.kind === 'declined' ? await this.signedEnvelope(result.value, '') : undefined;
        const d = data('AuthResData', opened?.content);
        if (d) {
          const v = d.valid;
          this.scope('AuthResData', d.raw, 'AuthResData');
          this.transID('AuthResData.', v.transID);
          this.bind('AuthResData.RRPID', 'nonce', v.rrpid);
          this.bind('AuthResData.MerchantID', 'agent', v.merchantID);
          this.bindWhole('AuthResData.AuthAmt', 'amount', d.raw.authAmt, v.authAmt);
          if (d.raw.decision.kind === 'approved') this.bind('AuthResData.AuthCode', 'nonce', v.decision?.value);
          else this.bind('AuthResData.DeclineReason', 'text', v.decision?.value);
        }
        if (approved) {
          if (opened && 'hash' in opened) this.bind('H(CapToken)', 'hash', opened.hash);
          const token = looseDecode(Envelope, rawResult.kind === 'approved' ? rawResult.value.baggage : undefined);
          if (token) await this.capToken('CapToken', token);
        }
        this.bind('CertS(P)', 'cert', m.value.gatewayCertS);
        return rawResult.kind;
      }
      case 'PRes': {
        const d = data('PResData', m.value.signed?.content);
        if (d) {
          const v = d.valid;
          this.transID('', v.transID);
          this.bind('RRPID', 'nonce', v.rrpid);
          this.bind('Chall_C', 'nonce', v.challC);
          this.bind('HOD', 'hash', v.hod);
          this.bind('H(PIData)', 'hash', v.piDataHash);
          this.bind('CompletionCode', 'text', v.completionCode);
          this.bindWhole('PurchAmt', 'amount', d.raw.purchAmt, v.purchAmt);
          this.bindWhole('AuthAmt', 'amount', d.raw.authAmt, v.authAmt);
        }
        this.bind('Signature', 'sign', m.value.signed?.signature);
        this.bind('CertS(M)', 'cert', m.value.merchantCertS);
        return 'plain';
      }
      case 'InqReq': {
        const rawBody = raw.value as typeof m.value;
        const body = m.value as Part<typeof m.value>;
        const d = rawBody.kind === 'signed'
          ? data('InqReqData', (body?.value as Part<{ signed: { content: Uint8Array } }>)?.signed?.content)?.valid
          : (body?.value as Part<DataValue<'InqReqData'>>);
        this.transID('', d?.transID);
        this.bind('RRPID', 'nonce', d?.rrpid);
        if (rawBody.kind === 'signed') {
          const signed = body?.value as Part<{ signed: Part<{ signature: Uint8Array }>; cardholderCertS: Uint8Array }>;
          this.bind('Signature', 'sign', signed?.signed?.signature);
          this.bind('CertS(C)', 'cert', signed?.cardholderCertS);
        }
        return rawBody.kind;
      }
      case 'CapReq': {
        const opened = await this.envelopeWithBaggage(m.value.envelope?.envelope);
        const d = data('CapReqData', opened?.content);
        if (d) {
          const v = d.valid;
          this.scope('CapReqData', d.raw, 'CapReqData');
          this.bind('CapReqData.RRPID', 'nonce', v.rrpid);
          this.bind('CapReqData.MerchantID', 'agent', v.merchantID);
          for (const [i, item] of d.raw.items.entries()) {
            const valid = v.items?.[i] as Part<typeof item>;
            this.transID(`Items[${i + 1}].`, valid?.transID);
            this.bindWhole(`Items[${i + 1}].CapReqAmt`, 'amount', item.capReqAmt, valid?.capReqAmt);
          }
        }
        this.bind('H(CapTokens)', 'hash', opened?.hash);
        const tokens = looseDecode(CapTokens, m.value.envelope?.baggage);
        if (tokens) {
          this.scope('CapTokens', tokens.raw, 'CapTokens');
          for (const [i, token] of tokens.raw.entries()) await this.capToken(`CapTokens[${i + 1}].CapToken`, { raw: token, valid: tokens.valid?.[i] ?? ({} as EnvelopeValue) });
        }
        this.bind('CertS(M)', 'cert', m.value.merchantCertS);
        this.bind('CertE(M)', 'cert', m.value.merchantCertE);
        return 'plain';
      }
      case 'CapRes': {
        const opened = await this.signedEnvelope(m.value.envelope, '');
        const d = data('CapResData', opened?.content);
        if (d) {
          const v = d.valid;
          this.bind('RRPID', 'nonce', v.rrpid);
          this.bind('MerchantID', 'agent', v.merchantID);
          for (const [i, item] of d.raw.items.entries()) {
            const valid = v.items?.[i] as Part<typeof item>;
            this.transID(`Items[${i + 1}].`, valid?.transID);
            this.bind(`Items[${i + 1}].CapCode`, 'text', valid?.capCode);
            this.bindWhole(`Items[${i + 1}].CapAmt`, 'amount', item.capAmt, valid?.capAmt);
          }
        }
        this.bind('CertS(P)', 'cert', m.value.gatewayCertS);
        return 'plain';
      }
    }
  }

  /** E(r, S(s, t)): the OAEP block with a key it holds, or the ciphertext with a `k` of its own; binds `k` and the Signature. */
  private async signedEnvelope(envelope: Part<EnvelopeValue>, prefix: string): Promise<Partial<{ content: Uint8Array; signature: Uint8Array }> | undefined> {
    if (!envelope?.encryptedContent) return undefined;
    const key = envelope.encryptedKey ? await this.reader.openBlock(envelope.encryptedKey) : undefined;
    const opened = await this.reader.openSymmetric(envelope.encryptedContent, key);
    if (!opened) return undefined;
    this.bind(`${prefix}k`, 'symKey', opened.key);
    const signed = blob(Signed, opened.plain);
    this.bind(`${prefix}Signature`, 'sign', signed?.signature);
    return signed;
  }

  /** EncB(s, r, t, b)'s envelope: t and H(b). */
  private async envelopeWithBaggage(envelope: Part<EnvelopeValue>): Promise<Partial<{ content: Uint8Array; hash: Uint8Array }> | undefined> {
    const signed = await this.signedEnvelope(envelope, '');
    return blob(ContentWithHash, signed?.content);
  }

  /** EX / EXH / EncX: the OAEP block {k, p(, H(t))} with a key it holds; the ciphertext with that k or one of its own. */
  private async extra(
    e: Part<ExtraEncrypted>, operator: 'EX' | 'EXH' | 'EncX', prefix: string,
  ): Promise<{ content?: Uint8Array; secret?: Uint8Array; signature?: Uint8Array; hash?: Uint8Array }> {
    const out: { content?: Uint8Array; secret?: Uint8Array; signature?: Uint8Array; hash?: Uint8Array } = {};
    const block = e?.oaepBlock ? await this.reader.openBlock(e.oaepBlock) : undefined;
    const payload = block ? (operator === 'EXH' ? blob(OaepPayloadWithHash, block) : blob(OaepPayload, block)) : undefined;
    if (payload) {
      this.bind(`${prefix}k`, 'symKey', payload.key);
      if ('contentHash' in payload) this.bind(`${prefix}H(t)`, 'hash', payload.contentHash);
      out.secret = payload.secret;
    }
    const opened = e?.encryptedContent ? await this.reader.openSymmetric(e.encryptedContent, payload?.key) : undefined;
    if (opened) {
      this.bind(`${prefix}k`, 'symKey', opened.key);
      if (operator === 'EncX') {
        // {t, SO(s, {t, p})}
        const inner = blob(ContentWithSignature, opened.plain);
        out.content = inner?.content;
        out.signature = inner?.signature;
      } else {
        const inner = blob(ContentWithHash, opened.plain);
        out.content = inner?.content;
        out.hash = inner?.hash;
        this.bind(`${prefix}H(p)`, 'hash', inner?.hash);
      }
    }
    return out;
  }

  private async certReq(e: Part<ExtraEncrypted>): Promise<MessageForm | undefined> {
    const opened = await this.extra(e, 'EncX', '');
    const asCardholder = () => data('CardholderCertReqData', opened.content);
    const asMerchant = () => data('MerchantCertReqData', opened.content);
    const merchant = this.certReqForm === 'merchant' ? asMerchant() : asCardholder() ? undefined : asMerchant();
    const cardholder = merchant ? undefined : asCardholder();
    const d = (cardholder ?? merchant) as Loose<DataValue<'CardholderCertReqData'> & DataValue<'MerchantCertReqData'>> | undefined;
    if (d) {
      const v = d.valid;
      this.bind('RRPID', 'nonce', v.rrpid);
      this.bind('LID_EE', 'text', lid(v.lidEE));
      this.bind('Chall_EE3', 'nonce', v.challEE3);
      this.bind('LID_CA', 'text', lid(v.lidCA));
      this.bind('Chall_CA', 'nonce', v.challCA);
      this.bind('RegFormID', 'int', v.regFormID);
      this.bindWhole('RegFormValues', 'tuple', d.raw.regFormValues, v.regFormValues, { sort: 'RegFormValues' });
      if (cardholder) this.bind('CABackKey', 'symKey', v.caBackKey);
      this.bind('PublicKeyS', 'publicKey', v.publicKeyS, { label: 'signature' });
      if (merchant) this.bind('PublicKeyE', 'publicKey', v.publicKeyE, { label: 'keyExchange' });
    }
    this.bind('Signature', 'sign', opened.signature);
    const account = data('AcctInfo', opened.secret)?.valid;
    const merchantAccount = account ? undefined : data('MerchantAcctInfo', opened.secret)?.valid;
    if (account) {
      this.bind('PAN', 'pan', account.pan);
      this.bind('CardExpiry', 'text', account.cardExpiry);
      this.bind('CardSecret', 'nonce', account.cardSecret);
      this.bind('EXNonce', 'nonce', account.exNonce);
    } else if (merchantAccount) {
      this.bind('MerchantID', 'agent', merchantAccount.merchantID);
      this.bind('MerchantSecret', 'nonce', merchantAccount.merchantSecret);
      this.bind('EXNonce', 'nonce', merchantAccount.exNonce);
    }
    return cardholder || account ? 'cardholder' : merchant || merchantAccount ? 'merchant' : undefined;
  }

  private async certRes(body: Part<Extract<Message, { kind: 'CertRes' }>['value']>): Promise<MessageForm | undefined> {
    if (!body?.kind) return undefined;
    let content: Uint8Array | undefined;
    if (body.kind === 'encrypted') {
      const ciphertext = (body.value as Part<{ encryptedContent: Uint8Array }>)?.encryptedContent;
      const opened = ciphertext ? await this.reader.openSymmetric(ciphertext) : undefined;
      if (opened) {
        this.bind('CABackKey', 'symKey', opened.key);
        const signed = blob(Signed, opened.plain);
        this.bind('Signature', 'sign', signed?.signature);
        content = signed?.content;
      }
    } else {
      const signed = body.value as Part<{ content: Uint8Array; signature: Uint8Array }>;
      this.bind('Signature', 'sign', signed?.signature);
      content = signed?.content;
    }
    const d = body.kind === 'encrypted' ? data('CardholderCertResData', content)?.valid : data('MerchantCertResData', content)?.valid;
    if (d) {
      this.bind('RRPID', 'nonce', d.rrpid);
      this.bind('LID_EE', 'text', lid(d.lidEE));
      this.bind('Chall_EE3', 'nonce', d.challEE3);
      this.bind('LID_CA', 'text', lid(d.lidCA));
      this.bind('CAStatus', 'text', d.caStatus);
      if (body.kind === 'encrypted') {
        const c = d as Partial<DataValue<'CardholderCertResData'>>;
        this.bind('CardCertNonce', 'nonce', c.cardCertNonce);
        this.bind('Cert(C)', 'cert', c.cert);
      } else {
        const c = d as Partial<DataValue<'MerchantCertResData'>>;
        this.bind('CertS(M)', 'cert', c.certS);
        this.bind('CertE(M)', 'cert', c.certE);
      }
    }
    return body.kind === 'encrypted' ? 'cardholder' : 'merchant';
  }

  private oiData(raw: DataValue<'OIData'>, v: Part<DataValue<'OIData'>>): void {
    this.scope('OIData', raw, 'OIData');
    this.transID('OIData.', v?.transID);
    this.bind('OIData.RRPID', 'nonce', v?.rrpid);
    this.bind('OIData.Chall_C', 'nonce', v?.challC);
    this.bind('OIData.HOD', 'hash', v?.hod);
    this.bind('OIData.ODSalt', 'nonce', v?.odSalt);
    this.bind('OIData.Chall_M', 'nonce', v?.challM);
    this.bind('OIData.BrandID', 'text', v?.brandID);
    this.bind('OIData.MerchantID', 'agent', v?.merchantID);
    this.bind('OIData.PAN', 'pan', v?.pan);
  }

  /** The PI (SET.md 5.3), bound whole; its parts as far as the attacker opens them. */
  private async pi(pi: PIValue): Promise<void> {
    this.scope('PI', pi, 'PI');
    const valid = looseDecode(PI, encodePI(pi))?.valid as Part<PIValue>;
    const signed = pi.kind === 'signed';
    const ex = (valid?.kind === 'signed' ? (valid.value as Part<{ ex: ExtraEncrypted }>)?.ex : valid?.value) as Part<ExtraEncrypted>;
    if (valid?.kind === 'signed') this.bind(this.reader.run.shape.dualSignature ? 'PI.DS' : 'PI.PISignature', 'sign', (valid.value as Part<{ ds: Uint8Array }>)?.ds);
    const opened = await this.extra(ex, signed ? 'EX' : 'EXH', 'PI.');
    const link = signed ? data('PIOILink', opened.content) : data('PIOILinkUnsigned', opened.content);
    if (link) {
      const head = link.valid.piHead as Part<DataValue<'PIHead'>>;
      this.scope('PIHead', link.raw.piHead, 'PIHead');
      this.transID('PIHead.', head?.transID);
      this.bind('PIHead.HOD', 'hash', head?.hod);
      this.bindWhole('PIHead.PurchAmt', 'amount', link.raw.piHead.purchAmt, head?.purchAmt);
      this.bind('PIHead.MerchantID', 'agent', head?.merchantID);
      this.bind('PIHead.TransStain', 'hmac', head?.transStain);
      this.bind('PI.H(OIData)', 'hash', link.valid.oiDataHash);
    }
    if (signed) {
      const pan = data('PANData', opened.secret);
      if (pan) {
        this.scope('PANData', pan.raw, 'PANData');
        this.bind('PANData.PAN', 'pan', pan.valid.pan);
        this.bind('PANData.CardExpiry', 'text', pan.valid.cardExpiry);
        this.bind('PANData.PANSecret', 'panSecret', pan.valid.panSecret);
        this.bind('PANData.EXNonce', 'nonce', pan.valid.exNonce);
      }
    } else {
      const token = data('PANToken', opened.secret);
      if (token) {
        this.scope('PANToken', token.raw, 'PANToken');
        this.bind('PANToken.PAN', 'pan', token.valid.pan);
        this.bind('PANToken.CardExpiry', 'text', token.valid.cardExpiry);
        this.bind('PANToken.EXNonce', 'nonce', token.valid.exNonce);
      }
    }
  }

  /** A capture token Enc(P, P, CapTokenData) (SET.md 5.6), bound whole; its fields if the attacker opens it. */
  private async capToken(name: string, token: Loose<EnvelopeValue>): Promise<void> {
    this.scope(name, token.raw, 'CapToken');
    const signed = await this.signedEnvelope(token.valid, `${name}.`);
    const d = data('CapTokenData', signed?.content);
    if (!d) return;
    const v = d.valid;
    this.bind(`${name}.TokenID`, 'nonce', v.tokenID);
    this.transID(`${name}.`, v.transID);
    this.bind(`${name}.MerchantID`, 'agent', v.merchantID);
    this.bindWhole(`${name}.AuthAmt`, 'amount', d.raw.authAmt, v.authAmt);
    this.bind(`${name}.AuthCode`, 'nonce', v.authCode);
    this.bind(`${name}.HoldRef`, 'nonce', v.holdRef);
  }
}

const encodePI = (pi: PIValue): Uint8Array => encode(PI, pi);
