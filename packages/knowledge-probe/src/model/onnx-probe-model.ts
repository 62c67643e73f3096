import {
  createOnnxModel,
  exposeOutputs,
  lazySchema,
  listValueNames,
  parseModelConfig,
  parseOptions,
  readOnnxInitializers,
  readOnnxModelInfo,
  ReasonkitError,
  rmsNorm,
  tensor,
  type OnnxModel,
  type OrtModule,
  type Tensor,
  type TextModel,
  type Tokenizer,
} from '@reasonkit/core';
import * as z from 'zod';
import { ProbeError } from '../errors/probe-error.js';
import { makePatchable, patchInputNames, type PatchSite } from './patchable-graph.js';
import type { Capability, ProbeForwardInput, ProbeForwardOutput, ProbeModel, ProbeWeights } from './probe-model.js';
import { llama2cSiteMap, parseSite, PATCHABLE_KINDS, type SiteMap } from './site-map.js';

/** zod schema of `OnnxProbeModelOptions`: validates it and applies its defaults. */
export const OnnxProbeModelOptionsSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** ONNX decoder bytes (weights inline). */
    model: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array'),
    /** The model's HF `config.json` content. */
    config: z.record(z.string(), z.unknown()),
    tokenizer: z.custom<Tokenizer>((v) => typeof v === 'object' && v !== null && typeof (v as Tokenizer).encode === 'function', 'expected a Tokenizer'),
    /** Model id recorded in results. Default `'model'` (our choice; pass a directory name or hub id). */
    id: z.string().min(1).default('model'),
    /** ORT module (onnxruntime-node or onnxruntime-web); default core's `resolveOrt()`. */
    ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
    threads: z.number().int().positive().optional(),
    /** Site → graph tensor. Default: core's llama2.c export names ({@link llama2cSiteMap}). */
    siteMap: z.record(z.string(), z.string()).optional(),
    /** Initializer names of the weights. Defaults: core's llama2.c export names. */
    weightNames: z
      .object({
        embedding: z.string().default('model.embed_tokens.weight'),
        /** `[d, V]` (transposed) unembedding; absent when tied (then the embedding is used). */
        unembeddingT: z.string().default('lm_head.weight_t'),
        finalNorm: z.string().default('model.norm.weight'),
        /** Down projection of block `{l}` as a MatMul `[hiddenDim, d]` initializer. */
        mlpDown: z.string().default('model.layers.{l}.mlp.down_proj.weight_t'),
        /** Gate projection of block `{l}` as a MatMul `[d, hiddenDim]` initializer. */
        mlpGate: z.string().default('model.layers.{l}.mlp.gate_proj.weight_t'),
      })
      .prefault({}),
    /** Final RMSNorm epsilon. Default `config.rms_norm_eps`, else 1e-5 (llama2.c). */
    rmsNormEps: z.number().positive().optional(),
    /** A text model over the same weights for generation-based methods (capability `text`). */
    textModel: z.custom<TextModel>((v) => typeof v === 'object' && v !== null).optional(),
  }),
);
/** Input accepted by `OnnxProbeModelOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OnnxProbeModelOptions = z.input<typeof OnnxProbeModelOptionsSchema>;

/**
 * A {@link ProbeModel} over ONNX Runtime (node or web): full-prefill forwards of any batch, any
 * site of the site map captured by exposing its tensor as a graph output (core's
 * `exposeOutputs`), and patches through a patchable variant of the graph built by surgery
 * ({@link makePatchable}) with only the sites a call patches; sessions are cached by site set.
 */
