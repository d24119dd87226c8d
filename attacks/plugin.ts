/**
 * The public API for users' own protocol changes and attack strategies (issue 7, item 4).
 *
 * A plug-in is a TypeScript (or JavaScript) module whose default export is `definePlugin({...})`.
 * `set-verify verify --plugin FILE` (and `check`, `replay`) load it; its protocol changes then
 * run like the variants of SET.md 10 (explorer, catalogue, random scenarios, on both sides) and
 * its strategies join the catalogue. A protocol change is given twice, once per side, because
 * the two sides are independent readings of SET.md (shared/ARCHITECTURE.md):
 *
 * - `model`: checks the model's roles skip (`CheckId`, model/variants/switches.ts) and message
 *   shape flags (`MessageShape`);
 * - `impl`: the implementation's rule switches (`ProtocolRules`, impl/protocol/rules.ts), wire
 *   profile changes and content hooks (impl/protocol/hooks.ts).
 *
 * If the two readings do not describe the same change, the conformance row of the matrix says so.
 * `expectBroken` is what you claim the change breaks; verify fails on any other verdict, so a
 * change you believe harmless is declared with `expectBroken: []`. See examples/ and
 * docs/plugins.md.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { CORRECT_RULES, type ProtocolRules } from '../impl/protocol/rules.ts';
import type { ContentHooks } from '../impl/protocol/hooks.ts';
import { VARIANT_NAMES as IMPL_VARIANT_NAMES } from '../impl/protocol/variants.ts';
import type { WireProfile } from '../impl/wire/profile.ts';
import { CHECK_IDS, GOAL_NAMES, type CheckId, type GoalName, type MessageShape, type Variant as ModelVariant } from '../model/index.ts';
import type { ExploreSettings } from '../model/explore/settings.ts';
import { registerImplVariant } from '../properties/harness/plugin-variants.ts';
import type { AttackStrategy } from './strategy.ts';

export type { AttackStrategy } from './strategy.ts';
export type { CheckId, GoalName, MessageShape } from '../model/index.ts';
export type { ProtocolRules } from '../impl/protocol/rules.ts';
export type { ContentHooks } from '../impl/protocol/hooks.ts';
export { DELIVER_ALL, until } from '../properties/conformance/scenario-builder.ts';

/** One protocol change, on both sides. */
export interface ProtocolChange {
  /** Lower-case, dash-separated, not a built-in variant's name. */
  readonly name: string;
  /** One line: what changes. */
  readonly description: string;
  /** The attack you expect it to open, for the report (optional). */
  readonly attack?: string;
  /** The goals you claim it breaks; every other goal is expected to hold. */
  readonly expectBroken: readonly GoalName[];
  /** The change on the model. */
  readonly model: { readonly skips?: readonly CheckId[]; readonly shape?: Partial<MessageShape> };
  /** The same change on the implementation. */
  readonly impl: { readonly rules?: Partial<ProtocolRules>; readonly wire?: WireProfile['rules']; readonly hooks?: ContentHooks };
  /** The explorer's world and bounds for this change (default: the default exploration). */
  readonly explore?: Partial<Omit<ExploreSettings, 'variants'>>;
}

export interface SetVerifyPlugin {
  readonly name: string;
  readonly variants?: readonly ProtocolChange[];
  readonly strategies?: readonly AttackStrategy[];
}

