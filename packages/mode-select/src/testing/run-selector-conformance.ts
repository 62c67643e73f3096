import { CapabilityError } from '../errors/mode-select-error.js';
import { createRegistry } from '../selectors/registry.js';
import type { SelectionInput, SelectorDefinition, SelectorDeps } from '../selectors/types.js';

export interface ConformanceReport {
  id: string;
  checks: string[];
}

/**
 * Checks a selector definition against the contract of spec §11.8 and throws on the first
 * violation: the config schema defaults every field and round-trips through JSON; missing
 * capabilities throw `CapabilityError` before any model call; `pNoThink` is finite in [0, 1];
 * the cost is set; scoring twice gives the same result (seeded determinism); an aborted signal
 * rejects (selectors that call a model).
 */
export async function runSelectorConformance(def: SelectorDefinition, deps: SelectorDeps, inputs: readonly SelectionInput[]): Promise<ConformanceReport> {
  const checks: string[] = [];
  const fail = (what: string): never => {
    throw new Error(`selector ${def.id}: ${what}`);
  };
  const registry = createRegistry([def]);
  const config = registry.resolveConfig(def.id, {});
  const again = registry.resolveConfig(def.id, JSON.parse(JSON.stringify(config)));
  if (JSON.stringify(again) !== JSON.stringify(config)) fail('config does not round-trip through JSON');
  checks.push('config defaults + JSON round trip');
  if (def.needs.length > 0) {
    let threw: unknown;
    try {
      registry.create(def.id, {}, {});
    } catch (e) {
      threw = e;
    }
    if (!(threw instanceof CapabilityError)) fail(`creating without dependencies must throw CapabilityError (got ${String(threw)})`);
    checks.push('capability check first');
  }
  const selector = registry.create(def.id, {}, deps);
  if (selector.id !== def.id) fail(`selector id ${selector.id} differs from definition id`);
  for (const input of inputs) {
    const a = await selector.score(input);
    if (!Number.isFinite(a.pNoThink) || a.pNoThink < 0 || a.pNoThink > 1) fail(`pNoThink ${a.pNoThink} is not in [0, 1]`);
    for (const k of ['prefillTokens', 'decodeTokens', 'externalCalls', 'ms'] as const) if (!Number.isFinite(a.cost[k]) || a.cost[k] < 0) fail(`cost.${k} is not set`);
    const b = await selector.score(input);
    if (a.pNoThink !== b.pNoThink || JSON.stringify(a.signals) !== JSON.stringify(b.signals)) fail(`scores differ between two runs (${a.pNoThink} vs ${b.pNoThink})`);
  }
  checks.push('pNoThink in [0, 1], cost set, deterministic');
  if (def.needs.some((n) => n !== 'labels')) {
    const controller = new AbortController();
    controller.abort();
    let rejected = false;
    try {
      await selector.score(inputs[0]!, { signal: controller.signal });
    } catch {
      rejected = true;
    }
    if (!rejected) fail('an aborted signal must reject');
    checks.push('abort');
  }
  return { id: def.id, checks };
}
