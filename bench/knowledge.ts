/**
 * npm run bench:knowledge — what the explorer pays per step for the attacker's knowledge:
 * adding a message to a shared knowledge while keeping the old one, bulk adds, a late key that
 * opens parked ciphertexts, and interning hits. Ratios are of figures measured in this run.
 */
import { pan } from '../model/terms/index.ts';
import { Knowledge } from '../model/knowledge/knowledge.ts';
import { authReq, gatewayKeyExchange } from '../model/knowledge/fixtures.test-helpers.ts';

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const messages = Array.from({ length: 1000 }, (_, i) => authReq(i));
let oneByOne = Knowledge.EMPTY;
const addMs = time(() => {
  for (const m of messages) oneByOne = oneByOne.add(m);
});
const openMs = time(() => (oneByOne = oneByOne.add(gatewayKeyExchange.priv)));
if (!oneByOne.canDerive(pan('C1'))) throw new Error('the late key did not open the parked PIs');
const bulkMs = time(() => Knowledge.of(messages));

const base = Knowledge.of(messages);
const steps = Array.from({ length: 20_000 }, (_, i) => authReq(10_000 + i));
const stepMs = time(() => {
  for (const m of steps) base.add(m);
});
const internMs = time(() => {
  for (let i = 0; i < 1000; i++) authReq(i);
});

console.log(`add 1,000 AuthReqs one by one   ${addMs.toFixed(1)} ms`);
console.log(`add the same 1,000 in one go    ${bulkMs.toFixed(1)} ms  (${(addMs / bulkMs).toFixed(1)}x faster than one by one)`);
console.log(`late key opens 2,000 ciphertexts ${openMs.toFixed(1)} ms`);
console.log(`explorer-style add, old kept     ${((stepMs / steps.length) * 1000).toFixed(2)} µs per step = ${Math.round(steps.length / (stepMs / 1000)).toLocaleString('en')} steps/s`);
console.log(`rebuild 1,000 interned AuthReqs  ${internMs.toFixed(1)} ms`);
