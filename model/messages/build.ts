/**
 * Building a message from a template (template.ts): the term an honest party sends, or the
 * attacker's `fake`. A derived field (a hash, an HMAC, a signature) is computed from its parts
 * unless the caller gives it; `signedBody` rebuilds what a decoded signature must sign.
 */
import { crypt, hash, hmac, sign, symCrypt, tuple, type PrivateKey, type PublicKey, type Term } from '../terms/index.ts';
import { listItem, root, type CNode } from './compile.ts';
import { Fields, type ValueSource } from './fields.ts';
import type { Node } from './template.ts';

export interface BuildInput {
  /** Field values by qualified name (`OIData.XID`) or plain name (`XID`); qualified wins. */
  readonly values: ValueSource;
  /** Per list, the values of each item, by plain name (falling back to `values`). */
  readonly lists?: Readonly<Record<string, readonly Readonly<Record<string, Term | undefined>>[]>>;
  /** Key slots: signers' private signature keys, recipients' public key-exchange keys. */
  readonly keys: Readonly<Record<string, PrivateKey | PublicKey | undefined>>;
}

export class MissingValue extends Error {
  constructor(readonly field: string) {
    super(`no value for field ${field}`);
  }
}

const OMITTED = Symbol('omitted');

class Builder {
  readonly scopes = new Map<CNode, Term>();
  private readonly fields: Fields | undefined;
  private readonly record: Readonly<Record<string, Term | undefined>> | undefined;

  constructor(private readonly input: BuildInput, private readonly item?: Readonly<Record<string, Term | undefined>>) {
    if (input.values instanceof Fields) this.fields = input.values;
    else this.record = input.values;
  }

  private value(name: string): Term | undefined {
    return this.fields !== undefined ? this.fields.find(name) : this.record![name];
  }

  lookup(q: string, plain: string): Term | undefined {
    if (this.item !== undefined) {
      const own = this.item[plain];
      if (own !== undefined) return own;
    }
    return this.value(q) ?? (q === plain ? undefined : this.value(plain));
  }

  key<K extends PrivateKey | PublicKey>(slot: string, kind: K['kind']): K {
    const key = this.input.keys[slot];
    if (key === undefined || key.kind !== kind) throw new MissingValue(`key slot ${slot}`);
    return key as K;
  }

  build(node: CNode): Term | typeof OMITTED {
    switch (node.k) {
      case 'value': {
        const value = this.lookup(node.q, node.plain);
        if (value !== undefined) return value;
        if (node.optional) return OMITTED;
        throw new MissingValue(node.q);
      }
      case 'tuple': {
        const items: Term[] = [];
        for (const item of node.items) {
          const built = this.build(item);
          if (built !== OMITTED) items.push(built);
        }
        return tuple(...items);
      }
      case 'list': {
        const rows = this.input.lists?.[node.name] ?? [];
        if (rows.length === 0) throw new MissingValue(`${node.name}[1]`);
        return tuple(...rows.map((row, i) => new Builder(this.input, row).required(listItem(node, i + 1))));
      }
      case 'scope': {
        const given = this.item?.[node.opaqueKey] ?? this.value(node.name);
        if (given !== undefined) return given;
        let built = this.scopes.get(node);
        if (built === undefined) {
          built = this.required(node.body);
          this.scopes.set(node, built);
        }
        return built;
      }
      case 'hash':
        return this.lookup(node.q, node.plain) ?? hash(this.required(node.of));
      case 'hmac':
        return this.lookup(node.q, node.plain) ?? hmac(this.required(node.of), this.required(node.key));
      case 'sign':
        return this.lookup(node.q, node.plain) ?? sign(this.key<PrivateKey>(node.signer, 'privateKey'), this.required(node.of));
      case 'asym':
        return crypt(this.key<PublicKey>(node.recipient, 'publicKey'), this.required(node.body));
      case 'sym': {
        const key = this.lookup(node.keyQ, node.keyPlain);
        if (key === undefined || key.kind !== 'symKey') throw new MissingValue(node.keyQ);
        return symCrypt(key, this.required(node.body));
      }
    }
  }

  required(node: CNode): Term {
    const built = this.build(node);
    if (built === OMITTED) throw new MissingValue('an optional field where one is required');
    return built;
  }
}

/** The term of a template with these values and keys. Throws `MissingValue` for a missing value or key. */
export function build(template: Node, input: BuildInput): Term {
  return new Builder(input).required(root(template));
}

/** `build`, also giving the term of every scope built outside lists (`OIData`, `PIHead`, ...), for the hashes a sender logs. */
export function buildWithScopes(template: Node, input: BuildInput): { readonly term: Term; readonly scopes: ReadonlyMap<string, Term> } {
  const builder = new Builder(input);
  const term = builder.required(root(template));
  const scopes = new Map<string, Term>();
  for (const [node, built] of builder.scopes) if (node.k === 'scope') scopes.set(node.name, built);
  return { term, scopes };
}

const signNodes = new WeakMap<Node, Map<string, CNode>>();

/** The signature fields of a template (outside lists), by qualified name. */
function signaturesOf(template: Node): Map<string, CNode> {
  let found = signNodes.get(template);
  if (found !== undefined) return found;
  found = new Map();
  const walk = (node: CNode): void => {
    switch (node.k) {
      case 'sign':
        found!.set(node.q, node.of);
        return;
      case 'tuple':
        node.items.forEach(walk);
        return;
      case 'scope':
      case 'asym':
      case 'sym':
        walk(node.body);
        return;
      case 'list':
        walk(listItem(node, 1));
        return;
      default:
        return;
    }
  };
  walk(root(template));
  signNodes.set(template, found);
  return found;
}

/**
 * What the signature field `name` of a decoded message must sign: its derivation rebuilt from
 * the decoded fields (the `t` of `S(s, t)`, the `{t, p}` of EncX, `PIData` for no-dual-signature).
 */
export function signedBody(template: Node, name: string, fields: Fields): Term | undefined {
  const of = signaturesOf(template).get(name);
  if (of === undefined) return undefined;
  const lists: Record<string, Readonly<Record<string, Term | undefined>>[]> = {};
  for (const list of fields.lists()) lists[list] = Array.from({ length: fields.count(list) }, () => ({}));
  try {
    return new Builder({ values: fields, lists, keys: {} }).required(of);
  } catch (error) {
    if (error instanceof MissingValue) return undefined;
    throw error;
  }
}
