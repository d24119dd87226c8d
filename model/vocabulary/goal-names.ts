/** The security goals of SET.md 12, one name each, exactly as SET.md prints them. */
export const AGREEMENT_GOALS = [
  'merchant-agrees-with-cardholder',
  'gateway-agrees-with-cardholder',
  'gateway-agrees-with-merchant',
  'merchant-agrees-with-gateway',
  'cardholder-agrees-with-merchant',
] as const;
export type AgreementGoalName = (typeof AGREEMENT_GOALS)[number];

export const GOAL_NAMES = [
  ...AGREEMENT_GOALS,
  'no-redirection',
  'pan-secrecy',
  'order-privacy',
  'integrity',
  'certificate-binding',
  'money',
] as const;
export type GoalName = (typeof GOAL_NAMES)[number];
