// The demo pipeline on a few problems with real onnxruntime-node sessions of the testbed model.
import { generateLevelProblems, MODEL_LEVELS, solve } from '@reasonkit/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveTestbedModel, loadTestbed, type LoadedTestbed } from './load-testbed.js';
import { runDemo, testbedStepScorer, thinkingSteps, type DemoResult } from './pipeline.js';
import { renderHtmlReport, summaryTable } from './report.js';

const skip = !haveTestbedModel();
if (skip) console.warn('example-demo: testbed model missing (packages/testbed/model); skipping the pipeline test');

describe('the PRM through prm-bench’s scorer interface', () => {
  it('labels a correct trace all-correct and a corrupted one from its first error on', async () => {
    const p = generateLevelProblems(MODEL_LEVELS[2]!, 1, 3)[0]!;
    const scorer = testbedStepScorer(new Map([['x', p]]));
    const good = solve(p).steps;
    expect((await scorer.score({ id: 'x', question: '', steps: [...good] }, {})).labels).toEqual(good.map(() => true));
    const bad = [...good];
    bad[bad.length - 1] = `${bad[bad.length - 1]}1`;
    const labels = (await scorer.score({ id: 'x', question: '', steps: bad }, {})).labels!;
    expect(labels.at(-1)).toBe(false);
    expect(labels.slice(0, -1).every(Boolean)).toBe(true);
    await expect(scorer.score({ id: 'unknown', question: '', steps: [] }, {})).rejects.toThrow(/unknown item unknown/);
  });

  it('splits a Thinking completion into trace lines and the answer', () => {
    expect(thinkingSteps('\n a \n b \n</think>\n\n12')).toEqual([' a ', ' b ', '12']);
    expect(thinkingSteps('no close tag')).toBeUndefined();
  });
});

describe.skipIf(skip)('runDemo on the testbed model (real ONNX Runtime session)', () => {
  let model: LoadedTestbed;
  let result: DemoResult;
  const progress: string[] = [];
  beforeAll(async () => {
    model = await loadTestbed();
    result = await runDemo(model.lm, model.tokenizer, { perLevel: 1, trainPerLevel: 10, levels: [1, 2, 4, 5], onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`) });
  }, 240_000);
  afterAll(async () => {
    await model?.lm.dispose();
  });

  it('always-think thinks on every problem with a compressed cache, and the PRM labels every step', () => {
    const rows = result.results['always-think'];
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r.mode).toBe('think');
      expect(r.kv!.cacheBytes).toBeLessThan(r.kv!.denseBytes);
      expect(r.prmLabels!.length).toBeGreaterThan(1);
      // the exact checker accepts every step iff the answer is right
      expect(r.prmLabels!.every(Boolean)).toBe(r.correct);
    }
    expect(rows.filter((r) => r.correct).length).toBeGreaterThanOrEqual(3);
  });

  it('always-nothink never thinks: no KV record, no PRM labels, at most a dozen tokens each', () => {
    for (const r of result.results['always-nothink']) {
      expect(r.mode).toBe('nothink');
      expect(r.kv).toBeUndefined();
      expect(r.prmLabels).toBeUndefined();
      expect(r.tokens).toBeLessThanOrEqual(12);
    }
  });

  it('the routed system follows the probe (NoThinking iff p > 0.5) and uses fewer tokens than always-think', () => {
    for (const r of result.results.routed) expect(r.mode).toBe(r.pNoThink > result.threshold ? 'nothink' : 'think');
    const [think, , routed] = result.summaries;
    expect(routed!.tokens).toBeLessThan(think!.tokens);
    // the 5-digit problem is beyond NoThinking: the probe sends it to Thinking
    expect(result.results.routed.find((r) => r.level === 5)!.mode).toBe('think');
    expect(progress).toContain('routed:4/4');
    expect(progress).toContain('train-probe:40/40');
  });

  it('renders the summary table and an HTML report with SVG charts', () => {
    const table = summaryTable(result);
    expect(table.split('\n')).toHaveLength(5);
    expect(table).toMatch(/\| routed \| \d+% \| \d+ \|/);
    const html = renderHtmlReport(result);
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('Accuracy per level');
  });
});
