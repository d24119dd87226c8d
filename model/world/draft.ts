/**
 * One step's working copy of a world. `step` is pure: it builds a Draft from the world it was
 * given, changes only the draft's own copies, and `finish` freezes them into a new World. The
 * draft runs role machines (xstate's pure transition), carries out their outputs (messages onto
 * the network, private calls at once and depth-first, log events), keeps the environment in step
 * (a certificate issued updates the directory; any change reaches every party as an
 * `environment` event), and lets the attacker learn what it sees.
 */
import type { Term } from '../terms/index.ts';
import {
  ROLE_MODULES, transitionPure, type Environment, type Output, type PartyState, type PrivateEvent, type Reaction,
  type WorldEvent as RoleWorldEvent, type Delivery,
} from '../roles/index.ts';
import type { MessageForm, MessageKind } from '../vocabulary/message-kinds.ts';
import type { MessageRef } from '../scenario/message-ref.ts';
import type { ActionResult, LogEntry, NetworkMessage, Party, PurchaseRecord, World } from './world.ts';
import { hasId } from '../roles/id-set.ts';

export type PartyEvent = Delivery | PrivateEvent | RoleWorldEvent;

export interface PartyRun {
  readonly reaction: Reaction<unknown>;
  readonly accepted: boolean;
  /** Did the party's state change? (False for every rejection: SET.md 8.) */
  readonly changed: boolean;
}

export class Draft {
  env: Environment;
  // copied on first write, so an unchanged part stays the same object (and keeps its cached key)
  private parties: Record<string, Party>;
  private partiesCopied = false;
  private network: NetworkMessage[];
  private networkCopied = false;
  private log: LogEntry[];
  private logCopied = false;
  knowledge: World['knowledge'];
  private learnedIds: number[] | undefined;
  compromised: readonly string[];
  attackerNames: number;
  purchases: Readonly<Record<string, PurchaseRecord>>;
  captureBatches: Readonly<Record<string, number>>;
  private envChanged = false;

  constructor(readonly base: World) {
    this.env = base.env;
    this.parties = base.parties as Record<string, Party>;
    this.network = base.network as NetworkMessage[];
    this.log = base.log as LogEntry[];
    this.knowledge = base.knowledge;
    this.compromised = base.compromised;
    this.attackerNames = base.attackerNames;
    this.purchases = base.purchases;
    this.captureBatches = base.captureBatches;
  }

  party(name: string): Party | undefined {
    return this.parties[name];
  }

  stateOf<S extends PartyState>(name: string): S {
    return this.parties[name]!.snapshot.context as S;
  }

  messages(): readonly NetworkMessage[] {
    return this.network;
  }

  /** Runs one event through a party's machine; on acceptance carries out its outputs. */
  run(name: string, event: PartyEvent, session: string): PartyRun {
    const party = this.parties[name];
    if (party === undefined) throw new Error(`no party ${name}`);
    const module = ROLE_MODULES[party.role];
    // The reaction is what every guard of the machine asks (role-machine.ts): when it is a
    // rejection no guard passes and the machine keeps its snapshot, so xstate is not asked.
    const reaction = module.react(party.snapshot.context as never, event as never);
    if (reaction.outcome !== 'accepted') return { reaction, accepted: false, changed: false };
    const [next, actions] = transitionPure(module.machine, party.snapshot, event as never);
    if (next === party.snapshot) throw new Error(`${name}: rule ${reaction.rule} has no transition for ${event.type}`);
    if (!this.partiesCopied) {
      this.parties = { ...this.parties };
      this.partiesCopied = true;
    }
    this.parties[name] = { ...party, snapshot: next };
    const outputs: Output[] = [];
    for (const action of actions) if (action.type === 'emit') outputs.push(...(action.params as { outputs: readonly Output[] }).outputs);
    this.carryOut(name, outputs, session);
    return { reaction, accepted: true, changed: true };
  }

  private carryOut(by: string, outputs: readonly Output[], session: string): void {
    for (const output of outputs) {
      switch (output.type) {
        case 'send':
          this.put({ kind: output.kind, form: output.form, from: by, to: output.to, term: output.term, session, origin: 'sent' });
          break;
        case 'log':
          this.record(output.event);
          if (output.event.type === 'certificate-issued') {
            const { owner, certificate } = output.event;
            const current = this.env.directory[owner] ?? {};
            this.setEnv({ ...this.env, directory: { ...this.env.directory, [owner]: { ...current, [certificate.usage]: certificate } } });
          }
          break;
        case 'call':
          // the private payment network: at once, depth-first, unseen by the attacker
          this.run(output.to, output.event, session);
          break;
      }
    }
  }

