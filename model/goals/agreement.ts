/**
 * The agreement goals of SET.md 12, injective (Lowe): each commit of the committing party
 * matches exactly one run of its peer with the same agreed values, distinct commits distinct
 * runs. Claimed only when both parties are honest (and the infrastructure), and those naming the
 * cardholder only for the signed form. The values each goal compares are the tuple the roles
 * log (model/roles: `running` and `commit` events, exactly SET.md 12's table).
 */
import { formatTerm } from '../terms/index.ts';
import type { AgreementGoalName } from '../vocabulary/goal-names.ts';
import type { World } from '../world/world.ts';
import { brokenInfrastructure, isHonest, partyNamed } from './honesty.ts';
import { HOLDS, notClaimed, violated, type Goal, type GoalVerdict } from './verdict.ts';

const NAMES_CARDHOLDER: ReadonlySet<AgreementGoalName> = new Set([
  'merchant-agrees-with-cardholder', 'gateway-agrees-with-cardholder', 'cardholder-agrees-with-merchant',
]);

export function checkAgreement(world: World, goal: AgreementGoalName): GoalVerdict {
  const broken = brokenInfrastructure(world);
  if (broken !== undefined) return notClaimed(`${broken} is compromised`);
  const runs = new Map<string, number>();
  for (const event of world.log) {
    if (event.type === 'running' && event.goal === goal) {
      const key = `${event.by}|${event.values.id}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
    }
  }
  const used = new Map<string, number>();
  for (const event of world.log) {
    if (event.type !== 'commit' || event.goal !== goal) continue;
    if (NAMES_CARDHOLDER.has(goal) && event.form !== 'signed') continue;
    if (!isHonest(world, event.by)) continue;
    const peer = partyNamed(world, event.peer);
    if (peer === undefined || !isHonest(world, peer)) continue;
    const key = `${peer}|${event.values.id}`;
    const count = (used.get(key) ?? 0) + 1;
    used.set(key, count);
    if (count > (runs.get(key) ?? 0)) {
      const ran = runs.get(key) ?? 0;
      return violated(
        `${event.by} committed (${count === 1 ? 'once' : `${count} times`}) to ${formatTerm(event.values, { depth: 3 })} ` +
          `but ${peer} ran the protocol with these values ${ran === 0 ? 'never' : `only ${ran} time${ran === 1 ? '' : 's'}`}`,
      );
    }
  }
  return HOLDS;
}

const STATEMENTS: Readonly<Record<AgreementGoalName, string>> = {
  'merchant-agrees-with-cardholder': 'M accepts a PReq only if C sent it, with the same C, M, TransID, PurchAmt, HOD, H(PIData), H(OIData), once',
  'gateway-agrees-with-cardholder': 'P accepts an AuthReq only if C sent the PReq, with the same C, M, TransID, PurchAmt, HOD, H(OIData), once',
  'gateway-agrees-with-merchant': 'P accepts an AuthReq only if M sent it, with the same M, TransID, AuthReqAmt, HOD, H(OIData), once',
  'merchant-agrees-with-gateway': 'M accepts an AuthRes only if P sent it, with the same M, P, TransID, AuthAmt, AuthCode or decline, once',
  'cardholder-agrees-with-merchant': 'C accepts its first authorised PRes only if M sent it, with the same C, M, TransID, HOD, PurchAmt, H(PIData), once',
};

export function agreementGoal(name: AgreementGoalName): Goal {
  return { name, description: STATEMENTS[name], check: (world) => checkAgreement(world, name) };
}
