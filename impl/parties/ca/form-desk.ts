/**
 * A CA's registration forms (SET.md 3 and 4): each form it hands out has a fresh Chall_CA,
 * its own RegFormID and LID_CA, and may be used by one CertReq. A CertReq naming a form the
 * CA never handed out is `unexpected`; one naming a used form is `replay` (SET.md 4.1 step 5).
 */
import type { CheckLog, Rejection } from '../../protocol/check-log.ts';
import { err, ok, type Result } from '../../result.ts';
import { hex } from '../values.ts';

export interface RegistrationForm {
  readonly regFormID: number;
  readonly lidCA: Uint8Array;
  readonly challCA: Uint8Array;
  used: boolean;
}

/** The labels of the fields a requester fills in (RegFormValues). */
export const REG_FORM = ['name', 'billingPostcode'];

export class FormDesk {
  #forms = new Map<string, RegistrationForm>();
  #next = 1;

  constructor(private readonly caName: string) {}

  /** A new form; nothing is recorded until `keep` (the delivery that hands it out may still be rejected). */
  draft(challCA: Uint8Array): RegistrationForm {
    const regFormID = this.#next;
    return { regFormID, lidCA: new TextEncoder().encode(`${this.caName}-${regFormID}`), challCA, used: false };
  }

  keep(form: RegistrationForm): void {
    this.#forms.set(hex(form.challCA), form);
    this.#next = Math.max(this.#next, form.regFormID + 1);
  }

  /** The form named by Chall_CA and RegFormID, unused. */
  find(log: CheckLog, challCA: Uint8Array, regFormID: number): Result<RegistrationForm, Rejection> {
    const form = this.#forms.get(hex(challCA));
    if (form?.used && form.regFormID === regFormID) return err(log.fail('Chall_CA and RegFormID are unused', 'replay', 'the form was already used'));
    if (!form || form.regFormID !== regFormID) return err(log.fail('Chall_CA and RegFormID are ours', 'unexpected'));
    log.pass('Chall_CA and RegFormID are ours and unused');
    return ok(form);
  }
}