  /** Puts a message on the network, where the attacker sees it; returns its reference. */
  put(message: { kind: MessageKind; form: MessageForm; from: string; to: string; term: Term; session: string; origin: NetworkMessage['origin']; alterations?: NetworkMessage['alterations'] }): MessageRef {
    let occurrence = 1;
    for (const m of this.network) if (m.ref.session === message.session && m.ref.kind === message.kind) occurrence += 1;
    const ref: MessageRef = { session: message.session, kind: message.kind, occurrence };
    const seq = this.network.length === 0 ? 1 : this.network[this.network.length - 1]!.seq + 1;
    this.writableNetwork().push({
      seq, ref, kind: message.kind, form: message.form, from: message.from, to: message.to, term: message.term,
      status: 'pending', origin: message.origin, alterations: message.alterations ?? [],
    });
    this.give([message.term]);
    return ref;
  }

  /** Replaces a network message (same position and reference). */
  update(message: NetworkMessage): void {
    const index = this.network.findIndex((m) => m.seq === message.seq);
    this.writableNetwork()[index] = message;
    this.give([message.term]);
  }

  private writableNetwork(): NetworkMessage[] {
    if (!this.networkCopied) {
      this.network = [...this.network];
      this.networkCopied = true;
    }
    return this.network;
  }

  record(event: LogEntry): void {
    if (!this.logCopied) {
      this.log = [...this.log];
      this.logCopied = true;
    }
    this.log.push(event);
  }

  learn(terms: readonly Term[]): void {
    this.give(terms);
  }

  /** The attacker is given these terms: its knowledge grows, and `learned` records them. */
  private give(terms: readonly Term[]): void {
    const before = this.knowledge;
    this.knowledge = this.knowledge.addAll(terms);
    if (this.knowledge === before && this.learnedIds === undefined && terms.every((t) => hasId(this.base.learned, t.id))) return;
    this.learnedIds ??= [...this.base.learned];
    for (const term of terms) insertSorted(this.learnedIds, term.id);
  }

  setEnv(env: Environment): void {
    this.env = env;
    this.envChanged = true;
  }

  /** A fresh attacker name, `att-<n>` (SET.md 8). */
  attackerName(): string {
    this.attackerNames += 1;
    return `att-${this.attackerNames}`;
  }

  compromise(name: string): void {
    if (this.compromised.includes(name)) return;
    this.compromised = [...this.compromised, name].sort();
  }

  finish(last: ActionResult): World {
    if (this.envChanged && this.env !== this.base.env) {
      for (const name of Object.keys(this.parties)) this.run(name, { type: 'environment', env: this.env }, '');
    }
    const baseHolds = secretsHandedOver.has(this.base);
    for (const name of this.compromised) {
      const party = this.parties[name];
      if (party === undefined) continue;
      // nothing new to hand over: the base world's knowledge holds the secrets of this very state
      if (baseHolds && this.base.parties[name] === party && this.base.compromised.includes(name)) continue;
      this.give(ROLE_MODULES[party.role].secrets(party.snapshot.context as never));
    }
    if (this.logCopied) extendsLog.set(this.log, this.base.log);
    // Readonly by type; not frozen (freezing large arrays on every step costs more than it guards).
    const world: World = {
      config: this.base.config, env: this.env,
      parties: this.partiesCopied ? this.parties : this.base.parties,
      network: this.networkCopied ? this.network : this.base.network,
      knowledge: this.knowledge, learned: this.learnedIds ?? this.base.learned,
      log: this.logCopied ? this.log : this.base.log,
      compromised: this.compromised, attackerNames: this.attackerNames, purchases: this.purchases, captureBatches: this.captureBatches, last,
    };
    secretsHandedOver.add(world);
    return world;
  }
}

/**
 * Worlds whose knowledge holds every secret of every compromised party's current state (the worlds
 * `finish` made, and their copies with only `last` new): a step that leaves such a party's state
 * alone has nothing new to hand over.
 */
export const secretsHandedOver = new WeakSet<World>();

/** Each log a step made, to the log it extends (the world key sorts a log incrementally). */
export const extendsLog = new WeakMap<readonly LogEntry[], readonly LogEntry[]>();

function insertSorted(list: number[], id: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] !== id) list.splice(lo, 0, id);
}
