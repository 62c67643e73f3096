// Test-only fixtures for generation tests (not exported from the barrel).
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from '../model/causal-lm.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';

/**
 * A scripted LM: after the fed sequence `ids`, its logits give `next(ids)` a margin of 5 over the
 * others (plus small deterministic noise). It keeps a 1-layer dense cache holding the ids as keys.
 */
export function scriptedLM(
  next: (ids: readonly number[]) => number,
  config: Partial<CausalLMConfig> = {},
): CausalLM & { forwards: ForwardInput[] } {
  const cfg: CausalLMConfig = {
    modelType: 'scripted',
    numLayers: 1,
    numQHeads: 1,
    numKvHeads: 1,
    headDim: 1,
    hiddenSize: 1,
    vocabSize: 16,
    maxPositions: 64,
    eosTokenIds: [2],
    kvDtype: 'float32',
    ...config,
  };
  const spec = { numLayers: 1, numKvHeads: 1, headDim: 1, dtype: 'float32' as const };
  const forwards: ForwardInput[] = [];
  const lm = {
    config: cfg,
    extraOutputs: ['ids'],
    cacheSpec: spec,
    forwards,
    createCache: (): KVCache => DenseKVCache.empty(spec),
    async forward(input: ForwardInput): Promise<ForwardOutput> {
      forwards.push(input);
      const cache = input.cache ?? DenseKVCache.empty(spec);
      const past = cache.layers()[0]!.key.data as Float32Array;
      const seq = [...Array.from(past), ...input.inputIds];
      const n = input.inputIds.length;
      const vocab = cfg.vocabSize;
      const logits = new Float32Array(n * vocab);
      for (let r = 0; r < n; r++) {
        const prefix = seq.slice(0, past.length + r + 1);
        const target = next(prefix);
        for (let v = 0; v < vocab; v++) logits[r * vocab + v] = Math.sin(v * 1.7 + prefix.length) * 0.5 + (v === target ? 5 : 0);
      }
      const kv = tensor('float32', Float32Array.from(seq), [1, 1, seq.length, 1]);
      const start = cache.nextPosition;
      const positions = Int32Array.from(input.positionIds ?? Array.from({ length: n }, (_, i) => start + i));
      return {
        logits: tensor('float32', logits, [1, n, vocab]),
        cache: cache.update([{ key: kv, value: kv }], positions),
        extra: input.outputs?.includes('ids') ? { ids: tensor('float32', Float32Array.from(seq), [seq.length]) } : {},
      };
    },
    async dispose() {},
  };
  return lm;
}

/**
 * A byte-level tokenizer over a fixed piece table (id → UTF-8 bytes); decoding concatenates bytes,
 * so pieces may split multi-byte characters. Ids 0–2 are special (empty text when skipped).
 */
export function pieceTokenizer(pieces: readonly (string | number[])[]): Tokenizer {
  const bytes = pieces.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  return {
    vocabSize: pieces.length,
    bosId: 1,
    eosId: 2,
    encode(text) {
      // greedy longest-match over string pieces (test helper only)
      const out: number[] = [];
      let rest = text;
      while (rest.length > 0) {
        let best = -1;
        for (let i = 3; i < pieces.length; i++) {
          const p = pieces[i];
          if (typeof p === 'string' && p.length > 0 && rest.startsWith(p) && (best < 0 || p.length > (pieces[best] as string).length)) best = i;
        }
        if (best < 0) throw new Error(`cannot encode ${rest}`);
        out.push(best);
        rest = rest.slice((pieces[best] as string).length);
      }
      return out;
    },
    decode(ids, options) {
      const skip = options?.skipSpecial ?? true;
      const parts = ids.filter((id) => !(skip && id < 3)).map((id) => bytes[id]!);
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      return new TextDecoder().decode(all);
    },
    idToToken: (id) => (typeof pieces[id] === 'string' ? (pieces[id] as string) : undefined),
  };
}
