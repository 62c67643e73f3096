import { extractPlan } from '../bench/extract-plan.js';
import { PLAN_END, renderPrompt } from '../bench/verbalizer.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { addUsage } from './presets-common.js';
import { newUsage } from './search-core.js';

/** Options of the LLM-as-planner strategy. */
export interface LlmAsPlannerOptions {
  /** Extraction mode for the reply. Default `nl` (PlanBench t1). */
  extract?: 'nl' | 'pddl';
  maxNewTokens?: number;
  temperature?: number;
}

/** Baseline: one-shot PlanBench prompt → extract → validate. */
export function llmAsPlanner(options: LlmAsPlannerOptions = {}): PlanningStrategy {
  return async (inst: PlanningInstance, lm: PlanningLM, o = {}): Promise<StrategyResult> => {
    const usage = newUsage();
    const prompt = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
    const r = await lm.generate({ prompts: [prompt], stop: [PLAN_END], maxNewTokens: options.maxNewTokens ?? 256, temperature: options.temperature ?? 0, signal: o.signal });
    addUsage(usage, r);
    const raw = r.texts[0]![0]!;
    const ex = extractPlan(raw, { mode: options.extract ?? 'nl', verbalizer: inst.verbalizer });
    const report = validatePlan(inst.domain, inst.problem, ex.plan.join('\n'));
    return { plan: ex.plan, raw: [raw], report, usage, fallbacks: [], skippedLines: ex.skippedLines, trace: { prompt } };
  };
}
