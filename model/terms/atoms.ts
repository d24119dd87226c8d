/**
 * Atoms of the term algebra (term.ts; SET.md sections 1 and 3). Each function returns the
 * interned atom: `nonce('XID:p1') === nonce('XID:p1')`. Freshness is the caller's job: the world
 * that mints nonces and keys gives each a label it never used before (SET.md 8 names scenario
 * objects `p1`, `C1`, `att-<n>`; labels built from those stay readable in counterexamples).
 * Keys are in keys.ts.
 */
import { StringTable } from './intern.ts';
import type { Agent, Amount, Int, Nonce, Pan, SecretData, SymKey, Text } from './term.ts';

/** Names and labels print unquoted, so they keep to characters that cannot be read as syntax. */
const LABEL = /^[A-Za-z0-9_.:@+\-/]+$/;
/** Names print bare (an agent, a key's owner), so they start with a letter and have no ':' that a prefix could mimic. */
const NAME = /^[A-Za-z][A-Za-z0-9_.@+-]*$/;
const CURRENCY = /^[A-Z]{3}$/;

export function assertLabel(value: string, what: string): void {
  if (typeof value !== 'string') throw new TypeError(`${what}: expected a string, got ${typeof value}`);
  if (!LABEL.test(value)) throw new RangeError(`${what}: "${value}" must be non-empty and use only A-Z a-z 0-9 _ . : @ + - /`);
}

export function assertName(value: string, what: string): void {
  if (typeof value !== 'string') throw new TypeError(`${what}: expected a string, got ${typeof value}`);
  if (!NAME.test(value)) throw new RangeError(`${what}: "${value}" must start with a letter and use only A-Z a-z 0-9 _ . @ + -`);
}

function assertInteger(value: number, what: string, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`${what}: expected a safe integer, got ${String(value)}`);
  if (value < min) throw new RangeError(`${what}: expected at least ${min}, got ${value}`);
}

// Each table's builder validates; it runs only when the atom is new.
const agents = new StringTable<Agent>((id, name) => {
  assertName(name, 'agent name');
  return { id, kind: 'agent', name };
});
const nonces = new StringTable<Nonce>((id, label) => {
  assertLabel(label, 'nonce label');
  return { id, kind: 'nonce', label };
});
const secrets = new StringTable<SecretData>((id, label) => {
  assertLabel(label, 'secret data label');
  return { id, kind: 'data', label };
});
const pans = new StringTable<Pan>((id, label) => {
  assertLabel(label, 'PAN label');
  return { id, kind: 'pan', label };
});
const integers = new StringTable<Int, number>((id, _key, value) => ({ id, kind: 'int', value }));
const amounts = new StringTable<Amount, number>((id, key, minorUnits) => ({ id, kind: 'amount', currency: key.slice(0, 3), minorUnits }));
const texts = new StringTable<Text>((id, value) => ({ id, kind: 'text', value }));
const symKeys = new StringTable<SymKey>((id, label) => {
  assertLabel(label, 'symmetric key label');
  return { id, kind: 'symKey', label };
});

export function agent(name: string): Agent {
  return agents.intern(name);
}

export function nonce(label: string): Nonce {
  return nonces.intern(label);
}

export function secretData(label: string): SecretData {
  return secrets.intern(label);
}

export function pan(label: string): Pan {
  return pans.intern(label);
}

export function integer(value: number): Int {
  assertInteger(value, 'integer', Number.MIN_SAFE_INTEGER);
  return integers.intern(String(value), value);
}

/** SET.md 3: `{currency, amount}`, amount an integer of minor units (cents), never negative. */
export function amount(currency: string, minorUnits: number): Amount {
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) throw new RangeError(`currency: expected three capitals, got "${String(currency)}"`);
  assertInteger(minorUnits, 'amount', 0);
  return amounts.intern(`${currency}:${minorUnits}`, minorUnits);
}

/** Any text; printed quoted, so every string is allowed. */
export function text(value: string): Text {
  if (typeof value !== 'string') throw new TypeError(`text: expected a string, got ${typeof value}`);
  return texts.intern(value);
}

export function symKey(label: string): SymKey {
  return symKeys.intern(label);
}