/** A plug-in that does not fit the API: the message names the file and the field. */
export class PluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginError';
  }
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function problems(plugin: SetVerifyPlugin): string[] {
  const out: string[] = [];
  if (typeof plugin?.name !== 'string' || !plugin.name) return ['the default export has no name: export default definePlugin({ name, variants, strategies })'];
  const seen = new Set<string>();
  for (const [i, v] of (plugin.variants ?? []).entries()) {
    const at = `variants[${i}]${typeof v?.name === 'string' ? ` (${v.name})` : ''}`;
    if (typeof v?.name !== 'string' || !NAME.test(v.name)) out.push(`${at}.name: lower-case words joined by dashes`);
    else if (v.name === 'SET' || IMPL_VARIANT_NAMES.includes(v.name)) out.push(`${at}.name: a built-in variant has this name`);
    else if (seen.has(v.name)) out.push(`${at}.name: given twice`);
    seen.add(v.name);
    if (typeof v.description !== 'string' || !v.description) out.push(`${at}.description: missing`);
    for (const goal of v.expectBroken ?? [null]) if (!GOAL_NAMES.includes(goal as GoalName)) out.push(`${at}.expectBroken: "${String(goal)}" is not a goal; known: ${GOAL_NAMES.join(', ')}`);
    for (const id of v.model?.skips ?? []) if (!CHECK_IDS.includes(id)) out.push(`${at}.model.skips: "${id}" is not a CheckId (model/variants/switches.ts)`);
    for (const rule of Object.keys(v.impl?.rules ?? {})) if (!(rule in CORRECT_RULES)) out.push(`${at}.impl.rules: "${rule}" is not a rule; known: ${Object.keys(CORRECT_RULES).join(', ')}`);
    const changes = (v.model?.skips?.length ?? 0) + Object.keys(v.model?.shape ?? {}).length;
    const implChanges = Object.keys(v.impl?.rules ?? {}).length + Object.keys(v.impl?.wire ?? {}).length + Object.keys(v.impl?.hooks ?? {}).length;
    if (changes === 0 || implChanges === 0) out.push(`${at}: change both sides (model: skips or shape; impl: rules, wire or hooks)`);
  }
  for (const [i, s] of (plugin.strategies ?? []).entries()) {
    const at = `strategies[${i}]${typeof s?.name === 'string' ? ` (${s.name})` : ''}`;
    if (typeof s?.name !== 'string' || !NAME.test(s.name)) out.push(`${at}.name: lower-case words joined by dashes`);
    if (!Array.isArray(s?.script) || s.script.length === 0) out.push(`${at}.script: a non-empty list of actions`);
    for (const goal of s?.targets ?? []) if (!GOAL_NAMES.includes(goal)) out.push(`${at}.targets: "${goal}" is not a goal`);
  }
  return out;
}

/** Checks a plug-in and returns it; the default export of a plug-in file. */
export function definePlugin(plugin: SetVerifyPlugin): SetVerifyPlugin {
  const found = problems(plugin);
  if (found.length) throw new PluginError(`plug-in ${plugin?.name ?? '(unnamed)'}:\n  ${found.join('\n  ')}`);
  return plugin;
}

const loaded = new Map<string, { readonly change: ProtocolChange; readonly model: ModelVariant }>();
const strategies: AttackStrategy[] = [];

/** The model's object for a change: what a world's config carries (model/variants/profile.ts). */
function modelVariantOf(change: ProtocolChange): ModelVariant {
  return Object.freeze({
    name: change.name,
    description: change.description,
    attack: change.attack ?? '',
    mustBreak: [...change.expectBroken],
    needsDishonestParty: [],
    ...(change.model.skips ? { skips: [...change.model.skips] } : {}),
    ...(change.model.shape ? { shape: { ...change.model.shape } } : {}),
  });
}

/** Makes a plug-in's changes and strategies available to every command of this process. */
export function usePlugin(plugin: SetVerifyPlugin): void {
  definePlugin(plugin);
  for (const change of plugin.variants ?? []) {
    loaded.set(change.name, { change, model: modelVariantOf(change) });
    registerImplVariant({ name: change.name, description: change.description, rules: change.impl.rules ?? {}, ...(change.impl.wire ? { wire: change.impl.wire } : {}), ...(change.impl.hooks ? { hooks: change.impl.hooks } : {}) });
  }
  for (const s of plugin.strategies ?? []) if (!strategies.some((known) => known.name === s.name)) strategies.push(s);
}

/** Imports a plug-in file (its default export) and uses it. */
export async function loadPlugin(file: string): Promise<SetVerifyPlugin> {
  let module: { default?: SetVerifyPlugin };
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as { default?: SetVerifyPlugin };
  } catch (error) {
    throw new PluginError(`cannot load plug-in ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!module.default) throw new PluginError(`plug-in ${file} has no default export: end it with export default definePlugin({ ... })`);
  try {
    usePlugin(module.default);
  } catch (error) {
    throw new PluginError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return module.default;
}

/** Names of the protocol changes loaded so far. */
export function pluginVariantNames(): readonly string[] {
  return [...loaded.keys()];
}

export function pluginChange(name: string): ProtocolChange | undefined {
  return loaded.get(name)?.change;
}

/** What a world's config lists for this protocol: nothing for SET, a name, or a plug-in's model object. */
export function variantSpecsOf(protocol: string): (string | ModelVariant)[] {
  if (protocol === 'SET') return [];
  const plugin = loaded.get(protocol);
  return plugin ? [plugin.model] : [protocol];
}

/** The strategies of the loaded plug-ins. */
export function pluginStrategies(): readonly AttackStrategy[] {
  return strategies;
}
