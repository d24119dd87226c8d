/**
 * Breadth-first search over worlds (issue 5 item 7; SET.md 9, 12): from the set-up world, every
 * allowed move (moves.ts) depth by depth, worlds deduplicated by canonical key
 * (model/world/key.ts), every goal of SET.md 12 checked on every new world, and for each violated
 * goal a shortest trace (fewest actions).
 *
 * What keeps it fast, and why each shortcut is sound:
 * - a skipped or refused action changes nothing (D24): the world is dropped without a key;
 * - a rejected delivery changes nothing in the receiver (SET.md 8) and only consumes the message,
 *   so the world after it is matched by the world before it, which has the message still pending
 *   and at least as much budget left: it is dropped without a key or goal check (unless the
 *   delivery record says the receiver changed, which breaks `integrity` and is checked);
 * - a burst (moves.ts) is taken whole: the worlds inside it are neither keyed nor checked (they
 *   differ from the world before only by terms the attacker made itself) and only the world after
 *   its delivery is; most bursts end in a rejection, so the receiver's reaction is asked first
 *   (receiver.ts) and a rejection costs no step;
 * - a `tamper` that gives the same message as an earlier tamper of the same message in the same
 *   world (two fields sealed in one envelope corrupt the same ciphertext, D26), with the field
 *   equally checkable by the receiver, is the same move for every goal and is dropped;
 * - a world kept before at no greater depth with no more adversarial actions used is not
 *   explored again (it has every move this one has, with at least as much of each bound left); goals are checked only on new worlds, and a goal already violated at a depth
 *   is not checked again at that depth or deeper.
 * The search is deterministic: the moves come in a fixed order and nothing depends on time but
 * where the budget stops it.
 */
import type { Action, MessageRef } from '../scenario/actions.ts';
import { checkableFields, GOALS } from '../goals/index.ts';
import type { GoalName } from '../vocabulary/goal-names.ts';
import { step, worldKey, type World } from '../world/index.ts';
import { burstFollowUps, burstTarget, FREE, moveScope, movesIn, type Move, type Phase } from './moves.ts';
import { receiverRejects } from './receiver.ts';
import type { ExploreSettings } from './settings.ts';

export interface Found {
  readonly goal: GoalName;
  readonly explanation: string;
  readonly actions: readonly Action[];
}

export interface SearchResult {
  /** Worlds the search kept and explored (after deduplication). */
  readonly statesExplored: number;
  /** Actions evaluated: `step` calls, and burst deliveries whose rejection was read off the receiver's reaction. */
  readonly steps: number;
  /** Of `steps`, the deliveries decided by the receiver's reaction alone, without building the world. */
  readonly reactionOnly: number;
  /** Moves that reached a world seen before (deduplicated). */
  readonly duplicates: number;
  /** Deliveries rejected (their worlds dropped, see above). */
  readonly rejected: number;
  readonly seconds: number;
  /** The whole bounded space was explored within the budget. */
  readonly complete: boolean;
  /** Complete, and no move was cut by the depth bound: the space is exhausted at any depth. */
  readonly saturated: boolean;
  /** Per goal, a shortest violation found, in GOALS order. */
  readonly violations: readonly Found[];
  /** Worlds kept per depth. */
  readonly perDepth: readonly number[];
}

export interface SearchProgress {
  readonly statesExplored: number;
  readonly steps: number;
  readonly depth: number;
  readonly seconds: number;
  readonly violations: number;
}

export interface SearchOptions {
  /** Called about every half second. */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Stop as soon as every goal in this list is violated (the search is then not complete). */
  readonly stopWhenViolated?: readonly GoalName[];
}

interface Entry {
  readonly node: number;
  readonly world: World;
  readonly adversarial: number;
  readonly phase: Phase;
}

const genericField = (name: string): string => name.replace(/\[\d+\]/g, '[]');

function sameRef(a: MessageRef, b: MessageRef): boolean {
  return a.session === b.session && a.kind === b.kind && a.occurrence === b.occurrence;
}

