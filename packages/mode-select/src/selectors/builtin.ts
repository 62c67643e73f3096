import { zeroStep } from './define.js';
import { deerPolicy } from './deer.js';
import { dynasorPolicy } from './dynasor.js';
import { entropyPolicy } from './entropy.js';
import { flashthinkPolicy } from './flashthink.js';
import { likelihoodSelector } from './likelihood.js';
import { probeconfPolicy } from './probeconf.js';
import { promptconfPolicy } from './promptconf.js';
import { alwaysNoThinkSelector, alwaysThinkSelector, oracleSelector, randomSelector } from './reference.js';
import { switchcotSelector } from './switchcot.js';
import { thinkswitcherSelector } from './thinkswitcher.js';
import type { PolicyDefinition, SelectorDefinition } from './types.js';

/** The exit policies written once and used both online (early exit) and at step zero. */
export const builtinPolicies: readonly PolicyDefinition[] = [flashthinkPolicy, promptconfPolicy, dynasorPolicy, deerPolicy, probeconfPolicy, entropyPolicy] as PolicyDefinition[];

/** The nine baselines (five confirmed, four our choice) and four reference selectors (spec §4.0). */
export const builtinSelectors: readonly SelectorDefinition[] = [
  ...builtinPolicies.map((p) => zeroStep(p)),
  likelihoodSelector,
  thinkswitcherSelector,
  switchcotSelector,
  oracleSelector,
  randomSelector,
  alwaysThinkSelector,
  alwaysNoThinkSelector,
] as SelectorDefinition[];
