import { causalTraceCharts, type CausalTracingRaw } from '../methods/causal-tracing/causal-tracing-method.js';
import { bucketMaxAbs } from '../math/stats.js';
import type { Cell, ProbeChart, ProbeResult, ProbeTable } from '../result/probe-result.js';

/** Know-MRI method names (spec §2.2). */
export const KNOW_MRI_METHODS = ['Self-explanation', 'Attribution', 'EmbeddingProjection', 'Attention Weights', 'KN', 'CausalTracing', 'FiNE', 'KnowledgeCircuits', 'Logit Lens', 'Patchscopes', 'SPINE'] as const;
/** A Know-MRI method name `fromKnowMri` can import. */
export type KnowMriMethod = (typeof KNOW_MRI_METHODS)[number];

/** Options of `fromKnowMri`. */
export interface FromKnowMriOptions {
  /** Model id recorded in the result. Default `'unknown'`. */
  modelId?: string;
  sample?: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number'));

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map(String).join(', ');
  return JSON.stringify(v);
}

/** Know-MRI tables (`table_des` or the misspelt `tabel_des`, …) as ours. */
function importTables(tables: unknown, warnings: string[]): ProbeTable[] {
  if (tables === undefined || tables === '' || tables === null) return [];
  if (!Array.isArray(tables)) {
    warnings.push('`table` is not a list; ignored');
    return [];
  }
  return tables.flatMap((t, i): ProbeTable[] => {
    if (!isObj(t) || !Array.isArray(t.table_list)) {
      warnings.push(`table ${i} has no table_list; ignored`);
      return [];
    }
    const rows = t.table_list.filter(isObj);
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const description = t.table_des ?? t.tabel_des;
    const summary = t.table_res ?? t.tabel_res;
    return [
      {
        name: typeof t.table_name === 'string' ? t.table_name : `Table ${i + 1}`,
        ...(typeof description === 'string' && description !== '' ? { description } : {}),
        ...(typeof summary === 'string' && summary !== '' ? { summary } : {}),
        columns,
        rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, toCell(r[c])]))),
      },
    ];
  });
}

/** An image source: a path, a URL, or base64 PNG bytes (made a data URL). */
function imageSrc(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  if (/^(data:|https?:|\/|\.{0,2}\/|[A-Za-z]:\\)/.test(v) || /\.(png|svg|jpe?g|gif)$/i.test(v)) return v;
  if (/^[A-Za-z0-9+/=\s]+$/.test(v) && v.length > 64) return `data:image/png;base64,${v.replace(/\s+/g, '')}`;
  return v;
}

function importImages(images: unknown, fromOrigin: unknown): ProbeChart[] {
  const charts: ProbeChart[] = [];
  const add = (item: unknown, i: number, where: string): void => {
    if (isObj(item)) {
      const src = imageSrc(item.image_path ?? item.path ?? item.image);
      if (src) charts.push({ name: typeof item.image_name === 'string' ? item.image_name : `${where} ${i + 1}`, kind: 'image', ...(typeof item.image_des === 'string' ? { description: item.image_des } : {}), data: { src } });
    } else {
      const src = imageSrc(item);
      if (src) charts.push({ name: `${where} ${i + 1}`, kind: 'image', data: { src } });
    }
  };
  if (Array.isArray(images)) images.forEach((im, i) => add(im, i, 'Image'));
  if (Array.isArray(fromOrigin)) fromOrigin.forEach((im, i) => add(im, i, 'Image'));
  return charts;
}

interface Typed {
  raw: unknown;
  charts: ProbeChart[];
  tables: ProbeTable[];
  layers?: number;
}

function neurons(o: Json): Typed | undefined {
  const m = o['Contribution of the neuron'];
  if (!isMatrix(m)) return undefined;
  const values = bucketMaxAbs(m);
  const cols = values[0]?.length ?? 0;
  return {
    raw: { contribution: m, neuronIndex: o['Neuron index'] ?? [] },
    layers: m.length,
    tables: [],
    charts: [{ name: 'Neuron contribution (max |score| per 100 neurons)', kind: 'heatmap', data: { rows: m.map((_, l) => `L${l}`), columns: Array.from({ length: cols }, (_, i) => `${i * 100}`), values, floor: 0, xLabel: 'neuron bucket', yLabel: 'layer' } }],
  };
}

function causal(o: Json): Typed | undefined {
  const state = o['Restoring state score'];
  const tokens = o.tokens;
  if (!isMatrix(state) || !Array.isArray(tokens)) return undefined;
  const mlp = o['Restoring MLP score'];
  const attn = o['Restoring Attn score'];
  const range = Array.isArray(o['subject range']) ? (o['subject range'] as number[]) : [0, 0];
  const pLow = Math.min(...state.flat());
  const raw: CausalTracingRaw = {
    answer: { id: -1, text: String(o.model_output ?? '') },
    pClean: typeof o.prob === 'number' ? o.prob : Math.max(...state.flat()),
    pLow,
    tokens: tokens.map(String),
    subjectRange: [range[0] ?? 0, range[1] ?? 0],
    state,
    ...(isMatrix(mlp) ? { mlp } : {}),
    ...(isMatrix(attn) ? { attn } : {}),
  };
  const { charts, tables } = causalTraceCharts(raw, undefined);
  return { raw, charts, tables, layers: state[0]?.length ?? 0 };
}

