import { parseOptions } from '@reasonkit/core';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { checkCapabilities } from './define.js';
import type { PolicyDefinition, Selector, SelectorDefinition, SelectorDeps, ExitPolicy } from './types.js';

/** Registry metadata of a selector (no factory, no schema). */
export type SelectorInfo = Omit<SelectorDefinition, 'create' | 'config'>;

/** Selectors and policies by id. */
export interface SelectorRegistry {
  /** Adds a definition; a duplicate id is an error. */
  register(d: SelectorDefinition): void;
  /** Every registered selector's info. */
  list(): readonly SelectorInfo[];
  /** True when a selector `id` is registered. */
  has(id: string): boolean;
  /** The definition of selector `id` (throws a `ModeSelectError` when unknown). */
  get(id: string): SelectorDefinition;
  /** Validates the config (zod, field-named), checks capabilities, then builds the selector. */
  create(id: string, rawConfig: unknown, deps: SelectorDeps): Selector;
  /** The resolved (defaulted) config of a selector. */
  resolveConfig(id: string, rawConfig: unknown): Record<string, unknown>;
}

/** A registry over `defs` (default: none; pass `builtinSelectors`). */
export function createRegistry(defs: readonly SelectorDefinition[] = []): SelectorRegistry {
  const byId = new Map<string, SelectorDefinition>();
  const get = (id: string) => {
    const d = byId.get(id);
    if (!d) throw new ModeSelectError('registry', `unknown selector id "${id}"; registered: ${[...byId.keys()].join(', ')}`, { field: 'selector', actual: id });
    return d;
  };
  const registry: SelectorRegistry = {
    register(d) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(d.id)) throw new ModeSelectError('registry', `selector id "${d.id}" must be kebab-case`, { field: 'id' });
      if (byId.has(d.id)) throw new ModeSelectError('registry', `duplicate selector id "${d.id}"`, { field: 'id', actual: d.id });
      byId.set(d.id, d);
    },
    list: () => [...byId.values()].map(({ create: _c, config: _s, ...info }) => info),
    has: (id) => byId.has(id),
    get,
    resolveConfig(id, rawConfig) {
      return parseOptions(get(id).config, rawConfig ?? {}, `selector ${id} config`) as Record<string, unknown>;
    },
    create(id, rawConfig, deps) {
      const d = get(id);
      const config = parseOptions(d.config, rawConfig ?? {}, `selector ${id} config`);
      checkCapabilities(id, d.needs, deps);
      return d.create(config, deps);
    },
  };
  for (const d of defs) registry.register(d);
  return registry;
}

/** Builds an exit policy from its definition: config validated, capabilities checked first. */
export function createPolicy(d: PolicyDefinition, rawConfig: unknown, deps: SelectorDeps): ExitPolicy {
  const config = parseOptions(d.config, rawConfig ?? {}, `policy ${d.id} config`);
  checkCapabilities(d.id, d.needs, deps);
  return d.create(config, deps);
}
