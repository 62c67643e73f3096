import papersJson from '../../data/papers.json';
import { BENCHMARKS } from './benchmarks.js';
import { CATEGORIES } from './categories.js';
import { COMPARISON_ROWS } from './comparison-tables.js';
import { METRICS, METRIC_LINKS } from './metrics.js';
import { deriveMethods } from './methods.js';
import type { Paper, Result, Taxonomy } from './schemas.js';

const METRIC_OF: Record<string, string> = { mind2web: 'step-sr', webarena: 'final-state-sr', aitw: 'step-sr', screenspot: 'response-sr-leaf', alfworld: 'final-state-sr', scienceworld: 'final-state-sr' };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Results derived from the comparison tables: one per cell. Method ids are table-local slugs. */
export function tableResults(): Result[] {
  const out: Result[] = [];
  for (const row of COMPARISON_ROWS) {
    for (const [benchmarkId, cell] of Object.entries(row.cells)) {
      const r: Result = {
        methodId: `table:${slug(row.method)}`,
        baseModel: row.baseModel,
        benchmarkId,
        metricId: METRIC_OF[benchmarkId]!,
        value: cell.value,
        date: row.date,
        source: { kind: 'survey-table', ref: row.table === 'web' ? 'survey §2.3.1' : 'survey §2.3.2' },
        verified: false,
        finetuned: row.finetuned,
        searchUsed: row.search,
      };
      if (cell.note) r.notes = cell.note;
      out.push(r);
    }
  }
  return out;
}

const papers = papersJson as Paper[];

/** The seeded taxonomy (spec §5.2). */
export const TAXONOMY: Taxonomy = {
  categories: CATEGORIES,
  papers,
  methods: deriveMethods(papers),
  benchmarks: BENCHMARKS,
  metrics: METRICS,
  results: tableResults(),
  metricLinks: METRIC_LINKS,
};
