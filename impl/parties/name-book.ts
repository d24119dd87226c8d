/**
 * Prints protocol objects by the scenario's names (SET.md section 8, naming): a key by its
 * owner and usage (`key:M2:signature`), a cardholder certificate's subject (the hex of its
 * UniqueCardholderID) by the cardholder (`C1`). Filled by whoever hands out keys and by the
 * CCA when it certifies; unknown objects print as a short hex prefix.
 */
import { toHex } from '../pki/der-fields.ts';

export class NameBook {
  #keys = new Map<string, string>();
  #subjects = new Map<string, string>();

  nameKey(spki: Uint8Array, name: string): void {
    this.#keys.set(toHex(spki), name);
  }

  keyName(spki: Uint8Array): string {
    const hex = toHex(spki);
    return this.#keys.get(hex) ?? `key:unknown-${hex.slice(-12)}`;
  }

  nameSubject(commonName: string, party: string): void {
    this.#subjects.set(commonName, party);
  }

  /** The party a certificate subject CN belongs to: a cardholder id for a UniqueCardholderID, else the CN. */
  subjectName(commonName: string): string {
    return this.#subjects.get(commonName) ?? commonName;
  }
}
