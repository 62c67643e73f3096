// Cross-package: an LLM proposes a Blocksworld plan, planning-taxonomy's PDDL validator (VAL
// semantics) checks it and its feedback (failing step, unmet preconditions) goes back into the
// next prompt, until the plan is valid or the rounds run out (backprompting, Valmeekam et al.).
//
// The LLM is any core `TextModel`. Offline, the example uses a scripted stand-in planner (core's
// `createScriptedTextModel`) that gets the first plan wrong (it forgets one step) and repairs it
// once it reads the validator's feedback; pass `--base-url http://127.0.0.1:8080/v1 --model m`
// to ask a real OpenAI-compatible server (e.g. `reasonkit serve`) instead.
// Run: npm start -w @reasonkit/example-plan-validator
import { pathToFileURL } from 'node:url';
import { createOpenAICompatible, type TextModel } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { BLOCKSWORLD_DOMAIN, generateBlocksworldInstance } from '@reasonkit/planning-taxonomy/bench';
import { createRng } from '@reasonkit/planning-taxonomy';
import { ground, parseDomain, parseProblem } from '@reasonkit/planning-taxonomy/pddl';
import { plan } from '@reasonkit/planning-taxonomy/search';
import { renderFeedback, validatePlan, type ValidationReport } from '@reasonkit/planning-taxonomy/validate';

export interface PlanRound {
  round: number;
  proposal: string;
  report: ValidationReport;
}

function promptFor(problemPddl: string, history: readonly PlanRound[]): string {
  const parts = [
    `Here is a PDDL domain:\n${BLOCKSWORLD_DOMAIN}`,
    `and a problem:\n${problemPddl}`,
    'Write a plan, one action per line, as (action arg1 arg2).',
  ];
  for (const h of history) parts.push(`Your plan:\n${h.proposal}\nFeedback from the validator:\n${renderFeedback(h.report)}\nWrite a corrected plan.`);
  return parts.join('\n\n');
}

/**
 * The offline stand-in: a "planner" that drops one step of a correct plan on its first try and
 * answers with the correct plan once its prompt carries validator feedback. Scripted, not a model.
 */
export function scriptedPlanner(correctPlan: readonly string[], dropStep = 1): TextModel {
  return createScriptedTextModel({
    id: 'scripted-planner',
    replies: (request) => {
      const prompt = request.prompt ?? request.messages?.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n') ?? '';
      return prompt.includes('Feedback from the validator') ? correctPlan.join('\n') : correctPlan.filter((_, i) => i !== dropStep).join('\n');
    },
  });
}

export async function run(options: { blocks?: number; seed?: number; maxRounds?: number; model?: TextModel; log?: (line: string) => void; signal?: AbortSignal } = {}) {
  const log = options.log ?? console.log;
  const instance = generateBlocksworldInstance(options.blocks ?? 4, createRng(options.seed ?? 11));
  const domain = parseDomain(BLOCKSWORLD_DOMAIN, { file: 'blocksworld.pddl' });
  const problem = parseProblem(instance.pddl, domain, { file: `${instance.id}.pddl` });
  let model = options.model;
  if (!model) {
    // the stand-in needs a correct plan to start from: A* gives one
    const solved = plan(ground(domain, problem), { planner: 'astar', heuristic: 'hmax', timeoutMs: 10_000 });
    if (solved.status !== 'solved') throw new Error(`A* did not solve ${instance.id}: ${solved.status}`);
    model = scriptedPlanner(solved.planText, Math.min(1, solved.planText.length - 1));
  }
  const rounds: PlanRound[] = [];
  for (let round = 1; round <= (options.maxRounds ?? 4); round++) {
    const reply = await model.generate({ prompt: promptFor(instance.pddl, rounds), maxTokens: 256, temperature: 0, ...(options.signal ? { signal: options.signal } : {}) });
    const proposal = reply.text.trim();
    const report = validatePlan(domain, problem, proposal);
    rounds.push({ round, proposal, report });
    log(`Round ${round}: ${proposal.split('\n').length} actions → ${renderFeedback(report).replace(/\n/g, ' ')}`);
    if (report.valid) break;
  }
  return { instance: instance.id, rounds, valid: rounds.at(-1)!.report.valid };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const baseURL = arg('base-url');
  const model = baseURL ? createOpenAICompatible({ baseURL, model: arg('model') ?? 'default' }) : undefined;
  const r = await run(model ? { model } : {});
  console.log(r.valid ? `Valid plan after ${r.rounds.length} round(s).` : `No valid plan in ${r.rounds.length} rounds.`);
}
