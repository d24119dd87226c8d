/** The fields of a decoded message (parse.ts), by qualified name; the values a template is built from (build.ts). */
import type { Term } from '../terms/index.ts';

/** The fields of a decoded message, by qualified name; scopes are bound by their names too. */
export class Fields {
  constructor(private readonly bound: ReadonlyMap<string, Term>, private readonly counts: ReadonlyMap<string, number>) {}

  get(name: string): Term {
    const value = this.bound.get(name);
    if (value === undefined) throw new Error(`decoded message has no field ${name}`);
    return value;
  }

  find(name: string): Term | undefined {
    return this.bound.get(name);
  }

  has(name: string): boolean {
    return this.bound.has(name);
  }

  /** How many items a list had. */
  count(list: string): number {
    return this.counts.get(list) ?? 0;
  }

  lists(): IterableIterator<string> {
    return this.counts.keys();
  }

  entries(): IterableIterator<[string, Term]> {
    return this.bound.entries();
  }
}

/** Values by name: a plain record, or the fields of a decoded message. */
export type ValueSource = Readonly<Record<string, Term | undefined>> | Fields;