/** Key of a tamper's result, for dropping tampers that give the same message (see above). */
function tamperSignature(before: World, next: World, action: Action): string | undefined {
  if (action.type !== 'tamper') return undefined;
  const message = next.network.find((m) => sameRef(m.ref, action.ref));
  if (message === undefined) return undefined;
  const checkable = checkableFields(message.kind, message.form, before.env.profile.shape).has(genericField(action.field));
  return `${message.seq}|${message.term.id}|${checkable ? 1 : 0}`;
}

class Stop extends Error {}

/** A (depth, adversarial actions used) pair as one number. */
const pack = (depth: number, adversarial: number): number => depth * 1024 + adversarial;
const depthOf = (packed: number): number => Math.floor(packed / 1024);
const adversarialOf = (packed: number): number => packed % 1024;

export function search(start: World, settings: ExploreSettings, options: SearchOptions = {}): SearchResult {
  const began = performance.now();
  const scope = moveScope(start, settings);
  const deadline = began + settings.budgetSeconds * 1000;
  // every action taken, as a tree (for traces); a node's depth is its number of actions
  const parents: number[] = [-1];
  const actions: (Action | undefined)[] = [undefined];
  const addNode = (parent: number, action: Action): number => {
    parents.push(parent);
    actions.push(action);
    return parents.length - 1;
  };
  const traceOf = (node: number): Action[] => {
    const trace: Action[] = [];
    for (let i = node; i > 0; i = parents[i]!) trace.push(actions[i]!);
    return trace.reverse();
  };
  const buckets: Entry[][] = [[{ node: 0, world: start, adversarial: 0, phase: FREE }]];
  // per world key, the (depth, adversarial actions used) at which it was kept, none dominating another
  const seen = new Map<string, number[]>([[worldKey(start), [pack(0, 0)]]]);
  const found = new Map<GoalName, Found & { depth: number }>();
  const perDepth: number[] = [1];
  const stopWhen = options.stopWhenViolated ?? [];
  let kept = 1;
  let steps = 0;
  let duplicates = 0;
  let rejected = 0;
  let reactionOnly = 0;
  let depthCut = false;
  let nextProgress = began + 500;
  let current = 0;

  const check = (world: World, node: number, depth: number): void => {
    for (const goal of GOALS) {
      const before = found.get(goal.name);
      if (before !== undefined && before.depth <= depth) continue;
      const verdict = goal.check(world);
      if (!verdict.holds) found.set(goal.name, { goal: goal.name, explanation: verdict.explanation, actions: traceOf(node), depth });
    }
    if (stopWhen.length > 0 && stopWhen.every((goal) => found.has(goal))) throw new Stop();
  };

  const stepCounted = (world: World, action: Action): World => {
    steps += 1;
    if ((steps & 255) === 0) {
      const now = performance.now();
      if (now > deadline || (settings.maxStates !== undefined && kept >= settings.maxStates)) throw new Stop();
      if (options.onProgress && now >= nextProgress) {
        nextProgress = now + 500;
        options.onProgress({ statesExplored: kept, steps, depth: current, seconds: (now - began) / 1000, violations: found.size });
      }
    }
    return step(world, action);
  };

  /** Keeps a world reached at `depth` (deduplicated if free), checks the goals on it, queues it. */
  const keep = (world: World, node: number, depth: number, adversarial: number, phase: Phase): void => {
    if (phase.kind === 'free') {
      const key = worldKey(world);
      const before = seen.get(key);
      if (before === undefined) seen.set(key, [pack(depth, adversarial)]);
      else {
        if (before.some((p) => depthOf(p) <= depth && adversarialOf(p) <= adversarial)) {
          duplicates += 1;
          return;
        }
        seen.set(key, [...before.filter((p) => depthOf(p) < depth || adversarialOf(p) < adversarial), pack(depth, adversarial)]);
      }
    }
    kept += 1;
    perDepth[depth] = (perDepth[depth] ?? 0) + 1;
    check(world, node, depth);
    (buckets[depth] ??= []).push({ node, world, adversarial, phase });
  };

  /** After a step: dropped (skipped, refused, rejected), or the world it reached. */
  const landed = (next: World, node: () => number, depth: number): World | undefined => {
    const last = next.last;
    if (last.kind === 'skipped' || last.kind === 'refused') return undefined;
    if (last.kind === 'delivered' && last.outcome !== 'accepted') {
      rejected += 1;
      const record = next.log.at(-1);
      if (record?.type === 'delivery' && record.changed) check(next, node(), depth);
      return undefined;
    }
    return next;
  };

  /** The delivery that ends a burst, and (after an alteration) the fakes made from the altered message. */
  const finishBurst = (world: World, node: number, depth: number, adversarial: number, target: MessageRef, altered: boolean): void => {
    if (depth + 1 > settings.depth) {
      depthCut = true;
      return;
    }
    const deliver: Action = { type: 'deliver', ref: target };
    if (receiverRejects(world, target)) {
      // the receiver's own reaction is a rejection: the world after it is dropped (above)
      steps += 1;
      reactionOnly += 1;
      rejected += 1;
    } else {
      const delivered = landed(stepCounted(world, deliver), () => addNode(node, deliver), depth + 1);
      if (delivered !== undefined) keep(delivered, addNode(node, deliver), depth + 1, adversarial, FREE);
    }
    if (!altered || adversarial >= settings.adversary) return;
    for (const fake of burstFollowUps(world, target)) {
      if (depth + 2 > settings.depth) {
        depthCut = true;
        return;
      }
      const made = landed(stepCounted(world, fake), () => addNode(node, fake), depth + 1);
      if (made === undefined) continue;
      finishBurst(made, addNode(node, fake), depth + 1, adversarial + 1, made.network.at(-1)!.ref, false);
    }
  };

  const expand = (entry: Entry, depth: number): void => {
    const moves = movesIn(entry.world, entry.phase, settings.adversary - entry.adversarial, scope);
    if (depth >= settings.depth) {
      if (moves.length > 0) depthCut = true;
      return;
    }
    const tampers = new Set<string>();
    for (const move of moves) {
      if (move.kind === 'burst' && depth + 2 > settings.depth) {
        depthCut = true; // the burst's delivery would not fit
        continue;
      }
      const next = landed(stepCounted(entry.world, move.action), () => addNode(entry.node, move.action), depth + 1);
      if (next === undefined) continue;
      if (move.kind === 'honest') {
        keep(next, addNode(entry.node, move.action), depth + 1, entry.adversarial, FREE);
      } else if (move.kind === 'enabler') {
        const phase: Phase = move.action.type === 'compromise' ? { kind: 'armed', compromised: move.action.party } : { kind: 'armed' };
        keep(next, addNode(entry.node, move.action), depth + 1, entry.adversarial + 1, phase);
      } else {
        const signature = tamperSignature(entry.world, next, move.action);
        if (signature !== undefined) {
          if (tampers.has(signature)) continue;
          tampers.add(signature);
        }
        finishBurst(next, addNode(entry.node, move.action), depth + 1, entry.adversarial + 1, burstTarget(move as Move & { kind: 'burst' }, next), move.target !== undefined);
      }
    }
  };

  let complete = true;
  try {
    check(start, 0, 0);
    for (current = 0; current < buckets.length; current++) {
      const bucket = buckets[current] ?? [];
      for (let i = 0; i < bucket.length; i++) {
        const entry = bucket[i]!;
        (bucket as (Entry | undefined)[])[i] = undefined; // release the world
        expand(entry, current);
      }
      buckets[current] = [];
    }
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    complete = false;
  }
  return {
    statesExplored: kept, steps, reactionOnly, duplicates, rejected, seconds: (performance.now() - began) / 1000,
    complete, saturated: complete && !depthCut,
    violations: GOALS.flatMap((goal) => {
      const f = found.get(goal.name);
      return f ? [{ goal: f.goal, explanation: f.explanation, actions: f.actions }] : [];
    }),
    perDepth,
  };
}
