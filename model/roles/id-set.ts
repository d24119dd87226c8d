/**
 * Small immutable sets of term ids (consumed RRPIDs, certified keys, decided `(MerchantID, XID)`
 * pairs): sorted arrays, readonly by type and never changed, so equal sets are equal arrays and
 * print canonically.
 */
export type IdSet = readonly number[];

export const EMPTY_IDS: IdSet = [];

export function hasId(set: IdSet, id: number): boolean {
  let lo = 0;
  let hi = set.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = set[mid]!;
    if (at === id) return true;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function withId(set: IdSet, id: number): IdSet {
  if (hasId(set, id)) return set;
  return [...set, id].sort((a, b) => a - b);
}

/** Immutable record update: `{...record, [key]: value}`. */
export function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T): Readonly<Record<string, T>> {
  return { ...record, [key]: value };
}
