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

function networkKey(network: readonly NetworkMessage[]): string {
  const byKind = new Map<string, string[]>();
  for (const m of network) {
    let list = byKind.get(m.kind);
    if (list === undefined) byKind.set(m.kind, (list = []));
    list.push(messageCode(m));
  }
  return [...byKind.keys()].sort().map((kind) => `${kind}:${byKind.get(kind)!.join(';')}`).join(' ');
}

const partiesKeys = new WeakMap<World['parties'], string>();

function partiesKey(parties: World['parties']): string {
  let key = partiesKeys.get(parties);
  if (key === undefined) {
    key = Object.keys(parties).sort().map((name) => {
      const snapshot = parties[name]!.snapshot;
      return `${name}=${String(snapshot.value)}${canonical(snapshot.context)}`;
    }).join(' ');
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
