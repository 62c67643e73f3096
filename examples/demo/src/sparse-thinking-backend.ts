// A mode-select backend whose Thinking continuations run with a kv-sparse (SparK) cache: the
// router asks for `prompt = question + <think>`; that generation compresses the KV cache once it
// holds `minTokens` tokens and records the bytes the compressed cache really holds. Every other
// request (selector trials, NoThinking answers, hidden states) goes to the dense local backend.
import { generate } from '@reasonkit/core';
import { type CompressOptions, SparseKVCache, sparkCompression } from '@reasonkit/kv-sparse';
import { type Continuation, type ContinueRequest, continuationFromResult, type LocalBackend, type ReasoningBackend } from '@reasonkit/mode-select';

/** KV memory of one Thinking generation. */
export interface KvRecord {
  /** Tokens in the cache at the end. */
  tokens: number;
  /** Bytes a dense float32 cache of the same tokens holds. */
  denseBytes: number;
  /** Bytes the kv-sparse cache holds (`SparseKVCache.bytes().total`); equals `denseBytes` when not compressed. */
  cacheBytes: number;
}

export interface SparseThinkingBackend extends ReasoningBackend {
  /** One record per Thinking generation, in call order. */
  readonly kvRecords: KvRecord[];
}

export function createSparseThinkingBackend(inner: LocalBackend, o: { thinkOpen: string; eosTokenIds: number[]; compress: CompressOptions; minTokens: number }): SparseThinkingBackend {
  const { lm, tokenizer } = inner;
  const c = lm.config;
  const geometry = { layers: c.numLayers, kvHeads: c.numKvHeads, qHeads: c.numQHeads, headDim: c.headDim };
  const kvRecords: KvRecord[] = [];
  const usage = inner.usage;

  async function thinking(request: ContinueRequest): Promise<Continuation> {
    const ids = inner.encode(request.prompt);
    const spark = sparkCompression({ geometry, compress: o.compress, minTokens: o.minTokens });
    const r = await generate(lm, {
      inputIds: ids,
      tokenizer,
      maxNewTokens: request.maxTokens,
      temperature: 0,
      eosTokenIds: o.eosTokenIds,
      hooks: spark.hooks,
      outputs: spark.outputs,
      logprobs: { topN: 0 },
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const tokens = r.cache.length;
    const denseBytes = tokens * geometry.layers * geometry.kvHeads * geometry.headDim * 2 * 4;
    kvRecords.push({ tokens, denseBytes, cacheBytes: r.cache instanceof SparseKVCache ? r.cache.bytes().total : denseBytes });
    usage.prefillTokens += ids.length;
    usage.decodeTokens += r.ids.length;
    usage.calls += 1;
    return continuationFromResult(r, tokenizer, { prefillTokens: ids.length });
  }

  return {
    kind: 'local',
    capabilities: inner.capabilities,
    hiddenLayers: inner.hiddenLayers,
    usage,
    kvRecords,
    continue: (request) => (request.prompt.endsWith(o.thinkOpen) && !request.stop?.length ? thinking(request) : inner.continue(request)),
    hiddenState: inner.hiddenState!.bind(inner),
    score: inner.score!.bind(inner),
    countTokens: inner.countTokens!.bind(inner),
  };
}
