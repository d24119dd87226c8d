/** The pure transition: the same result as xstate's `transition()`, the input snapshot untouched, a rejection returns the snapshot itself. */
import { describe, expect, test } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { initialWorld } from '../world/index.ts';
import { pan, secretData, text } from '../terms/index.ts';
import { issuerMachine, type IssuerState } from './index.ts';
import { initialSnapshot, transitionPure } from './pure-transition.ts';

const env = initialWorld().env;
const input: IssuerState = { env, name: 'Issuer', accounts: {}, balance: 0 };
const open = { type: 'openAccount', cardholder: 'C1', card: { pan: pan('C1'), expiry: text('202712'), name: text('C1'), postcode: secretData('postcode:C1') }, limit: 100 } as const;

describe('transitionPure', () => {
  test('agrees with xstate\'s transition()', () => {
    const [s0] = initialTransition(issuerMachine, input);
    const [viaXstate] = transition(issuerMachine, s0, open);
    const [viaPure] = transitionPure(issuerMachine, initialSnapshot(issuerMachine, input), open);
    expect(viaPure.context).toEqual(viaXstate.context);
    expect(viaPure.value).toEqual(viaXstate.value);
  });

  test('leaves its input alone and is repeatable', () => {
    const s0 = initialSnapshot(issuerMachine, input);
    const before = JSON.stringify(s0.context.accounts);
    const [a] = transitionPure(issuerMachine, s0, open);
    const [b] = transitionPure(issuerMachine, s0, open);
    expect(JSON.stringify(s0.context.accounts)).toBe(before);
    expect(a.context.accounts).toEqual(b.context.accounts);
  });

  test('a rejected event returns the very same snapshot and no actions', () => {
    const [s1] = transitionPure(issuerMachine, initialSnapshot(issuerMachine, input), open);
    const [s2, actions] = transitionPure(issuerMachine, s1, open);
    expect(s2).toBe(s1);
    expect(actions).toHaveLength(0);
  });
});
