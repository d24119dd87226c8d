/**
 * The shape every role machine shares (xstate v5, `setup().createMachine`): one state,
 * `serving`, and one transition per rule, named after the SET message it follows and citing its
 * SET.md section, as the rules of Isabelle's `Purchase.thy` (PInitReq, PReqS, AuthResUns, ...).
 * Events carry message terms only (a delivery is `{type: <kind>, message, from}`); each guard
 * asks the role's `react` whether the event passes its checks under that rule, computing every
 * check from the terms and the role's own state, in SET.md's order. A transition runs two
 * actions: `emit` hands the outputs to the world (collected by the pure transition, never
 * executed inside the machine), `accept` replaces the context. No guard passing means no
 * transition: the snapshot is returned unchanged (SET.md 8: a rejected delivery changes nothing).
 */
import { assign, setup } from 'xstate';
import { noteTransition } from './coverage.ts';
import type { Accepted, Reaction } from './reaction.ts';
import type { Output } from './outputs.ts';

export interface Rule {
  /** The event type it takes (a SET message kind, or a world or private event). */
  readonly event: string;
  /** The rule's name, after the SET message (`PReqS`, `PReqUns`, ...). */
  readonly rule: string;
  /** The SET.md section (and decisions) it follows, with one line of what it does. */
  readonly description: string;
}

export interface RoleEventBase {
  readonly type: string;
}

/** The transitions of one role: for each event type, one guarded transition per rule. */
export function roleMachine<C extends object, E extends RoleEventBase>(
  id: string,
  react: (state: C, event: E) => Reaction<C>,
  rules: readonly Rule[],
) {
  const on: Record<string, { guard: { type: 'rule'; params: { rule: string } }; actions: unknown[]; description: string }[]> = {};
  for (const { event, rule, description } of rules) {
    (on[event] ??= []).push({
      guard: { type: 'rule', params: { rule } },
      actions: [{ type: 'emit', params: ({ context, event: e }: { context: C; event: E }) => ({ outputs: (react(context, e) as Accepted<C>).outputs }) }, { type: 'accept' }],
      description,
    });
  }
  return setup({
    types: { context: {} as C, events: {} as E, input: {} as C },
    guards: {
      rule: ({ context, event }, params: { rule: string }) => {
        const reaction = react(context, event);
        const takes = reaction.outcome === 'accepted' && reaction.rule === params.rule;
        if (takes) noteTransition(id, params.rule);
        return takes;
      },
    },
    actions: {
      emit: (_, _params: { outputs: readonly Output[] }) => {},
      accept: assign(({ context, event }) => (react(context, event) as Accepted<C>).next as Partial<C>),
    },
  }).createMachine({
    id,
    initial: 'serving',
    context: ({ input }) => input,
    states: { serving: { on: on as never } },
  });
}

export type RoleMachine<C extends object, E extends RoleEventBase> = ReturnType<typeof roleMachine<C, E>>;
