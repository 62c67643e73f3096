import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { havePapers, papersTsv, repoRoot, skipMessage } from '../../test/shared-data.js';
import { COMPARISON_ROWS, METRICS, TAXONOMY, TaxonomySchema, buildPapers, checkIntegrity, createTaxonomyQueries, papersToJson, taxonomyFromJSON, taxonomyToJSON } from './index.js';

const q = createTaxonomyQueries();

describe('taxonomy structure', () => {
  it('3 families, 7 leaves, subtypes, world models under Searching → Exploration', () => {
    expect(q.children(null).map((c) => c.id)).toEqual(['external-module', 'finetuning', 'searching']);
    const leaves = TAXONOMY.categories.filter((c) => c.level === 2);
    expect(leaves).toHaveLength(7);
    expect(q.category('decomposition')!.subtypes).toEqual(['global', 'iterative']);
    expect(q.category('exploration')!.subtypes).toEqual(['tot', 'astar', 'mcts', 'reward', 'world-model']);
    expect(q.ancestors('exploration').map((c) => c.id)).toEqual(['searching']);
    expect(q.descendants('external-module').some((c) => c.subtypes?.includes('world-model'))).toBe(false);
  });
  it('metric tree is 5 / 9 / 13', () => {
    expect([1, 2, 3].map((l) => METRICS.filter((m) => m.level === l).length)).toEqual([5, 9, 13]);
  });
  it('passes §5.2 integrity; every leaf has a method', () => {
    expect(checkIntegrity(TAXONOMY)).toEqual([]);
    expect(TaxonomySchema.safeParse(TAXONOMY).success).toBe(true);
  });
  it('method leaves have 24 / 13 / 28 / 36 / 23 / 31 / 8 rows, +6 memory papers tagged memory-enhanced', () => {
    const leafIds = ['planner-enhanced', 'memory-enhanced', 'imitation-learning', 'feedback-based', 'decomposition', 'exploration', 'decoding'];
    const counts = leafIds.map((id) => TAXONOMY.papers.filter((p) => p.sections.includes(q.category(id)!.surveySection)).length);
    // Merged duplicates can share a leaf only once; the raw row counts are checked against the TSV below.
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
    const memOnPlanner = TAXONOMY.methods.filter((m) => m.categoryIds.includes('planner-enhanced') && m.categoryIds.includes('memory-enhanced'));
    expect(memOnPlanner).toHaveLength(6);
  });
  it('queries: by family, needs, finetuning, year, hasCode, scenario', () => {
    expect(q.methods({ category: 'planner-enhanced', needs: 'external-planner' }).some((m) => m.implementedBy === 'llmPlusP')).toBe(true);
    expect(q.methods({ finetune: true }).every((m) => q.ancestors(m.categoryIds[0]!).some((a) => a.id === 'finetuning') || m.categoryIds.some((c) => c === 'imitation-learning' || c === 'feedback-based'))).toBe(true);
    expect(q.methods({ needs: 'loglikelihood' }).length).toBeGreaterThan(0);
    expect(q.papers({ year: 2023, hasCode: true }).every((p) => p.year === 2023 && !!p.codeUrl)).toBe(true);
    expect(q.papers({ section: '2.1.3' }).length).toBeGreaterThan(0);
    expect(q.benchmarks({ scenario: 'game-playing' }).map((b) => b.id)).toContain('planbench');
    const web = q.results({ benchmark: 'screenspot' });
    expect(web[0]!.value).toBe(89.5);
    expect(web.at(-1)!.value).toBeNull();
  });
});

describe('comparison tables', () => {
  it('41 rows; hidden cells are null with a note; "–" cells are null without one', () => {
    expect(COMPARISON_ROWS).toHaveLength(41);
    const digiq = COMPARISON_ROWS.find((r) => r.method === 'Digi-Q')!;
    expect(digiq.cells.screenspot).toEqual({ value: null, note: expect.stringMatching(/hidden/) });
    const tars72 = COMPARISON_ROWS.find((r) => r.baseModel === 'Qwen-2-VL-72B')!;
    expect(tars72.cells.screenspot!.value).toBeNull();
    expect(tars72.cells.screenspot!.note).toMatch(/partly hidden/);
    const notes = COMPARISON_ROWS.flatMap((r) => Object.values(r.cells)).filter((c) => c.note);
    expect(notes).toHaveLength(2);
    expect(COMPARISON_ROWS.find((r) => r.method === 'SE-GUI')!.cells.mind2web).toEqual({ value: null });
  });
});

describe('JSON round trip and bad input', () => {
  it('toJSON / fromJSON round-trips and produces a JSON Schema', () => {
    expect(taxonomyFromJSON(taxonomyToJSON())).toEqual(TAXONOMY);
    expect(z.toJSONSchema(TaxonomySchema)).toHaveProperty('properties.categories');
  });
  it('invalid taxonomy JSON names the zod path', () => {
    const bad = JSON.parse(taxonomyToJSON());
    bad.categories[3].level = 7;
    expect(() => taxonomyFromJSON(bad)).toThrow(/invalid field 'categories\.3\.level'/);
    expect(() => taxonomyFromJSON('{')).toThrow(/not valid JSON/);
  });
});

describe.skipIf(!havePapers)('scripts/build-papers on ../shared/data/planning-survey/papers.tsv', () => {
  const tsv = havePapers ? readFileSync(papersTsv, 'utf8') : '';
  const committed = readFileSync(join(repoRoot, 'packages/planning-taxonomy/data/papers.json'), 'utf8');
  it('reproduces the committed JSON byte for byte from CRLF and LF input', () => {
    expect(papersToJson(buildPapers(tsv).papers)).toBe(committed);
    expect(papersToJson(buildPapers(tsv.replace(/\r\n/g, '\n')).papers)).toBe(committed);
    expect(papersToJson(buildPapers(tsv.replace(/\r?\n/g, '\r\n')).papers)).toBe(committed);
  });
  it('reports 281 rows, 272 papers, §2 counts, 19 without arXiv, and flags 2 broken links', () => {
    const { report, papers } = buildPapers(tsv);
    expect(report.rows).toBe(281);
    expect(report.papers).toBe(272);
    expect(['1.1.1', '1.1.2', '1.2.1', '1.2.2', '1.3.1', '1.3.2', '1.3.3'].map((s) => report.sectionRows[s])).toEqual([24, 13, 28, 36, 23, 31, 8]);
    expect([report.sectionRows['2.3.1'], report.sectionRows['2.3.2'], report.sectionRows['3.1'], report.sectionRows['3.2']]).toEqual([18, 9, 8, 5]);
    expect(report.withoutArxiv).toBe(19);
    expect(report.brokenLinks.map((b) => b.field)).toEqual(['url', 'code']);
    const eto = papers.filter((p) => /exploration-based trajectory optimization/i.test(p.title));
    expect(eto).toHaveLength(1);
    expect(eto[0]!.arxiv).toBe('2403.02502');
    expect(papers.find((p) => /^Planetarium/.test(p.title))!.notes![0]).toMatch(/NAACL 2024.*2025 Anthology/);
  });
  it('names the row on a bad header or field count', () => {
    expect(() => buildPapers('section\ttitle\n')).toThrow(/row 1: bad header/);
    const lines = tsv.split(/\r?\n/);
    lines[5] = lines[5]!.split('\t').slice(0, 5).join('\t');
    expect(() => buildPapers(lines.join('\n'))).toThrow(/row 6: expected 6 tab-separated fields, got 5/);
  });
});
if (!havePapers) console.warn(skipMessage('../shared/data/planning-survey/papers.tsv'));
