// LLM+P never reports `{ valid: false, status: 'valid' }` (issue 10 item 16): when every
// translation fails there is no plan, whatever the gold problem's initial state.
import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { blocksworldProblemText } from '../bench/blocksworld-generator.js';
import { parseDomain, parseProblem } from '../pddl/index.js';
import { createScriptedLM } from '../testing/index.js';
import { llmPlusP } from './llm-plus-p.js';

const domain = parseDomain(BLOCKSWORLD_DOMAIN);
// The goal (b on a) already holds initially: the empty plan is valid for this gold problem.
const trivial = parseProblem(blocksworldProblemText('t', ['a', 'b'], [['a', 'b']], [['b', 'a']]), domain);
const sussman = parseProblem(blocksworldProblemText('s', ['a', 'b', 'c'], [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']]), domain);

describe('llmPlusP when every translation fails', () => {
  const garbage = () => createScriptedLM({ replies: () => 'I cannot write PDDL.' });

  it('is not valid and not status "valid" even when the gold goal holds initially', async () => {
    const r = await llmPlusP({ repairRounds: 1 })({ id: 't', domain, nl: 'b on a', goldProblem: trivial }, garbage());
    expect(r.plan).toEqual([]);
    expect(r.translationFailures).toHaveLength(2);
    expect(r.report).toMatchObject({ valid: false, status: 'parse-error', planLength: 0, goalSatisfied: 1 });
    expect(r.report.message).toMatch(/^no plan: every translation failed \(2 round\(s\)\); last: parse-error: /);
  });

  it('names the unmet gold goals and the failure without a plan', async () => {
    const r = await llmPlusP()({ id: 's', domain, nl: 'sussman', goldProblem: sussman }, garbage());
    expect(r.report).toMatchObject({ valid: false, status: 'parse-error', goalSatisfied: 0 });
    expect(r.report.unmetGoals).toHaveLength(2);
    const noGold = await llmPlusP()({ id: 's', domain, nl: 'sussman' }, garbage());
    expect(noGold.report).toMatchObject({ valid: false, status: 'parse-error' });
  });
});
