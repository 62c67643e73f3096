import type { Taxonomy } from './schemas.js';

/** Spec §5.2 integrity checks; returns problems (empty = OK). */
export function checkIntegrity(t: Taxonomy): string[] {
  const problems: string[] = [];
  const uniq = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${what} id '${id}'`);
      seen.add(id);
    }
    return seen;
  };
  const cats = uniq('category', t.categories.map((c) => c.id));
  const papers = uniq('paper', t.papers.map((p) => p.id));
  uniq('method', t.methods.map((m) => m.id));
  const benches = uniq('benchmark', t.benchmarks.map((b) => b.id));
  const metrics = uniq('metric', t.metrics.map((m) => m.id));
  for (const c of t.categories) if (c.parentId !== null && !cats.has(c.parentId)) problems.push(`category '${c.id}': unknown parent '${c.parentId}'`);
  for (const c of t.categories) {
    const seen = new Set<string>();
    let cur: string | null = c.id;
    while (cur) {
      if (seen.has(cur)) {
        problems.push(`category '${c.id}': cycle`);
        break;
      }
      seen.add(cur);
      cur = t.categories.find((x) => x.id === cur)?.parentId ?? null;
    }
  }
  for (const m of t.metrics) if (m.parentId !== null && !metrics.has(m.parentId)) problems.push(`metric '${m.id}': unknown parent '${m.parentId}'`);
  for (const m of t.methods) {
    if (!papers.has(m.paperId)) problems.push(`method '${m.id}': unknown paper '${m.paperId}'`);
    for (const c of m.categoryIds) if (!cats.has(c)) problems.push(`method '${m.id}': unknown category '${c}'`);
  }
  const leaves = t.categories.filter((c) => !t.categories.some((d) => d.parentId === c.id));
  for (const l of leaves) if (!t.methods.some((m) => m.categoryIds.includes(l.id))) problems.push(`leaf '${l.id}' has no method`);
  for (const b of t.benchmarks) {
    if (b.paperId && !papers.has(b.paperId)) problems.push(`benchmark '${b.id}': unknown paper '${b.paperId}'`);
    for (const m of b.metricIds) if (!metrics.has(m)) problems.push(`benchmark '${b.id}': unknown metric '${m}'`);
  }
  for (const r of t.results) {
    const b = t.benchmarks.find((x) => x.id === r.benchmarkId);
    if (!b) problems.push(`result ${r.methodId}/${r.benchmarkId}: unknown benchmark`);
    else if (!b.metricIds.includes(r.metricId)) problems.push(`result ${r.methodId}/${r.benchmarkId}: metric '${r.metricId}' does not belong to the benchmark`);
    const unit = t.metrics.find((m) => m.id === r.metricId)?.unit;
    if (unit === '%' && r.value !== null && (r.value < 0 || r.value > 100)) problems.push(`result ${r.methodId}/${r.benchmarkId}: ${r.value} outside 0–100`);
  }
  for (const l of t.metricLinks) {
    if (!benches.has(l.benchmarkId)) problems.push(`metric link: unknown benchmark '${l.benchmarkId}'`);
    if (!metrics.has(l.metricId)) problems.push(`metric link: unknown metric '${l.metricId}'`);
  }
  return problems;
}
