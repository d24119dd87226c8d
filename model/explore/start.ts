/**
 * The world an exploration starts from (issue 5 item 7): the usual set-up of
 * model/scenario/setup.ts (accounts opened, every merchant and the registered cardholders
 * certified, SET.md 4), so traces hold only what happens after it. The set-up is described by a
 * plain `StartConfig`, so a trace can be replayed from it elsewhere (properties/, reports/).
 */
import { setUpWorld } from '../scenario/setup.ts';
import type { VariantSpec } from '../variants/index.ts';
import type { World, WorldConfig } from '../world/index.ts';
import type { ExploreSettings } from './settings.ts';

/** The set-up of an exploration: the world's configuration and which cardholders register. */
export interface StartConfig {
  readonly world: WorldConfig;
  readonly registerCardholders: readonly string[];
}

export function startConfigOf(settings: ExploreSettings): StartConfig {
  return {
    world: {
      cardholders: settings.cardholders, merchants: settings.merchants, gateways: settings.gateways, dishonest: settings.dishonest,
      variants: settings.variants as VariantSpec[],
    },
    registerCardholders: settings.registered,
  };
}

const started = new Map<string, World>();

function cacheKey(config: StartConfig): string | undefined {
  const variants = config.world.variants ?? [];
  if (variants.some((v) => typeof v !== 'string')) return undefined;
  return JSON.stringify(config);
}

/** The set-up world (cached per configuration of named variants; worlds are immutable). */
export function startWorld(config: StartConfig): World {
  const key = cacheKey(config);
  const cached = key === undefined ? undefined : started.get(key);
  if (cached !== undefined) return cached;
  const { world } = setUpWorld(config.world, { registerCardholders: config.registerCardholders });
  if (key !== undefined) started.set(key, world);
  return world;
}
