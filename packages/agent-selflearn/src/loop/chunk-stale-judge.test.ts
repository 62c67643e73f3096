import { contentText } from '@reasonkit/core';
import { createScriptedTextModel } from '@reasonkit/core/testing';
import { describe, expect, it } from 'vitest';
import { stableId } from '../rollout/stable-id.js';
import type { ToolEnv } from '../rollout/tool-env.js';
import { ChunkStaleJudge, type ModelProvider } from './chunk-stale-judge.js';
import { scoreVerlRow } from './score-row.js';

// A scripted "training run": checkpoint v (after v updates) judges by a hash of (request, v), so
// every update changes some verdicts, as a live actor's would.
const checkpoint = (v: number) =>
  createScriptedTextModel({
    id: `ckpt-${v}`,
    replies: (req) => {
      const user = contentText(req.messages?.at(-1)?.content ?? '');
      return `<think>check</think><answer>conclusion: ${parseInt(stableId(user, v).slice(0, 6), 16) % 2 ? 'correct' : 'wrong'}</answer>`;
    },
  });

class Trainer implements ModelProvider {
  version = 0;
  readonly models = Array.from({ length: 16 }, (_, v) => checkpoint(v));
  current() {
    return this.models[this.version]!;
  }
  update() {
    this.version++;
  }
}

const env: ToolEnv = { execute: async () => [] };
const STEPS = 12;
const batch = (step: number) =>
  Array.from({ length: 8 }, (_, i) => ({ question: `Question ${step}-${i}?`, solution: `<think>t</think><answer>Answer ${(step + i) % 5}</answer>` }));

/** Rewards of a scripted run, judged by `judgeAt(step, trainer)` before each update. */
async function run(judgeAt: (step: number, trainer: Trainer) => import('@reasonkit/core').TextModel): Promise<number[][]> {
  const trainer = new Trainer();
  const out: number[][] = [];
  for (let s = 0; s < STEPS; s++) {
    const judge = judgeAt(s, trainer);
    const scores = await Promise.all(batch(s).map((r) => scoreVerlRow('agent-selflearn/solve', r.solution, 'gt', { phase: 'solve', question: r.question }, { judge, env })));
    out.push(scores.map((x) => x.score));
    trainer.update();
  }
  return out;
}

describe('ChunkStaleJudge (T12)', () => {
  it('chunk size 1 reproduces the live-judge rewards of a scripted run', async () => {
    const live = await run((_, t) => t.current());
    let stale: ChunkStaleJudge | undefined;
    const chunked = await run((s, t) => {
      stale ??= new ChunkStaleJudge(t, { chunkSteps: 1 });
      stale.beginStep(s);
      return stale;
    });
    expect(chunked).toEqual(live);
    expect(live.flat().some((x) => x === 1) && live.flat().some((x) => x === 0)).toBe(true);
  });

  it('chunk size 4 judges step s with the checkpoint from step ⌊s/4⌋·4, which differs from live', async () => {
    const live = await run((_, t) => t.current());
    const pinnedLive = await run((s, t) => t.models[Math.floor(s / 4) * 4]!);
    let stale: ChunkStaleJudge | undefined;
    const pinned: number[] = [];
    const chunked = await run((s, t) => {
      stale ??= new ChunkStaleJudge(t, { chunkSteps: 4 });
      stale.beginStep(s);
      pinned.push(stale.pinnedStep);
      return stale;
    });
    expect(pinned).toEqual([0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8]);
    expect(chunked).toEqual(pinnedLive);
    expect(chunked).not.toEqual(live);
    expect(chunked.slice(0, 1)).toEqual(live.slice(0, 1)); // the first step of a chunk is judged live
  });

  it('rejects chunkSteps < 1 naming the field', () => {
    expect(() => new ChunkStaleJudge(new Trainer(), { chunkSteps: 0 })).toThrow(/chunkSteps/);
  });
});
