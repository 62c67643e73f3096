import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import { tensor } from '../tensor/create-tensor.js';
import { pieceTokenizer, scriptedLM } from '../test-utils/generation-fixtures.js';
import { generate } from './generate.js';
import { streamGenerate } from './stream-generate.js';

// Counts up: after id k comes k + 1 (wrapping within 3..15), so the script never emits EOS (2).
const countUp = (ids: readonly number[]) => {
  const last = ids[ids.length - 1]!;
  return last >= 15 ? 3 : Math.max(3, last + 1);
};

function naiveLogSoftmax(row: ArrayLike<number>): number[] {
  const xs = Array.from(row);
  const m = Math.max(...xs);
  const lse = m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
  return xs.map((x) => x - lse);
}

describe('generate (scripted LM)', () => {
  it('greedy follows the script, stops at maxNewTokens, feeds the prompt once then one id per step', async () => {
    const lm = scriptedLM(countUp);
    const r = await generate(lm, { inputIds: [1, 4], maxNewTokens: 5 });
    expect(r.ids).toEqual([5, 6, 7, 8, 9]);
    expect(r.allIds).toEqual([1, 4, 5, 6, 7, 8, 9]);
    expect(r.finishReason).toBe('length');
    expect(lm.forwards.map((f) => f.inputIds)).toEqual([[1, 4], [5], [6], [7], [8]]);
    expect(r.cache.length).toBe(6); // the last id is never fed
    expect(r.usage).toEqual({ input: 2, output: 5 });
  });

  it('stops on EOS (included in ids, excluded from text) and honours eosTokenIds', async () => {
    const script = (ids: readonly number[]) => (ids.length >= 4 ? 2 : countUp(ids));
    const tok = pieceTokenizer(['<unk>', '<s>', '</s>', ...'abcdefghijklm']);
    const r = await generate(scriptedLM(script), { inputIds: [1, 4], maxNewTokens: 10, tokenizer: tok });
    expect(r.ids).toEqual([5, 6, 2]);
    expect(r.finishReason).toBe('eos');
    expect(r.text).toBe('cd');
    const noEos = await generate(scriptedLM(script), { inputIds: [1, 4], maxNewTokens: 4, eosTokenIds: [] });
    expect(noEos.ids).toHaveLength(4);
  });

  it('logprobs at a 32,000-token vocabulary agree with the Math.exp log_softmax to 1e-6 (greedy and sampled)', async () => {
    const vocabSize = 32000;
    for (const options of [{ temperature: 0 }, { temperature: 0.7, seed: 5 }]) {
      const lm = scriptedLM(countUp, { vocabSize });
      const r = await generate(lm, { inputIds: [3], maxNewTokens: 4, ...options });
      let cache = lm.createCache();
      let feed = [3];
      for (const step of r.steps) {
        const out = await lm.forward({ inputIds: feed, cache });
        cache = out.cache;
        const row = out.logits.data.subarray((out.logits.dims[1]! - 1) * vocabSize);
        let max = -Infinity;
        for (const v of row) if (v > max) max = v;
        let sum = 0;
        for (const v of row) sum += Math.exp(v - max);
        expect(Math.abs(step.logprob - (row[step.id]! - max - Math.log(sum)))).toBeLessThan(1e-6);
        feed = [step.id];
      }
    }
  });

  it('target 11: logprobs are log_softmax of raw logits and top is sorted descending', async () => {
    const lm = scriptedLM(countUp);
    const r = await generate(lm, { inputIds: [3], maxNewTokens: 4, logprobs: { topN: 5 } });
    let cache = lm.createCache();
    let feed = [3];
    for (const step of r.steps) {
      const out = await lm.forward({ inputIds: feed, cache });
      cache = out.cache;
      const row = out.logits.data.subarray((out.logits.dims[1]! - 1) * 16);
      const lp = naiveLogSoftmax(row);
      expect(Math.abs(step.logprob - lp[step.id]!)).toBeLessThan(1e-6);
      expect(step.top).toHaveLength(5);
      expect(step.top![0]!.id).toBe(step.id);
      for (let i = 1; i < 5; i++) expect(step.top![i - 1]!.logprob).toBeGreaterThanOrEqual(step.top![i]!.logprob);
      for (const t of step.top!) expect(Math.abs(t.logprob - lp[t.id]!)).toBeLessThan(1e-6);
      feed = [step.id];
    }
  });

  it("logprobs from 'processed' see the processors (suppressed ids drop out of top)", async () => {
    const r = await generate(scriptedLM(countUp), {
      inputIds: [3],
      maxNewTokens: 1,
      suppressTokens: [4],
      logprobs: { topN: 3, from: 'processed' },
    });
    expect(r.ids[0]).not.toBe(4);
    expect(r.steps[0]!.top!.map((t) => t.id)).not.toContain(4);
    const raw = await generate(scriptedLM(countUp), { inputIds: [3], maxNewTokens: 1, suppressTokens: [4], logprobs: { topN: 3 } });
    expect(raw.steps[0]!.top![0]!.id).toBe(4);
    expect(raw.steps[0]!.logprob).toBeLessThan(processedLogprob(r));
  });

  it('sampling with a seed is reproducible and differs across seeds', async () => {
    const lm = scriptedLM(countUp);
    const opts = { inputIds: [3], maxNewTokens: 12, temperature: 3, seed: 42 };
    const a = await generate(lm, opts);
    const b = await generate(lm, opts);
    const c = await generate(lm, { ...opts, seed: 43 });
    expect(a.ids).toEqual(b.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('hooks: onStep sees raw and processed logits, requested extra outputs and can stop with a reason', async () => {
    const seen: number[] = [];
    const r = await generate(scriptedLM(countUp), {
      inputIds: [3, 4],
      maxNewTokens: 10,
      temperature: 0,
      outputs: ['ids'],
      hooks: {
        onStep(ctx) {
          seen.push(ctx.step);
          expect(ctx.extra.ids!.data.length).toBe(ctx.ids.length);
          expect(ctx.position).toBe(ctx.ids.length - 1);
          if (ctx.step === 3) return { stop: true, reason: 'probe says done' };
        },
      },
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(r.ids).toEqual([5, 6, 7]);
    expect(r.finishReason).toBe('hook');
    expect(r.stopReason).toBe('probe says done');
  });

  it('hooks can replace the cache (evict the oldest token, keeping absolute positions) and force tokens', async () => {
    const lm = scriptedLM(countUp);
    const lengths: number[] = [];
    const positions: number[][] = [];
    const r = await generate(lm, {
      inputIds: [3, 4, 5],
      maxNewTokens: 6,
      hooks: [
        {
          onStep(ctx) {
            const c = ctx.cache;
            if (c.length <= 3) return;
            const layer = c.layers()[0]!;
            const keep = (t: typeof layer.key) => tensor('float32', (t.data as Float32Array).slice(1), [1, 1, c.length - 1, 1]);
            return { cache: DenseKVCache.from([{ key: keep(layer.key), value: keep(layer.value) }], c.positions.slice(1)) };
          },
        },
        {
          onStep(ctx) {
            lengths.push(ctx.cache.length);
            positions.push(Array.from(ctx.cache.positions));
            if (ctx.step === 2) return { forceToken: 12 };
          },
        },
      ],
    });
    expect(lengths).toEqual([3, 3, 3, 3, 3, 3]);
    expect(positions[5]).toEqual([5, 6, 7]);
    expect(r.ids).toEqual([6, 7, 12, 13, 14, 15]);
    expect(r.steps[2]!.forced).toBe(true);
    // the next forward after an eviction continues at the original absolute position
    expect(lm.forwards.map((f) => f.cache?.nextPosition ?? 0)).toEqual([0, 3, 4, 5, 6, 7]);
  });

  it('beforeStep can stop before a forward; onProgress and onToken see every token', async () => {
    const lm = scriptedLM(countUp);
    const progress: number[] = [];
    const tokens: number[] = [];
    const r = await generate(lm, {
      inputIds: [3],
      maxNewTokens: 10,
      onProgress: (p) => progress.push(p.generated),
      hooks: {
        beforeStep: (ctx) => (ctx.step === 3 ? { stop: true, reason: 'budget' } : undefined),
        onToken: (t) => void tokens.push(t.id),
      },
    });
    expect(r.finishReason).toBe('hook');
    expect(r.stopReason).toBe('budget');
    expect(r.ids).toEqual([4, 5, 6]);
    expect(tokens).toEqual([4, 5, 6]);
    expect(progress).toEqual([1, 2, 3]);
    expect(lm.forwards).toHaveLength(3);
  });

  it('abort ends with finishReason abort and the partial result', async () => {
    const ctl = new AbortController();
    const r = await generate(scriptedLM(countUp), {
      inputIds: [3],
      maxNewTokens: 10,
      signal: ctl.signal,
      hooks: { onToken: (t) => void (t.index === 1 && ctl.abort()) },
    });
    expect(r.finishReason).toBe('abort');
    expect(r.ids).toHaveLength(2);
  });

  it('a prompt beyond the context throws CONTEXT_OVERFLOW before any forward', async () => {
    const lm = scriptedLM(countUp, { maxPositions: 4 });
    await expect(generate(lm, { inputIds: [3, 4, 5, 6, 7] })).rejects.toMatchObject({ code: 'CONTEXT_OVERFLOW' });
    expect(lm.forwards).toHaveLength(0);
    const r = await generate(lm, { inputIds: [3, 4], maxNewTokens: 10 });
    expect(r.finishReason).toBe('length');
    expect(r.ids).toHaveLength(3); // positions 2 and 3 fed, the third new id is never fed
  });

  it('validates options with field paths', async () => {
    const lm = scriptedLM(countUp);
    const fails = async (o: object, field: string) => {
      try {
        await generate(lm, o as never);
        expect.unreachable();
      } catch (e) {
        expect(ReasonkitError.is(e, 'INVALID_ARGUMENT')).toBe(true);
        expect((e as Error).message).toContain(field);
      }
    };
    await fails({ maxNewTokens: 3 }, 'inputIds');
    await fails({ prompt: 'ab' }, 'tokenizer');
    await fails({ inputIds: [3], topP: 1.5 }, 'topP');
    await fails({ inputIds: [3], stopStrings: ['x'] }, 'stopStrings');
    await fails({ inputIds: [99] }, 'inputIds.0');
  });
});

function processedLogprob(r: { steps: { logprob: number }[] }): number {
  return r.steps[0]!.logprob;
}

describe('streaming text', () => {
  // ids 3.. are pieces; 'é' is split over two byte tokens (0xC3, 0xA9)
  const tok = pieceTokenizer(['<unk>', '<s>', '</s>', 'He', 'llo', ' wor', 'ld', [0xc3], [0xa9], '!', ' STOP', 'S', 'TOP', 'x', 'y', 'z']);
  const sequence = (seq: number[]) => (ids: readonly number[]) => seq[ids.length] ?? 15;

  it('holds back incomplete UTF-8 and concatenated deltas equal the text', async () => {
    const lm = scriptedLM(sequence([3, 4, 7, 8, 9, 2]));
    const deltas: string[] = [];
    let result;
    for await (const part of streamGenerate(lm, { prompt: 'He', tokenizer: tok, maxNewTokens: 10 })) {
      if (part.type === 'token') deltas.push(part.textDelta);
      else {
        deltas.push(part.textDelta);
        result = part.result;
      }
    }
    expect(result!.text).toBe('lloé!');
    expect(deltas.join('')).toBe('lloé!');
    expect(deltas.slice(0, 4)).toEqual(['llo', '', 'é', '!']);
    for (const d of deltas) expect(d).not.toContain('\uFFFD');
  });

  it('stops on a stop string spanning tokens, trims it and never streams it', async () => {
    const lm = scriptedLM(sequence([3, 4, 5, 11, 12, 6, 6]));
    const deltas: string[] = [];
    let result;
    for await (const part of streamGenerate(lm, { inputIds: [3], tokenizer: tok, maxNewTokens: 10, stopStrings: [' wSTOP', 'STOP'] })) {
      deltas.push(part.textDelta);
      if (part.type === 'finish') result = part.result;
    }
    expect(result!.finishReason).toBe('stop-string');
    expect(result!.stopReason).toBe('STOP');
    expect(result!.text).toBe('llo wor');
    expect(deltas.join('')).toBe('llo wor');
    expect(result!.ids).toEqual([4, 5, 11, 12]);
  });
});
