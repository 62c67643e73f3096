import { describe, expect, it } from 'vitest';
import { parseRecords } from '../records/parse-records.js';
import { scoreRun } from '../scoring/score-run.js';
import { spec118 } from '../scoring/__fixtures__/spec-11-8.js';
import { renderReportFiles } from './render-all.js';
import { renderReportHtml } from './render-html.js';
import { renderByRecordCsv, renderReportMarkdown, renderSummaryJson } from './render-report.js';

const { records, rows } = await spec118();
const report = scoreRun(rows, records);
const HEAD = '| Slice | Parity | Parity % | Strict | Strict % | Wilson 95% | Unanswered | Strict unanswered | Errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|';

// Numbers: parity from spec §11.8; strict by hand (strict-correct rows 0, 2, 4, 5; strict-unanswered
// rows 3, 6, 7); Wilson 95% bounds computed by hand from the closed form with z = 1.959964.
describe('report.md on spec §11.8', () => {
  const text = renderReportMarkdown(report);
  it('overall line and table', () => {
    expect(text).toContain('Overall: parity 5/8 = 62.50%, strict 4/8 = 50.00%, unanswered 1 (strict 3), errors 0.');
    expect(text).toContain(`## Overall\n\n${HEAD}\n| Overall | 5/8 | 62.50 | 4/8 | 50.00 | 30.57–86.32 | 1 | 3 | 0 |\n`);
  });
  it('category table', () => {
    expect(text).toContain(
      [
        `## Category\n\n${HEAD}`,
        '| Implicit | 2/3 | 66.67 | 2/3 | 66.67 | 20.77–93.85 | 0 | 0 | 0 |',
        '| Explicit | 2/4 | 50.00 | 2/4 | 50.00 | 15.00–85.00 | 1 | 2 | 0 |',
        '| Other | 1/1 | 100.00 | 0/1 | 0.00 | 20.65–100.00 | 0 | 1 | 0 |\n',
      ].join('\n'),
    );
  });
  it('folded video-type table', () => {
    expect(text).toContain(
      [
        `## Video type\n\n${HEAD}`,
        '| Animation | 1/2 | 50.00 | 1/2 | 50.00 | 9.45–90.55 | 0 | 0 | 0 |',
        '| TV | 2/2 | 100.00 | 1/2 | 50.00 | 34.24–100.00 | 0 | 1 | 0 |',
        '| Movie | 0/1 | 0.00 | 1/1 | 100.00 | 0.00–79.35 | 0 | 0 | 0 |',
        '| Life | 1/2 | 50.00 | 1/2 | 50.00 | 9.45–90.55 | 1 | 1 | 0 |',
        '| Art | 1/1 | 100.00 | 0/1 | 0.00 | 20.65–100.00 | 0 | 1 | 0 |\n',
      ].join('\n'),
    );
  });
  it('unfolded buckets keep the raw case apart', () => {
    const raw = renderReportMarkdown(scoreRun(rows, records, { foldVideoType: false }));
    expect(raw).toContain('| animation | 0/1 | 0.00 |');
    expect(raw).toContain('| Animation | 1/1 | 100.00 |');
    expect(raw).toContain('| life | 0/1 | 0.00 |');
    expect(raw).toContain('| Life | 1/1 | 100.00 |');
  });
  it('letter bias, steps and the Other list', () => {
    expect(text).toContain('| Letter | Predicted | Correct |\n|---|---:|---:|\n| B | 5 | 8 |\n| C | 1 | 0 |\n| D | 1 | 0 |\n');
    expect(text).toContain('| brackets | 4 |\n| boxed | 1 |\n| bare-letter | 2 |\n| paren | 0 |\n| any-char | 0 |\n| none | 1 |\n');
    expect(text).toContain('Records in category Other (L2 outside the mapping): 7');
  });
});

