import { ReasonkitError } from '@reasonkit/core';
import { TAXONOMY } from './data.js';
import { TaxonomySchema } from './schemas.js';
import type { Benchmark, Category, Method, Need, Paper, Result, Taxonomy } from './schemas.js';

/** Query helpers over a taxonomy (default: the seeded one). All pure. */
export function createTaxonomyQueries(t: Taxonomy = TAXONOMY) {
  const byId = new Map(t.categories.map((c) => [c.id, c]));
  const paperById = new Map(t.papers.map((p) => [p.id, p]));
  const category = (id: string): Category | undefined => byId.get(id);
  const children = (id: string | null): Category[] => t.categories.filter((c) => c.parentId === id);
  const ancestors = (id: string): Category[] => {
    const out: Category[] = [];
    let cur = byId.get(id)?.parentId ?? null;
    while (cur) {
      const c = byId.get(cur);
      if (!c) break;
      out.push(c);
      cur = c.parentId;
    }
    return out;
  };
  const descendants = (id: string): Category[] => children(id).flatMap((c) => [c, ...descendants(c.id)]);
  const methods = (q: { category?: string; year?: number; finetune?: boolean; search?: boolean; needs?: Need } = {}): Method[] =>
    t.methods.filter((m) => {
      if (q.category) {
        const ids = new Set([q.category, ...descendants(q.category).map((c) => c.id)]);
        if (!m.categoryIds.some((c) => ids.has(c))) return false;
      }
      if (q.year !== undefined && paperById.get(m.paperId)?.year !== q.year) return false;
      if (q.finetune !== undefined && m.finetune !== q.finetune) return false;
      if (q.search !== undefined && m.search !== q.search) return false;
      if (q.needs && !m.needs.includes(q.needs)) return false;
      return true;
    });
  const papers = (q: { section?: string; year?: number; hasCode?: boolean } = {}): Paper[] =>
    t.papers.filter((p) => {
      if (q.section && !p.sections.some((s) => s === q.section || s.startsWith(q.section + '.'))) return false;
      if (q.year !== undefined && p.year !== q.year) return false;
      if (q.hasCode !== undefined && !!p.codeUrl !== q.hasCode) return false;
      return true;
    });
  const benchmarks = (q: { scenario?: string; metric?: string } = {}): Benchmark[] =>
    t.benchmarks.filter((b) => (!q.scenario || b.scenario[0] === q.scenario || b.scenario[1] === q.scenario) && (!q.metric || b.metricIds.includes(q.metric)));
  /** Results for a benchmark (and metric), best first, nulls last. */
  const results = (q: { benchmark: string; metric?: string }): Result[] => {
    const bm = t.metrics.find((m) => m.id === q.metric);
    const sign = bm && !bm.higherIsBetter ? 1 : -1;
    return t.results
      .filter((r) => r.benchmarkId === q.benchmark && (!q.metric || r.metricId === q.metric))
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        if (a.r.value === null && b.r.value === null) return a.i - b.i;
        if (a.r.value === null) return 1;
        if (b.r.value === null) return -1;
        return sign * (a.r.value - b.r.value) || a.i - b.i;
      })
      .map((x) => x.r);
  };
  return {
    /** The category with this id. */
    category,
    /** Direct children of a category (`null`: the roots). */
    children,
    /** Ancestors of a category, nearest first. */
    ancestors,
    /** All descendants of a category. */
    descendants,
    /** Methods filed under a category. */
    methods,
    /** Papers of the taxonomy. */
    papers,
    /** Benchmarks of the taxonomy. */
    benchmarks,
    /** Reported results. */
    results,
  };
}

/** The taxonomy as JSON text. */
export function taxonomyToJSON(t: Taxonomy = TAXONOMY): string {
  return JSON.stringify(t);
}

/** Parses and validates taxonomy JSON; errors name the zod path. */
export function taxonomyFromJSON(json: string | unknown): Taxonomy {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new ReasonkitError('INVALID_ARGUMENT', `taxonomy JSON: not valid JSON (${(e as Error).message})`, { field: '(root)' });
    }
  }
  const r = TaxonomySchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const path = issue.path.join('.') || '(root)';
    throw new ReasonkitError('INVALID_ARGUMENT', `taxonomy JSON: invalid field '${path}': ${issue.message}`, { field: path });
  }
  return r.data;
}
