/**
 * Content hooks: where a protocol change alters what a party puts in a message, beyond the
 * switches of rules.ts. Each hook receives the value the correct protocol would send and
 * returns the value to send; hooks of several variants run in the order the variants are
 * given. The values are the codec's (impl/wire), so whatever a hook returns is still encoded
 * strictly and must still fit the wire profile.
 */
import type { AuthReqData, AuthResData } from '../wire/authorisation.ts';
import type { OIData, PIHead } from '../wire/purchase.ts';

export interface ContentHooks {
  /** C, building OIData of a PReq (SET.md 5.3). */
  readonly oiData?: (value: OIData, context: { readonly pan: string }) => OIData;
  /** C, building PIHead of a PReq (SET.md 5.3). */
  readonly piHead?: (value: PIHead) => PIHead;
  /** M, building AuthReqData (SET.md 5.4); `order` is the agreed OD. */
  readonly authReqData?: (value: AuthReqData, context: { readonly od: AuthReqData['od'] & object }) => AuthReqData;
  /** P, building AuthResData (SET.md 5.6). */
  readonly authResData?: (value: AuthResData) => AuthResData;
}

type HookName = keyof ContentHooks;

/** Runs every hook of `name` in order. */
export function composeHooks(hooks: readonly ContentHooks[]): Required<ContentHooks> {
  const chain = <K extends HookName>(name: K) =>
    ((value: unknown, context: unknown) =>
      hooks.reduce((current, h) => {
        const hook = h[name] as ((v: unknown, c: unknown) => unknown) | undefined;
        return hook ? hook(current, context) : current;
      }, value)) as Required<ContentHooks>[K];
  return { oiData: chain('oiData'), piHead: chain('piHead'), authReqData: chain('authReqData'), authResData: chain('authResData') };
}
