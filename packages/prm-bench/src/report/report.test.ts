import { describe, expect, it } from 'vitest';
import type { BenchItem } from '../load/bench-item.js';
import { buildReport } from './build-report.js';
import { renderCsv, renderJson } from './render-csv.js';
import { renderCharts, renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

const item = (id: string, category: string, pattern: BenchItem['pattern'], n: number, err: number[]): BenchItem => ({ id, benchmark: 'socratic', question: 'q', steps: Array.from({ length: n }, (_, i) => `s${i}`), errorSteps1: err, firstError0: err[0]! - 1, category, pattern, lang: 'en', warnings: [] });
const items = [item('premise_redundancy:1', 'premise_redundancy', 'Deduction', 4, [2, 3]), item('repeat_inconsistency:1', 'repeat_inconsistency', 'Transformation', 3, [1])];
const oracle = items.map((i) => ({ itemId: i.id, labels: i.steps.map((_, k) => !i.errorSteps1.includes(k + 1)) }));
const allPos = items.map((i) => ({ itemId: i.id, labels: i.steps.map(() => true) }));

describe('reports', () => {
  const report = buildReport(items, [
    { name: 'oracle', predictions: oracle, usage: [{ latencyMs: 10, promptTokens: 5, completionTokens: 2 }] },
    { name: 'all-positive', predictions: allPos },
  ]);

  it('Markdown: pattern and sub-category tables (strict with official), accuracies, literature rows marked paper-reported', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('| model | Deduction | Transformation | overall |');
    expect(md).toContain('| oracle | 100.0 (100.0) | 100.0 (100.0) | 100.0 (100.0) |');
    expect(md).toContain('| Premise Redundancy |');
    expect(md).toContain('| Transformation Inconsistency |');
    expect(md).toContain('| DeepSeek-R1 | critic | 73.0 | – | – | paper-reported |');
    expect(md).toMatch(/\| oracle \| 100\.0 \| 100\.0 \| 0\.000 \|/);
  });

  it('CSV: one row per model × mode × group plus literature rows with null cells empty; JSON round-trips', () => {
    const csv = renderCsv(report).trim().split('\n');
    expect(csv[0]).toMatch(/^model,source,mode,level,group,prmScore,/);
    expect(csv.filter((l) => l.startsWith('oracle,measured,strict,'))).toHaveLength(1 + 2 + 2);
    expect(csv.find((l) => l.startsWith('DeepSeek-R1,paper-reported'))).toMatch(/,0\.73,,,,,,,,,,/);
    expect(JSON.parse(renderJson(report)).models[1].name).toBe('all-positive');
  });

  it('HTML: self-contained, five charts (pattern bars, heatmap, dumbbell, error positions, detection delay)', () => {
    expect(renderCharts(report).map((c) => c.name)).toEqual(['prm-score-by-pattern', 'heatmap-model-subcategory', 'correct-vs-error-accuracy', 'error-positions', 'detection-delay']);
    const html = renderHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<table>');
    expect(report.models[0]!.cost).toEqual({ meanLatencyMs: 10, promptTokens: 5, completionTokens: 2 });
    expect(report.models[1]!.delay.missedRate).toBe(1);
  });
});