function attribution(o: Json): Typed | undefined {
  const a = o.Attribution;
  if (!isMatrix(a)) return undefined;
  const cols = Array.isArray(o.prompt_tokens) ? o.prompt_tokens.map(String) : (a[0] ?? []).map((_, i) => String(i));
  const rows = Array.isArray(o.ground_truth_tokens) ? o.ground_truth_tokens.map(String) : a.map((_, i) => String(i));
  return { raw: { attribution: a, promptTokens: cols, groundTruthTokens: rows }, tables: [], charts: [{ name: 'Attribution', kind: 'heatmap', data: { rows, columns: cols, values: a, xLabel: 'prompt token', yLabel: 'ground-truth token' } }] };
}

function circuits(o: Json): Typed | undefined {
  const g = o['Important Nodes and Edges for Knowledge Circuit Graph'];
  if (!isObj(g) || !isObj(g.edges)) return undefined;
  const layerOf = (name: string): number => {
    if (name === 'input') return -1;
    if (name === 'logits') return 1e6;
    const m = /^(?:a(\d+)\.h\d+|m(\d+))$/.exec(name);
    return m ? Number(m[1] ?? m[2]) : 0;
  };
  const edges = Object.entries(g.edges as Json).flatMap(([key, v]) => {
    const m = /^(.+?)->(.+?)(?:<([qkv])>)?$/.exec(key);
    if (!m || !isObj(v) || v.in_graph === false) return [];
    return [{ from: m[1]!, to: m[2]!, score: Number(v.score ?? 0), ...(m[3] ? { kind: m[3] } : {}) }];
  });
  const names = new Set(edges.flatMap((e) => [e.from, e.to]));
  if (isObj(g.nodes)) for (const [n, inGraph] of Object.entries(g.nodes)) if (inGraph === true) names.add(n);
  const ranks = [...new Set([...names].map(layerOf))].sort((a, b) => a - b);
  const nodes = [...names].map((id) => ({ id, layer: ranks.indexOf(layerOf(id)) }));
  return { raw: g, tables: [], charts: [{ name: 'Knowledge circuit', kind: 'graph', data: { nodes, edges } }] };
}

function spine(o: Json): Typed | undefined {
  const topk = o.topk_embeddings;
  if (!Array.isArray(o.sample_tokens) || !Array.isArray(topk)) return undefined;
  const tables = o.sample_tokens.map((tok, t): ProbeTable => {
    const entries = Array.isArray(topk[t]) ? (topk[t] as unknown[]) : [];
    return { name: `SPINE features of ${JSON.stringify(String(tok))}`, columns: ['dimension', 'activation'], rows: entries.filter(Array.isArray).map((e) => ({ dimension: toCell(e[0]), activation: toCell(e[1]) })) };
  });
  return { raw: o, tables, charts: [] };
}

function attention(o: Json): Typed | undefined {
  const w = o.attention_weight;
  if (!Array.isArray(o.tokens) || !Array.isArray(w)) return undefined;
  const tokens = o.tokens.map(String);
  const H = Array.isArray(w[0]) ? (w[0] as unknown[]).length : 0;
  const ids = Array.isArray(o.min_var_id) ? o.min_var_id : [];
  const charts: ProbeChart[] = ids.flatMap((id): ProbeChart[] => {
    const [l, h] = Array.isArray(id) ? [Number(id[0]), Number(id[1])] : [Math.floor(Number(id) / H), Number(id) % H];
    const m = (w[l] as unknown[] | undefined)?.[h];
    return isMatrix(m) ? [{ name: `Layer ${l} head ${h}`, kind: 'heatmap', data: { rows: tokens, columns: tokens, values: m, floor: 0, ceiling: 1, xLabel: 'key token', yLabel: 'query token' } }] : [];
  });
  return { raw: { tokens, weights: w, selected: ids }, tables: [], charts, layers: w.length };
}

function coordsOf(v: unknown): { label: string; xy: number[] }[] {
  if (isObj(v)) return Object.entries(v).filter(([, c]) => Array.isArray(c)).map(([label, c]) => ({ label, xy: (c as unknown[]).map(Number) }));
  if (Array.isArray(v)) return v.filter(Array.isArray).map((c, i) => ({ label: String(i), xy: (c as unknown[]).map(Number) }));
  return [];
}

