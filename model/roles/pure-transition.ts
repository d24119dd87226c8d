/**
 * xstate v5's pure transition functions, without the actor each call of `transition()` creates:
 * `machine.transition(snapshot, event, scope)` with one inert scope per machine, reused. Nothing
 * in the scope keeps state between calls (the executor only collects this call's actions), so
 * `transitionPure` is as pure as `transition()` (same snapshot and event, same result; the input
 * snapshot is never changed) and about six times faster, which the explorer needs.
 */
import { createActor, type AnyActorScope, type AnyStateMachine, type EventFrom, type SnapshotFrom } from 'xstate';

interface CollectedAction {
  readonly type: string;
  readonly params?: unknown;
}

interface Scope {
  readonly scope: AnyActorScope;
  collected: CollectedAction[];
}

const scopes = new WeakMap<AnyStateMachine, Scope>();

function scopeOf(machine: AnyStateMachine): Scope {
  let entry = scopes.get(machine);
  if (entry === undefined) {
    const self = createActor(machine);
    const holder: Scope = { scope: undefined as unknown as AnyActorScope, collected: [] };
    const scope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: (action: CollectedAction) => {
        holder.collected.push(action);
      },
    };
    (holder as { scope: AnyActorScope }).scope = scope as unknown as AnyActorScope;
    entry = holder;
    scopes.set(machine, entry);
  }
  return entry;
}

/** `[next snapshot, actions to execute]`, as xstate's `transition()`. */
export function transitionPure<M extends AnyStateMachine>(
  machine: M,
  snapshot: SnapshotFrom<M>,
  event: EventFrom<M>,
): [SnapshotFrom<M>, readonly CollectedAction[]] {
  const entry = scopeOf(machine);
  entry.collected = [];
  const next = machine.transition(snapshot, event, entry.scope) as SnapshotFrom<M>;
  return [next, entry.collected];
}

/** The initial snapshot of a machine for an input, as xstate's `initialTransition()`. */
export function initialSnapshot<M extends AnyStateMachine>(machine: M, input: unknown): SnapshotFrom<M> {
  const entry = scopeOf(machine);
  entry.collected = [];
  return machine.getInitialSnapshot(entry.scope, input) as SnapshotFrom<M>;
}