describe('summary.json on spec §11.8', () => {
  it('carries the slices, counts and meta but no per-record rows', () => {
    const s = JSON.parse(renderSummaryJson(report, { model: 'm', k: 32 }));
    expect([s.model, s.k, s.scored]).toEqual(['m', 32, 8]);
    expect([s.overall.correct, s.overall.total, s.overall.percent, s.overall.strictPercent, s.overall.unanswered, s.overall.errors]).toEqual([5, 8, '62.50', '50.00', 1, 0]);
    expect([s.byCategory.Implicit.percent, s.byCategory.Explicit.percent, s.byCategory.Other.percent]).toEqual(['66.67', '50.00', '100.00']);
    const vt = Object.fromEntries(Object.entries(s.byVideoType as Record<string, { correct: number; total: number }>).map(([k, v]) => [k, [v.correct, v.total]]));
    expect(vt).toEqual({ Animation: [1, 2], TV: [2, 2], Movie: [0, 1], Life: [1, 2], Art: [1, 1] });
    expect(s.rows).toBeUndefined();
    expect(s.otherCategory).toEqual(['7']);
    expect(renderSummaryJson(report).endsWith('}\n')).toBe(true);
  });
});

describe('by-record.csv', () => {
  it('one CRLF row per scored record, in result order, unanswered cells empty', () => {
    const lines = renderByRecordCsv(report, records).split('\r\n');
    expect(lines[0]).toBe('id,video,videoType,category,abilityTypeL2,abilityTypeL3,question,correctLetter,final,strict,step,correct,strictCorrect,status');
    expect(lines[4]).toBe('3,v3.mp4,TV,Explicit,Causal Reasoning,L3-x,Question 3?,B,B,,bare-letter,true,false,ok');
    expect(lines[5]).toBe('4,v4.mp4,movie,Explicit,Counterintuitive Reasoning,L3-y,Question 4?,B,D,B,brackets,false,true,ok');
    expect(lines[7]).toBe('6,v6.mp4,life,Explicit,Video Type and Intent,L3-y,Question 6?,B,,,,false,false,ok');
    expect(lines).toHaveLength(10); // header + 8 rows + empty string after the final CRLF
  });
  it('quotes a question holding commas, quotes and a newline', async () => {
    const { records: rs } = await parseRecords([{ video: 'v,1.mp4', videoType: 'TV', question: 'Why, "really"?\nSay.', options: ['(A) x', '(B) y'], correctAnswer: '(A)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 'z', question_idx: 1 }]);
    const csv = renderByRecordCsv(scoreRun([{ id: '1', response: '[[A]]' }], rs), rs);
    expect(csv.split('\r\n')[1]).toBe('1,"v,1.mp4",TV,Explicit,Causal Reasoning,z,"Why, ""really""?\nSay.",A,A,A,brackets,true,true,ok');
  });
});

describe('report.html', () => {
  const html = renderReportHtml(report);
  it('is one self-contained page with one <svg> per chart', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<svg[\s>]/g)).toHaveLength(4);
    expect(html.match(/<\/svg>/g)).toHaveLength(4);
    // No external resources: the only URL is the SVG namespace identifier.
    expect(html.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|\bsrc=|\bhref=|<script|<link/i);
    for (const tag of ['html', 'head', 'body', 'table', 'figure', 'title']) {
      expect(html.split(`<${tag}`).length, tag).toBe(html.split(`</${tag}>`).length);
    }
  });
  it('shows the category chart with Wilson whiskers and the letter-bias chart', () => {
    expect(html).toContain('Accuracy by category');
    expect(html).toContain('2/3 = 66.67%');
    expect(html.match(/<line /g)!.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('Letter bias');
    expect(html).toContain('5 predicted / 8 correct');
    expect(html).toContain('<p>Overall: parity 5/8 = 62.50%, strict 4/8 = 50.00%, unanswered 1, errors 0.</p>');
  });
  it('escapes markup in labels', async () => {
    const { records: rs } = await parseRecords([{ video: 'v.mp4', videoType: '<b>&', question: 'q', options: ['(A) x', '(B) y'], correctAnswer: '(A)', abilityType_L2: 'Causal Reasoning', abilityType_L3: 'z', question_idx: 1 }]);
    const h = renderReportHtml(scoreRun([{ id: '1', response: '[[A]]' }], rs));
    expect(h).toContain('&lt;b&gt;&amp;');
    expect(h).not.toContain('<b>&');
  });
  it('renderReportFiles gives the four files', () => {
    expect(Object.keys(renderReportFiles(report, { records }))).toEqual(['summary.json', 'by-record.csv', 'report.md', 'report.html']);
  });
});