function embeddingProjection(o: unknown): Typed | undefined {
  if (!Array.isArray(o) || o.length !== 2) return undefined;
  const toks = coordsOf(o[0]);
  const sims = coordsOf(o[1]);
  if (toks.length === 0) return undefined;
  const points = [...toks.map((p) => ({ x: p.xy[0] ?? 0, y: p.xy[1] ?? 0, label: p.label, group: 'prompt' })), ...sims.map((p) => ({ x: p.xy[0] ?? 0, y: p.xy[1] ?? 0, label: p.label, group: 'similar' }))];
  return { raw: { tokenCoordinates: o[0], similarTokenCoordinates: o[1] }, tables: [], charts: [{ name: 'Embedding projection', kind: 'scatter', data: { points } }] };
}

function logitLens(o: unknown): Typed | undefined {
  const rows: [string, unknown][] = Array.isArray(o) ? o.map((r, l) => [`Layer_${l}`, r]) : isObj(o) ? Object.entries(o) : [];
  if (rows.length === 0 || !rows.every(([, r]) => Array.isArray(r))) return undefined;
  const k = Math.max(...rows.map(([, r]) => (r as unknown[]).length));
  const columns = ['Layer', ...Array.from({ length: k }, (_, i) => `Top ${i + 1}`)];
  return { raw: { topTokens: rows.map(([, r]) => r) }, layers: rows.length - 1, charts: [], tables: [{ name: 'Hidden states top token', columns, rows: rows.map(([name, r]) => ({ Layer: name, ...Object.fromEntries((r as unknown[]).map((t, i) => [`Top ${i + 1}`, toCell(t)])) })) }] };
}

function patchscopes(o: unknown): Typed | undefined {
  if (!Array.isArray(o) || !o.every((r) => isObj(r) && 'predicted_token' in r)) return undefined;
  return { raw: o, layers: o.length + 1, charts: [], tables: [{ name: 'Layer → predicted token', columns: ['Layer name', 'predicted_token'], rows: (o as Json[]).map((r) => ({ 'Layer name': toCell(r['Layer name']), predicted_token: toCell(r.predicted_token) })) }] };
}

function selfExplanation(o: unknown): Typed | undefined {
  const text = Array.isArray(o) ? o.map(String).join('\n') : typeof o === 'string' ? o : undefined;
  return text === undefined ? undefined : { raw: o, charts: [], tables: [{ name: 'Self-explanation', columns: ['prompt'], rows: [{ prompt: text }] }] };
}

const TYPED: Record<KnowMriMethod, (origin: unknown) => Typed | undefined> = {
  KN: (o) => (isObj(o) ? neurons(o) : undefined),
  FiNE: (o) => (isObj(o) ? neurons(o) : undefined),
  Attribution: (o) => (isObj(o) ? attribution(o) : undefined),
  CausalTracing: (o) => (isObj(o) ? causal(o) : undefined),
  KnowledgeCircuits: (o) => (isObj(o) ? circuits(o) : undefined),
  SPINE: (o) => (isObj(o) ? spine(o) : undefined),
  'Attention Weights': (o) => (isObj(o) ? attention(o) : undefined),
  EmbeddingProjection: embeddingProjection,
  'Logit Lens': logitLens,
  Patchscopes: patchscopes,
  'Self-explanation': selfExplanation,
};

/**
 * Imports a Know-MRI result dict (spec §6.2) as a {@link ProbeResult} drawn by the same chart code
 * as native results. Tolerates the reference's output drift: `tabel_des`/`tabel_res`, `image: ""`,
 * images under `origin_data.imgs` (paths or base64). An unknown method or an unexpected
 * `origin_data` shape imports as a raw-only result with a warning, never a crash.
 */
export function fromKnowMri(json: unknown, method: string, options: FromKnowMriOptions = {}): ProbeResult {
  const warnings: string[] = [];
  const o = isObj(json) ? json : {};
  if (!isObj(json)) warnings.push('the Know-MRI result is not an object; imported as raw only');
  let origin = o.origin_data;
  let originImgs: unknown;
  if (isObj(origin) && 'imgs' in origin) {
    const { imgs, ...rest } = origin;
    originImgs = imgs;
    origin = rest;
  }
  const tables = importTables(o.table, warnings);
  const images = importImages(o.image, originImgs);
  let typed: Typed | undefined;
  if ((KNOW_MRI_METHODS as readonly string[]).includes(method)) {
    typed = TYPED[method as KnowMriMethod](origin);
    if (!typed) warnings.push(`origin_data of ${method} has an unexpected shape; kept as raw only`);
  } else warnings.push(`unknown Know-MRI method "${method}"; kept as raw only`);
  const summary = typeof o.result_des === 'string' && o.result_des !== '' ? o.result_des : undefined;
  return {
    method,
    methodVersion: 'knowmri-import',
    model: { id: options.modelId ?? 'unknown', layers: typed?.layers ?? 0 },
    sample: options.sample ?? {},
    params: {},
    tables: [...(typed?.tables ?? []), ...tables],
    charts: [...(typed?.charts ?? []), ...images],
    raw: typed?.raw ?? origin ?? json ?? null,
    ...(summary ? { summary } : {}),
    warnings,
    stats: { forwardPasses: 0, ms: 0 },
  };
}
