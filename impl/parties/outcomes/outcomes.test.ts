/**
 * Every outcome of SET.md section 8, and every `mismatch:<field>`, provoked at least once on
 * the implementation, each rejection checked to change no view, send nothing and log nothing.
 */
import { describe, expect, test } from 'vitest';
import { BAD_CERTIFICATE_REASONS } from '../../pki/failures.ts';
import { MISMATCH_FIELDS } from '../../protocol/outcomes.ts';
import { expectRejected } from '../../deployment/fixture.test-helpers.ts';
import { CARDHOLDER_CASES } from './cardholder-cases.test-helpers.ts';
import { MERCHANT_CASES } from './merchant-cases.test-helpers.ts';
import { GATEWAY_CASES } from './gateway-cases.test-helpers.ts';
import type { OutcomeCase } from './case.test-helpers.ts';

const GROUPS: Record<string, OutcomeCase[]> = { cardholder: CARDHOLDER_CASES, merchant: MERCHANT_CASES, gateway: GATEWAY_CASES };

for (const [receiver, cases] of Object.entries(GROUPS)) {
  describe(`at the ${receiver}`, () => {
    test.each(cases.map((c) => [c.outcome, c.title, c] as const))('%s: %s', async (_outcome, _title, c) => {
      const { w, message, from } = await c.arrange();
      await expectRejected(w, message, from, c.outcome);
    });
  });
}

/** not-yet-valid and not-a-ca need CAs that break the hierarchy's own rules: impl/pki/validate.test.ts shows them. */
const PARTY_LEVEL_CERTIFICATE_REASONS = BAD_CERTIFICATE_REASONS.filter((r) => r !== 'not-yet-valid' && r !== 'not-a-ca');

test('the cases cover every outcome and mismatch field of SET.md section 8', () => {
  const covered = new Set(Object.values(GROUPS).flatMap((cases) => cases.map((c) => c.outcome)));
  const required = ['malformed', 'replay', 'unexpected', 'bad-signature', ...MISMATCH_FIELDS.map((f) => `mismatch:${f}`), ...PARTY_LEVEL_CERTIFICATE_REASONS.map((r) => `bad-certificate:${r}`)];
  expect(required.filter((o) => !covered.has(o))).toEqual([]);
});
