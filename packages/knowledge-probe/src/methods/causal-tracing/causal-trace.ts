import { argmax, type Tensor } from '@reasonkit/core';
import type { PatchFeed, ProbeModel } from '../../model/probe-model.js';
import { probsAt } from '../common.js';
import { windowRange } from './trace-math.js';

/** Which activation causal tracing restores: the residual state, the MLP output or the attention output. */
export type TraceKind = 'state' | 'mlp' | 'attn';

/** Input of one causal trace. */
export interface CausalTraceInput {
  ids: readonly number[];
  /** Subject tokens `[b, e)`. */
  span: readonly [number, number];
  /**
   * Corrupted embedding rows at the subject positions, one per noise sample:
   * `[samples][(e − b)·d]`. Each corrupted batch row writes one of them over the embedding output.
   */
  corrupted: readonly Float32Array[];
  kinds: readonly TraceKind[];
  /** Window for `mlp` / `attn` (Know-MRI 10). */
  window: number;
  /** Rows per forward (cells × samples); default 64 (our choice). */
  maxBatchRows: number;
  signal?: AbortSignal;
  /** Called as traced cells complete (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Output of one causal trace. */
export interface CausalTraceOutput {
  answer: number;
  pClean: number;
  pLow: number;
  /** `[T][L]` per kind asked for. */
  tables: Partial<Record<TraceKind, number[][]>>;
  forwardPasses: number;
}

const SITE: Record<TraceKind, string> = { state: 'resid', mlp: 'mlp_out', attn: 'attn_out' };

/**
 * Causal tracing on a patchable model (spec §4.4): one clean run gives the answer, `p_clean` and
 * every restoration value; corrupted runs overwrite the subject's embedding outputs (site
 * `embed`) and, per cell (t, ℓ), restore the clean block output (`state`) or the clean sublayer
 * outputs of the window around ℓ (`mlp`, `attn`) at token t. Cells are packed into the batch
 * (cells × samples rows, at most `maxBatchRows`); each cell's score is the mean probability of the
 * answer at the last position over its samples. `p_low` uses the same corruption with nothing
 * restored (Know-MRI pitfall 4: both computed the same way).
 */
export async function causalTrace(model: ProbeModel, input: CausalTraceInput): Promise<CausalTraceOutput> {
  const { ids, span, corrupted, kinds } = input;
  const T = ids.length;
  const L = model.layers;
  const d = model.hidden;
  const n = corrupted.length;
  const [b, e] = span;
  const siteNames = (kind: TraceKind): string[] => Array.from({ length: L }, (_, l) => `${SITE[kind]}.${l}`);
  const captureSites = ['embed', ...new Set(kinds.flatMap(siteNames))];
  const clean = await model.forward({ ids: [ids], capture: captureSites, ...(input.signal ? { signal: input.signal } : {}) });
  let passes = 1;
  const cleanProbs = probsAt(clean.logits, 0, T - 1);
  const answer = argmax(cleanProbs);
  const pClean = cleanProbs[answer]!;
  const cleanEmbed = clean.captured.embed!.data;

  /** Embedding patch for `rows` corrupted rows (row r uses sample r mod n). */
  const embedPatch = (rows: number): PatchFeed => {
    const mask = new Float32Array(rows * T);
    const value = new Float32Array(rows * T * d);
    for (let r = 0; r < rows; r++) {
      value.set(cleanEmbed, r * T * d);
      for (let t = b; t < e; t++) mask[r * T + t] = 1;
      value.set(corrupted[r % n]!, (r * T + b) * d);
    }
    return { site: 'embed', mask, value };
  };
  const run = async (rows: number, patches: PatchFeed[]): Promise<Tensor<'float32'>> => {
    const out = await model.forward({ ids: Array.from({ length: rows }, () => ids), patches, ...(input.signal ? { signal: input.signal } : {}) });
    passes++;
    return out.logits;
  };
  const meanAnswer = (logits: Tensor<'float32'>, first: number): number => {
    let s = 0;
    for (let r = first; r < first + n; r++) s += probsAt(logits, r, T - 1)[answer]!;
    return s / n;
  };

  const pLow = meanAnswer(await run(n, [embedPatch(n)]), 0);
  const cells: { kind: TraceKind; t: number; l: number }[] = [];
  for (const kind of kinds) for (let t = 0; t < T; t++) for (let l = 0; l < L; l++) cells.push({ kind, t, l });
  const tables: Partial<Record<TraceKind, number[][]>> = {};
  for (const kind of kinds) tables[kind] = Array.from({ length: T }, () => new Array<number>(L).fill(0));
  const perBatch = Math.max(1, Math.floor(input.maxBatchRows / n));
  let done = 0;
  for (const kind of kinds) {
    const kindCells = cells.filter((c) => c.kind === kind);
    const sites = siteNames(kind);
    const cleanSite = sites.map((s) => clean.captured[s]!.data);
    for (let at = 0; at < kindCells.length; at += perBatch) {
      const batch = kindCells.slice(at, at + perBatch);
      const rows = batch.length * n;
      const restore = sites.map((site, j) => {
        const value = new Float32Array(rows * T * d);
        for (let r = 0; r < rows; r++) value.set(cleanSite[j]!, r * T * d);
        return { site, mask: new Float32Array(rows * T), value };
      });
      batch.forEach((c, ci) => {
        const blocks = kind === 'state' ? [c.l] : windowRange(c.l, input.window, L);
        for (const blk of blocks) for (let s = 0; s < n; s++) restore[blk]!.mask[(ci * n + s) * T + c.t] = 1;
      });
      const logits = await run(rows, [embedPatch(rows), ...restore]);
      batch.forEach((c, ci) => (tables[kind]![c.t]![c.l] = meanAnswer(logits, ci * n)));
      done += batch.length;
      input.onProgress?.(done, cells.length);
    }
  }
  return { answer, pClean, pLow, tables, forwardPasses: passes };
}
