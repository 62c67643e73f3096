import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { generate } from '../generation/generate.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import { narrow } from '../tensor/narrow.js';
import { catchError, rejection } from '../test-utils/expect-error.js';
import { createScriptedCausalLM } from './scripted-causal-lm.js';

/** Keeps the cache rows whose index is in `keep` (same for every layer), with their positions. */
function evict(cache: KVCache, keep: number[]): DenseKVCache {
  const layers = cache.layers().map((layer) => {
    const pick = (t: typeof layer.key) => {
      const [, H, S, D] = t.dims as [number, number, number, number];
      const src = t.data as Float32Array;
      const out = new Float32Array(H * keep.length * D);
      for (let h = 0; h < H; h++) keep.forEach((s, j) => out.set(src.subarray((h * S + s) * D, (h * S + s + 1) * D), (h * keep.length + j) * D));
      return { ...t, data: out, dims: [1, H, keep.length, D] } as typeof layer.key;
    };
    return { key: pick(layer.key), value: pick(layer.value) };
  });
  return DenseKVCache.from(layers, Int32Array.from(keep.map((s) => cache.positions[s]!)), cache.nextPosition);
}

describe('createScriptedCausalLM', () => {
  it('generates the scripted tokens with logprob 0 and a real dense cache (key = position, value = token id)', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 8, script: [{ token: 3 }, { token: 5 }, { token: 2 }], eosTokenIds: [2] });
    const r = await generate(lm, { inputIds: [1, 4], maxNewTokens: 10 });
    expect(r.ids).toEqual([3, 5, 2]);
    expect(r.finishReason).toBe('eos');
    expect(r.steps.map((s) => s.logprob)).toEqual([0, 0, 0]);
    // fed: [1, 4] at 0..1, then 3 at 2, then 5 at 3 (2 is EOS and never fed)
    expect(r.cache.length).toBe(4);
    expect(Array.from(r.cache.positions)).toEqual([0, 1, 2, 3]);
    const layer = r.cache.layers()[1]!;
    expect(layer.key.dims).toEqual([1, 1, 4, 4]);
    expect(Array.from(layer.key.data as Float32Array).filter((_, i) => i % 4 === 0)).toEqual([0, 1, 2, 3]);
    expect(Array.from(layer.value.data as Float32Array).filter((_, i) => i % 4 === 0)).toEqual([1, 4, 3, 5]);
    expect(lm.calls.map((c) => c.inputIds)).toEqual([[1, 4], [3], [5]]);
    expect(lm.calls.map((c) => c.cacheLength)).toEqual([0, 2, 3]);
  });

  it('returns scripted extra outputs only when requested, per step (outputs as a function of the step)', async () => {
    const hidden = [
      [0.5, 1, 1.5],
      [2, 2.5, 3],
    ];
    const lm = createScriptedCausalLM({
      vocabSize: 6,
      script: [{ logits: [0, 1, 5, 0, 0, 0], extra: { 'hidden_states.2': hidden } }, { token: 4 }],
    });
    expect(lm.extraOutputs).toEqual(['hidden_states.2']);
    const seen: Record<number, string[]> = {};
    const r = await generate(lm, {
      inputIds: [1, 3],
      maxNewTokens: 2,
      outputs: (step) => (step === 0 ? ['hidden_states.2'] : []),
      hooks: {
        onStep(ctx) {
          seen[ctx.step] = Object.keys(ctx.extra);
          if (ctx.step === 0) {
            expect(ctx.extra['hidden_states.2']!.dims).toEqual([1, 2, 3]);
            expect(Array.from(narrow(ctx.extra['hidden_states.2']!, 1, 1, 1).data as Float32Array)).toEqual([2, 2.5, 3]);
          }
        },
      },
    });
    expect(r.ids).toEqual([2, 4]);
    expect(seen).toEqual({ 0: ['hidden_states.2'], 1: [] });
    expect(lm.calls.map((c) => c.outputs)).toEqual([['hidden_states.2'], []]);
    // log-softmax of [0, 1, 5, 0, 0, 0] at 2: 5 − ln(4·e⁰ + e¹ + e⁵) = 5 − ln(4 + 2.718282 + 148.413159) = 5 − 5.044255
    expect(r.steps[0]!.logprob).toBeCloseTo(5 - Math.log(4 + Math.E + Math.exp(5)), 5);
  });

  it('runs a function script, honours explicit positions after eviction, and records them', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 10, script: (ctx) => ({ token: (ctx.positions.at(-1)! % 9) + 1 }) });
    const r = await generate(lm, {
      inputIds: [1, 2, 3, 4],
      maxNewTokens: 3,
      hooks: { onStep: (ctx) => (ctx.step === 0 ? { cache: evict(ctx.cache, [0, 3]) } : undefined) },
    });
    // step 0 feeds positions 0..3 → token 4; evict to rows {0, 3} (positions 0 and 3); next token at position 4
    expect(lm.calls.map((c) => c.positions)).toEqual([[0, 1, 2, 3], [4], [5]]);
    expect(r.ids).toEqual([4, 5, 6]);
    expect(Array.from(r.cache.positions)).toEqual([0, 3, 4, 5]);
    expect(Array.from(r.cache.layers()[0]!.key.data as Float32Array).filter((_, i) => i % 4 === 0)).toEqual([0, 3, 4, 5]);
  });

  it('without position_ids, an evicted cache is a typed POSITION_IDS_UNSUPPORTED error', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 10, takesPositionIds: false, script: (ctx) => ({ token: ctx.step + 1 }) });
    expect(lm.takesPositionIds).toBe(false);
    const first = await lm.forward({ inputIds: [1, 2, 3], logits: 'last' });
    await lm.forward({ inputIds: [4], cache: first.cache }); // contiguous: fine
    const err = await rejection(() => lm.forward({ inputIds: [4], cache: evict(first.cache, [0, 2]) }));
    expect(ReasonkitError.is(err, 'POSITION_IDS_UNSUPPORTED')).toBe(true);
    expect((err as Error).message).toMatch(/nextPosition is 3/);
    const explicit = await rejection(() => lm.forward({ inputIds: [4], cache: first.cache, positionIds: [7] }));
    expect(ReasonkitError.is(explicit, 'POSITION_IDS_UNSUPPORTED')).toBe(true);
  });

  it('supports logits: none steps when a hook forces the token (teacher forcing), with NaN logprob', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 6, script: [{ extra: { 'hidden_states.1': [1, 2] } }, { token: 5 }] });
    const r = await generate(lm, {
      inputIds: [1],
      maxNewTokens: 2,
      logits: (step) => (step === 0 ? 'none' : 'last'),
      outputs: (step) => (step === 0 ? ['hidden_states.1'] : []),
      hooks: {
        onStep(ctx) {
          if (ctx.step === 0) {
            expect(ctx.logits.length).toBe(0);
            return { forceToken: 4 };
          }
        },
      },
    });
    expect(r.ids).toEqual([4, 5]);
    expect(r.steps[0]!.logprob).toBeNaN();
    expect(r.steps[0]!.forced).toBe(true);
    expect(lm.calls.map((c) => c.logits)).toEqual(['none', 'last']);
    const unforced = createScriptedCausalLM({ vocabSize: 6, script: [{}] });
    const err = await rejection(() => generate(unforced, { inputIds: [1], logits: 'none' }));
    expect(ReasonkitError.is(err, 'INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toMatch(/step 0 ran with logits: 'none'/);
  });

  it('gives clear errors when the script runs out or lacks what was asked', async () => {
    const lm = createScriptedCausalLM({ vocabSize: 4, script: [{ token: 1 }] });
    await lm.forward({ inputIds: [0] });
    const out = await rejection(() => lm.forward({ inputIds: [1] }));
    expect(ReasonkitError.is(out, 'INVALID_ARGUMENT')).toBe(true);
    expect((out as Error).message).toMatch(/forward #1: the script has only 1 steps/);
    const fn = createScriptedCausalLM({ vocabSize: 4, script: () => undefined });
    expect((await rejection(() => fn.forward({ inputIds: [0] })) as Error).message).toMatch(/ran out/);
    const noExtra = createScriptedCausalLM({ vocabSize: 4, extraOutputs: ['hidden_states.1'], script: [{ token: 1 }] });
    expect((await rejection(() => noExtra.forward({ inputIds: [0], outputs: ['hidden_states.1'] })) as Error).message).toMatch(
      /output "hidden_states.1" was requested but the script step does not provide it/,
    );
    const unknown = await rejection(() => noExtra.forward({ inputIds: [0], outputs: ['queries.0'] }));
    expect(ReasonkitError.is(unknown, 'UNKNOWN_OUTPUT')).toBe(true);
    const badId = await rejection(() => lm.forward({ inputIds: [9] }));
    expect((badId as Error).message).toMatch(/inputIds.0 = 9/);
    const overflow = createScriptedCausalLM({ vocabSize: 4, maxPositions: 2, script: (c) => ({ token: c.step % 4 }) });
    expect(ReasonkitError.is(await rejection(() => overflow.forward({ inputIds: [0, 1, 2] })), 'CONTEXT_OVERFLOW')).toBe(true);
    const allRows = createScriptedCausalLM({ vocabSize: 4, script: [{ token: 1 }] });
    expect((await rejection(() => allRows.forward({ inputIds: [0, 1], logits: 'all' })) as Error).message).toMatch(/gives only the last row/);
    expect(ReasonkitError.is(catchError(() => createScriptedCausalLM({ vocabSize: 1, script: [] })), 'INVALID_ARGUMENT')).toBe(true);
  });
});
