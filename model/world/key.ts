/**
 * A canonical key of a world, for deduplication: equal worlds (same party records, network,
 * attacker knowledge, log, clock and CRLs) give equal keys, whatever order their parts were
 * built in. Terms are keyed by their interned ids and every record by an interned id of its own
 * canonical text (a Merkle-style hash-consing, exact: no two texts share an id), so a key stays
 * short and a step re-keys only the records it changed. Ids are per process, like term ids.
 *
 * Parts that do not matter for what can happen next are left out: the environment copies in
 * the parties (the world's own is keyed once) and `last`. The attacker's knowledge is keyed by
 * the terms it was given (`learned`), of which it is the closure. The network is keyed per
 * message kind in creation order (tamper's "most recent message of the kind" depends on it; the
 * order across kinds does not matter), the log as a multiset (goals are checked on every world
 * before it is merged, so the order of past events cannot hide a violation).
 */
import type { Term } from '../terms/index.ts';
import { MESSAGE_KINDS } from '../vocabulary/message-kinds.ts';
import { extendsLog } from './draft.ts';
import type { LogEntry, NetworkMessage, World } from './world.ts';

const textIds = new Map<string, number>();
const objectCodes = new WeakMap<object, string>();

function intern(text: string): string {
  let id = textIds.get(text);
  if (id === undefined) {
    id = textIds.size + 1;
    textIds.set(text, id);
  }
  return `o${id}`;
}

function isTerm(value: object): value is Term {
  return Object.isFrozen(value) && typeof (value as { id?: unknown }).id === 'number' && typeof (value as { kind?: unknown }).kind === 'string';
}

/**
 * The canonical code of plain data with terms inside: records by sorted key (`env` and
 * `undefined` fields skipped), arrays in order, maps by sorted entry. Cached per object.
 */
export function canonical(value: unknown): string {
  if (value === undefined || value === null) return '_';
  switch (typeof value) {
    case 'number':
      return `n${value}`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      return String(value);
  }
  if (isTerm(value)) return `t${value.id}`;
  const cached = objectCodes.get(value);
  if (cached !== undefined) return cached;
  let text: string;
  if (Array.isArray(value)) {
    text = `[${value.map(canonical).join(',')}]`;
  } else if (value instanceof Map) {
    text = `M{${[...value.entries()].map(([k, v]) => `${canonical(k)}:${canonical(v)}`).sort().join(',')}}`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => k !== 'env' && record[k] !== undefined).sort();
    text = `{${keys.map((k) => `${k}:${canonical(record[k])}`).join(',')}}`;
  }
  const code = intern(text);
  objectCodes.set(value, code);
  return code;
}

const messageCodes = new WeakMap<NetworkMessage, string>();

function messageCode(m: NetworkMessage): string {
  let code = messageCodes.get(m);
  if (code === undefined) {
    code = intern(`${m.ref.session}/${m.ref.occurrence}|${m.from}>${m.to}|t${m.term.id}|${m.status}|${m.form}|${m.origin}|${canonical(m.alterations)}`);
    messageCodes.set(m, code);
  }
  return code;
}

/** The message kinds in sorted order, and each kind's place in it. */
const KINDS_SORTED = [...MESSAGE_KINDS].sort();
const KIND_PLACE = new Map<string, number>(KINDS_SORTED.map((kind, i) => [kind, i]));

function networkKey(network: readonly NetworkMessage[]): string {
  // per kind, in creation order; kinds sorted (a fixed order, so no sorting per call)
  const lists: (string[] | undefined)[] = new Array(KINDS_SORTED.length);
  for (const m of network) {
    const place = KIND_PLACE.get(m.kind)!;
    const list = lists[place];
    if (list === undefined) lists[place] = [messageCode(m)];
    else list.push(messageCode(m));
  }
  let key = '';
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i];
    if (list !== undefined) key += `${key === '' ? '' : ' '}${KINDS_SORTED[i]}:${list.join(';')}`;
  }
  return key;
}

const partiesKeys = new WeakMap<World['parties'], string>();

let lastNames: readonly string[] = [];
let lastSorted: readonly string[] = [];

/** The party names sorted (every world of a run has the same names, so the last sort is reused). */
function sortedNames(parties: World['parties']): readonly string[] {
  const names = Object.keys(parties);
  if (names.length !== lastNames.length || names.some((name, i) => name !== lastNames[i])) {
    lastNames = names;
    lastSorted = [...names].sort();
  }
  return lastSorted;
}

function partiesKey(parties: World['parties']): string {
  let key = partiesKeys.get(parties);
  if (key === undefined) {
    key = '';
    for (const name of sortedNames(parties)) {
      const snapshot = parties[name]!.snapshot;
      key += `${key === '' ? '' : ' '}${name}=${String(snapshot.value)}${canonical(snapshot.context)}`;
    }
    partiesKeys.set(parties, key);
  }
  return key;
}

const networkKeys = new WeakMap<World['network'], string>();

function cachedNetworkKey(network: World['network']): string {
  let key = networkKeys.get(network);
  if (key === undefined) networkKeys.set(network, (key = networkKey(network)));
  return key;
}

const sortedLogs = new WeakMap<readonly LogEntry[], readonly string[]>();

/** The log's event codes, sorted; a log a step extended is sorted from its base's. */
function sortedLog(log: readonly LogEntry[]): readonly string[] {
  let sorted = sortedLogs.get(log);
  if (sorted !== undefined) return sorted;
  const base = extendsLog.get(log);
  if (base === undefined) {
    sorted = log.map(canonical).sort();
  } else {
    const codes = [...sortedLog(base)];
    for (let i = base.length; i < log.length; i++) {
      const code = canonical(log[i]);
      let lo = 0;
      let hi = codes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (codes[mid]! < code) lo = mid + 1;
        else hi = mid;
      }
      codes.splice(lo, 0, code);
    }
    sorted = codes;
  }
  sortedLogs.set(log, sorted);
  return sorted;
}

const logKeys = new WeakMap<readonly LogEntry[], string>();

function logKey(log: readonly LogEntry[]): string {
  let key = logKeys.get(log);
  if (key === undefined) logKeys.set(log, (key = sortedLog(log).join(',')));
  return key;
}

const worldKeys = new WeakMap<World, string>();

export function worldKey(world: World): string {
  let key = worldKeys.get(world);
  if (key !== undefined) return key;
  key = [
    `d${world.env.day} ${canonical(world.env.crl)} ${canonical(world.env.directory)}`,
    `a${world.attackerNames} ${world.compromised.join(',')} ${canonical(world.purchases)} ${canonical(world.captureBatches)}`,
    partiesKey(world.parties),
    cachedNetworkKey(world.network),
    world.learned.join(','),
    logKey(world.log),
  ].join('\n');
  worldKeys.set(world, key);
  return key;
}