export async function createOnnxProbeModel(options: OnnxProbeModelOptions): Promise<ProbeModel> {
  const o = parseOptions(OnnxProbeModelOptionsSchema, options, 'createOnnxProbeModel options');
  const cfg = parseModelConfig(o.config);
  const info = readOnnxModelInfo(o.model);
  const values = new Set(listValueNames(o.model));
  const outputNames = new Set(info.outputs.map((v) => v.name));
  const fullMap: SiteMap = o.siteMap ?? llama2cSiteMap(cfg.numLayers, { attentions: outputNames.has('attentions.0') });
  const siteMap: Record<string, string> = {};
  for (const [site, t] of Object.entries(fullMap)) if (values.has(t)) siteMap[site] = t;
  const sites = Object.keys(siteMap);
  const has = (kind: string): boolean =>
    kind === 'embed' || kind === 'final_norm' ? siteMap[kind] !== undefined : Array.from({ length: cfg.numLayers }, (_, l) => siteMap[`${kind}.${l}`]).every((t) => t !== undefined);
  const initNames = new Set(info.initializerNames);
  const capabilities = new Set<Capability>();
  if (outputNames.has('logits')) capabilities.add('logits');
  if (has('embed') && has('resid')) capabilities.add('residual');
  if (has('q')) capabilities.add('queries');
  if (has('k')) capabilities.add('keys');
  if (has('attn')) capabilities.add('attentionProbs');
  if (has('mlp_act')) capabilities.add('mlpAct');
  if (initNames.has(o.weightNames.embedding) && initNames.has(o.weightNames.finalNorm)) capabilities.add('weights');
  if (PATCHABLE_KINDS.every(has)) capabilities.add('patch');
  if (o.textModel) capabilities.add('text');
  const patchableSites = sites.filter((s) => (PATCHABLE_KINDS as readonly string[]).includes(parseSite(s).kind));
  const eps = o.rmsNormEps ?? (typeof o.config.rms_norm_eps === 'number' ? o.config.rms_norm_eps : 1e-5);

  const exposed = exposeOutputs(o.model, Object.values(siteMap));
  const sessions = new Map<string, Promise<OnnxModel>>();
  const session = (patchSites: readonly string[]): Promise<OnnxModel> => {
    const key = [...patchSites].sort().join(',');
    let s = sessions.get(key);
    if (!s) {
      const spec: PatchSite[] = [...patchSites].sort().map((site) => ({ site, tensor: siteMap[site]!, width: cfg.hiddenSize }));
      const bytes = spec.length === 0 ? exposed : makePatchable(exposed, spec);
      s = createOnnxModel({ model: bytes, fileName: `${o.id} (patch: ${key || 'none'})`, ...(o.ort ? { ort: o.ort } : {}), ...(o.threads ? { threads: o.threads } : {}) });
      sessions.set(key, s);
      s.catch(() => sessions.delete(key));
    }
    return s;
  };

  let weights: ProbeWeights | undefined;
  const loadWeights = (): ProbeWeights => {
    if (weights) return weights;
    const w = o.weightNames;
    const inits = readOnnxInitializers(o.model, new Set([w.embedding, w.unembeddingT, w.finalNorm]));
    const need = (name: string): Tensor<'float32'> => {
      const t = inits.get(name);
      if (!t || t.dtype !== 'float32') {
        throw new ProbeError('missing-output', `${o.id}: the graph has no float32 initializer "${name}" (capability weights)`, { tensor: name });
      }
      return t as Tensor<'float32'>;
    };
    const embedding = need(w.embedding);
    const normW = need(w.finalNorm);
    const ut = inits.get(w.unembeddingT) as Tensor<'float32'> | undefined;
    let unembedding = embedding;
    if (ut) {
      const [d, V] = ut.dims as [number, number];
      const data = new Float32Array(V * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < V; j++) data[j * d + i] = ut.data[i * V + j]!;
      unembedding = tensor('float32', data, [V, d], 'unembedding');
    }
    const mlpCache = new Map<number, { write: Tensor<'float32'>; read: Tensor<'float32'> } | undefined>();
    const mlp = (layer: number): { write: Tensor<'float32'>; read: Tensor<'float32'> } | undefined => {
      if (mlpCache.has(layer)) return mlpCache.get(layer);
      const down = w.mlpDown.replace('{l}', String(layer));
      const gate = w.mlpGate.replace('{l}', String(layer));
      const got = readOnnxInitializers(o.model, new Set([down, gate]));
      const dt = got.get(down) as Tensor<'float32'> | undefined;
      const gt = got.get(gate) as Tensor<'float32'> | undefined;
      let entry: { write: Tensor<'float32'>; read: Tensor<'float32'> } | undefined;
      if (dt && gt && dt.dtype === 'float32' && gt.dtype === 'float32') {
        const [d, hd] = gt.dims as [number, number];
        const read = new Float32Array(hd * d);
        for (let i = 0; i < d; i++) for (let j = 0; j < hd; j++) read[j * d + i] = gt.data[i * hd + j]!;
        entry = { write: dt, read: tensor('float32', read, [hd, d], gate) };
      }
      mlpCache.set(layer, entry);
      return entry;
    };
    weights = { embedding, unembedding, finalNorm: (h) => rmsNorm(h, normW.data, eps), mlp };
    return weights;
  };

  const model: ProbeModel = {
    id: o.id,
    layers: cfg.numLayers,
    hidden: cfg.hiddenSize,
    heads: cfg.numQHeads,
    kvHeads: cfg.numKvHeads,
    headDim: cfg.headDim,
    vocab: cfg.vocabSize,
    capabilities,
    tokenizer: o.tokenizer,
    sites,
    patchableSites,
    ...(o.textModel ? { textModel: o.textModel } : {}),
    weights: loadWeights,
    async forward(input: ProbeForwardInput): Promise<ProbeForwardOutput> {
      const B = input.ids.length;
      const T = input.ids[0]?.length ?? 0;
      if (B === 0 || T === 0) throw new ProbeError('empty-prompt', `${o.id}: forward needs at least one row of at least one token`, { field: 'ids' });
      input.ids.forEach((row, i) => {
        if (row.length !== T) throw new ReasonkitError('SHAPE_MISMATCH', `${o.id}: ids.${i} has ${row.length} tokens, row 0 has ${T}`, { field: `ids.${i}`, expected: T, actual: row.length });
      });
      const patches = input.patches ?? [];
      for (const p of patches) {
        if (!patchableSites.includes(p.site)) {
          throw new ProbeError('unknown-site', `${o.id}: site "${p.site}" cannot be patched (patchable: ${patchableSites.slice(0, 6).join(', ')}, …)`, { field: 'patches', tensor: p.site });
        }
        if (p.mask.length !== B * T || p.value.length !== B * T * cfg.hiddenSize) {
          throw new ReasonkitError('SHAPE_MISMATCH', `${o.id}: patch ${p.site} needs mask [${B}·${T}] and value [${B}·${T}·${cfg.hiddenSize}]`, { field: `patches.${p.site}` });
        }
      }
      const capture = input.capture ?? [];
      for (const site of capture) {
        if (siteMap[site] === undefined) {
          const expected = fullMap[site];
          throw new ProbeError(
            'missing-output',
            expected
              ? `${o.id}: the graph has no tensor "${expected}" for site ${site}`
              : `${o.id}: unknown site "${site}" (available: ${sites.slice(0, 8).join(', ')}, …)`,
            { tensor: expected ?? site, field: 'capture' },
          );
        }
      }
      const m = await session([...new Set(patches.map((p) => p.site))]);
      const feeds: Record<string, Tensor> = {};
      const ones = new BigInt64Array(B * T).fill(1n);
      const pos = new BigInt64Array(B * T);
      for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) pos[b * T + t] = BigInt(t);
      const ids = BigInt64Array.from(input.ids.flat(), (v) => BigInt(v));
      const bySite = new Map(patches.map((p) => [p.site, p]));
      for (const inp of m.inputs) {
        const name = inp.name;
        if (name === 'input_ids') feeds[name] = tensor('int64', ids, [B, T], name);
        else if (name === 'attention_mask') feeds[name] = tensor('int64', ones, [B, T], name);
        else if (name === 'position_ids') feeds[name] = tensor('int64', pos, [B, T], name);
        else if (name.startsWith('past_key_values.')) feeds[name] = tensor('float32', new Float32Array(0), [B, cfg.numKvHeads, 0, cfg.headDim], name);
        else if (name.startsWith('patch.')) {
          const site = name.slice('patch.'.length, name.lastIndexOf('.'));
          const p = bySite.get(site);
          if (name === patchInputNames(site).mask) feeds[name] = tensor('float32', p?.mask ?? new Float32Array(B * T), [B, T, 1], name);
          else feeds[name] = tensor('float32', p?.value ?? new Float32Array(B * T * cfg.hiddenSize), [B, T, cfg.hiddenSize], name);
        }
      }
      const fetch = ['logits', ...capture.map((s) => siteMap[s]!)];
      const out = await m.run(feeds, { outputs: [...new Set(fetch)], ...(input.signal ? { signal: input.signal } : {}) });
      const captured: Record<string, Tensor<'float32'>> = {};
      for (const site of capture) captured[site] = out[siteMap[site]!] as Tensor<'float32'>;
      return { logits: out.logits as Tensor<'float32'>, captured };
    },
    async dispose() {
      const all = [...sessions.values()];
      sessions.clear();
      for (const s of all) await (await s.catch(() => undefined))?.dispose();
    },
  };
  return model;
}
