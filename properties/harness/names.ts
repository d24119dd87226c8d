/**
 * How the harness names things on the implementation so that they match the model's names
 * (docs/decisions.md D8, D21, D23): a cardholder's PAN and billing postcode, purchase currency.
 */
import type { MessageKind } from '../../model/index.ts';

/** `C7` -> `4000000000000007`: one 16-digit PAN per cardholder id (D23: the model's `pan:C`). */
export function panOf(cardholder: string): string {
  const digits = cardholder.replace(/\D/g, '') || '0';
  return `4${digits.padStart(15, '0')}`;
}

export const postcodeOf = (cardholder: string): string => `PC-${cardholder}`;

/** The attacker's sender name on the network (D23). */
export const SPY = 'Spy';

/** Registration messages a party the attacker plays still takes (D25). */
export const REGISTRATION_KINDS: readonly MessageKind[] = ['CardCInitReq', 'CardCInitRes', 'RegFormReq', 'RegFormRes', 'CertReq', 'CertRes', 'Me-AqCInitReq', 'Me-AqCInitRes'];
