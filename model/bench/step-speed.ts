/**
 * By hand: `npx tsx model/bench/step-speed.ts` — how many `step`s per second the model takes on
 * a typical honest scenario (after the usual set-up: two purchases, one signed, one unsigned,
 * every message delivered, fulfilment, one capture batch and its answer), and what `worldKey`
 * adds. Not a test: speed belongs in benchmarks, not in assertions.
 */
import { deliverAll, runScenario, setUpWorld, type Action } from '../scenario/index.ts';
import { step, worldKey, type World } from '../world/index.ts';

const order = { items: [{ description: 'book', quantity: 2, unitPrice: 2100 }] };
const { world: base } = setUpWorld({ cardholders: ['C1', 'C2'], merchants: ['M1', 'M2'] }, { registerCardholders: ['C1'] });

function scenario(): Action[] {
  let world: World = base;
  const actions: Action[] = [
    { type: 'startPurchase', purchase: 'p1', cardholder: 'C1', merchant: 'M1', order, form: 'signed' },
    { type: 'startPurchase', purchase: 'p2', cardholder: 'C2', merchant: 'M1', order, form: 'unsigned' },
  ];
  world = runScenario(world, actions).world;
  const delivered = deliverAll(world);
  actions.push(...delivered.actions, { type: 'fulfil', purchase: 'p1' }, { type: 'capture', merchant: 'M1', items: [{ purchase: 'p1', amount: 4200 }, { purchase: 'p2', amount: 4200 }] });
  world = runScenario(delivered.world, actions.slice(-2)).world;
  actions.push(...deliverAll(world).actions);
  return actions;
}

const actions = scenario();
function timeRuns(withKey: boolean, seconds: number): number {
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    let world = base;
    for (const action of actions) {
      world = step(world, action);
      if (withKey) worldKey(world);
      steps += 1;
    }
  }
  return steps / ((performance.now() - start) / 1000);
}

timeRuns(false, 1); // warm-up
const plain = timeRuns(false, 3);
const keyed = timeRuns(true, 3);
console.log(`scenario: ${actions.length} actions (set-up excluded)`);
console.log(`step:            ${Math.round(plain).toLocaleString('en')} steps/s`);
console.log(`step + worldKey: ${Math.round(keyed).toLocaleString('en')} steps/s`);
