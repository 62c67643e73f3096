import { ReportMetricsError } from '../errors/report-metrics-error.js';

/** One RadGraph entity: its text, label (e.g. `OBS-DP`) and relations `[type, targetEntityId]`. */
export interface RadGraphEntity {
  tokens: string;
  label: string;
  relations: [string, string][];
}
/** A report's RadGraph annotation (what the user's annotator returns). */
export interface RadGraphAnnotation {
  entities: Record<string, RadGraphEntity>;
}
/** User-supplied annotator; `null` for a text it could not annotate (scored 0). */
export type RadGraphAnnotate = (texts: string[], options?: { signal?: AbortSignal }) => Promise<(RadGraphAnnotation | null)[]>;

/** RadGraph F1 (simple, partial and complete), with per-sample values. */
export interface RadGraphF1Result {
  simple: number;
  partial: number;
  complete: number;
  perSample: { simple: Float64Array; partial: Float64Array; complete: Float64Array };
}

function setKey(parts: (string | boolean)[]): string {
  return JSON.stringify(parts);
}

/** The three entity/relation sets of an annotation (spec §5.4). */
export function radgraphSets(a: RadGraphAnnotation): { simple: Set<string>; partial: Set<string>; complete: Set<string> } {
  const simple = new Set<string>();
  const partial = new Set<string>();
  const complete = new Set<string>();
  for (const [id, e] of Object.entries(a.entities)) {
    if (!Array.isArray(e.relations)) throw new ReportMetricsError('INVALID_INPUT', `RadGraph entity ${id}: relations must be an array`, { field: `entities.${id}.relations` });
    simple.add(setKey([e.tokens, e.label]));
    if (e.relations.length === 0) {
      partial.add(setKey([e.tokens, e.label]));
      complete.add(setKey([e.tokens, e.label]));
    } else {
      partial.add(setKey([e.tokens, e.label, true]));
      for (const [type, target] of e.relations) {
        const t = a.entities[target];
        if (!t) throw new ReportMetricsError('INVALID_INPUT', `RadGraph entity ${id}: relation target ${target} does not exist`, { field: `entities.${id}.relations` });
        complete.add(setKey([e.tokens.toLowerCase(), e.label, type, t.tokens.toLowerCase()]));
      }
    }
  }
  return { simple, partial, complete };
}

function f1(h: Set<string>, r: Set<string>): number {
  if (h.size === 0 || r.size === 0) return 0;
  let inter = 0;
  for (const x of h) if (r.has(x)) inter++;
  const p = inter / h.size;
  const rc = inter / r.size;
  return p + rc === 0 ? 0 : (2 * p * rc) / (p + rc);
}

/**
 * RadGraph F1 rewards (simple, partial, complete) per pair and their means. A pair with a missing
 * or entity-less annotation on either side scores 0 on all three and stays in the mean
 * [ref: mk-runner/PriorRG tools/metrics/Radgraph.py].
 */
export function radgraphF1(pairs: readonly { hyp: RadGraphAnnotation | null; ref: RadGraphAnnotation | null }[]): RadGraphF1Result {
  const n = pairs.length;
  const per = { simple: new Float64Array(n), partial: new Float64Array(n), complete: new Float64Array(n) };
  pairs.forEach((p, i) => {
    if (!p.hyp || !p.ref || Object.keys(p.hyp.entities).length === 0 || Object.keys(p.ref.entities).length === 0) return;
    const h = radgraphSets(p.hyp);
    const r = radgraphSets(p.ref);
    per.simple[i] = f1(h.simple, r.simple);
    per.partial[i] = f1(h.partial, r.partial);
    per.complete[i] = f1(h.complete, r.complete);
  });
  const avg = (a: Float64Array) => (n === 0 ? 0 : a.reduce((s, x) => s + x, 0) / n);
  return { simple: avg(per.simple), partial: avg(per.partial), complete: avg(per.complete), perSample: per };
}
