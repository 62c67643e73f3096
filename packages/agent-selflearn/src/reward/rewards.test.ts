import { mulberry32, type ChatMessage } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { verdictEntropy } from './entropy.js';
import { formatReward } from './format-reward.js';
import { generatorReward } from './generator-reward.js';
import { labelScore, parseVerdict, rankingLetter } from './parse-verdict.js';
import { grmReward, policyReward } from './role-rewards.js';

const scores = (k: number, n = 10) => Array.from({ length: n }, (_, i) => (i < k ? 1 : 0));

describe('parseVerdict (T3)', () => {
  it('strict: incorrect → 0, last conclusion wins, none → missing, unknown → unparsed', () => {
    expect(parseVerdict('conclusion: incorrect')).toEqual({ score: 0, label: 'incorrect', status: 'parsed' });
    expect(parseVerdict('conclusion: wrong ... conclusion: correct').score).toBe(1);
    expect(parseVerdict('conclusion: correct ... conclusion: wrong').score).toBe(0);
    expect(parseVerdict('no verdict here')).toEqual({ score: 0, status: 'missing' });
    expect(parseVerdict('conclusion: the answer is not correct')).toEqual({ score: 0, label: 'the', status: 'unparsed' });
    expect(parseVerdict('Conclusion : CORRECT').score).toBe(1);
    expect(parseVerdict('conclusion: uncertain')).toEqual({ score: 0, label: 'uncertain', status: 'parsed' });
  });
  it('strict reads the last <answer> block first (pitfall 2)', () => {
    expect(parseVerdict('<think>conclusion: correct?</think><answer>conclusion: wrong</answer>').score).toBe(0);
    expect(parseVerdict('<answer>conclusion: correct</answer> later conclusion: wrong').score).toBe(1);
  });
  it('asl: "not correct" → 1, no conclusion → 0, incorrect → 0, whole text lower-cased', () => {
    expect(parseVerdict('conclusion: the answer is not correct', 'binary', { parse: 'asl' }).score).toBe(1);
    expect(parseVerdict('I think it is correct', 'binary', { parse: 'asl' })).toEqual({ score: 0, status: 'missing' });
    expect(parseVerdict('CONCLUSION: INCORRECT', 'binary', { parse: 'asl' }).score).toBe(0);
    expect(parseVerdict('conclusion: uncertain', 'binary', { parse: 'asl' }).score).toBe(0);
    expect(parseVerdict('<answer>conclusion: wrong</answer> conclusion: correct', 'binary', { parse: 'asl' }).score).toBe(1);
  });
  it('ranking A…E → 1.0…0.2 in both modes; asl finds a capital letter anywhere', () => {
    const want = [1.0, 0.8, 0.6, 0.4, 0.2];
    ['A', 'B', 'C', 'D', 'E'].forEach((l, i) => {
      expect(parseVerdict(`conclusion: ${l}`, 'ranking').score).toBeCloseTo(want[i]!, 15);
      expect(parseVerdict(`conclusion: ${l}`, 'ranking', { parse: 'asl' }).score).toBeCloseTo(want[i]!, 15);
    });
    expect(parseVerdict('conclusion: the answer is wrong, see Appendix', 'ranking', { parse: 'asl' }).score).toBe(1.0);
    expect(parseVerdict('conclusion: nothing', 'ranking', { parse: 'asl' }).score).toBe(0);
    expect(parseVerdict('conclusion: F', 'ranking').status).toBe('unparsed');
  });
  it('label helpers: ranking letters invert the table (pitfall 10)', () => {
    expect(rankingLetter(1)).toBe('A');
    expect(rankingLetter(0.2)).toBe('E');
    expect(labelScore('conclusion: correct')).toBe(1);
    expect(labelScore('wrong')).toBe(0);
  });
});

describe('generator rewards (T4, spec §4.5)', () => {
  const TABLE: [number, number][] = [
    [5, 0.6931471805599453],
    [4, 0.6730116670092565],
    [3, 0.6108643020548935],
    [2, 0.5004024235381879],
    [1, 0.3250829733914482],
    [0, 0],
  ];
  it.each(TABLE)('entropy at k=%i (and 10-k) = %d within 1e-12', (k, h) => {
    expect(Math.abs(verdictEntropy(scores(k)) - h)).toBeLessThan(1e-12);
    expect(Math.abs(verdictEntropy(scores(10 - k)) - h)).toBeLessThan(1e-12);
    expect(Math.abs(generatorReward({ valid: true, attemptScores: scores(k), kind: 'entropy' }).reward - h)).toBeLessThan(1e-12);
  });
  it('self-check gate passes at 4/5 (mean exactly 0.8) and fails at 3/5', () => {
    const pass = generatorReward({ valid: true, attemptScores: scores(5), selfCheckScores: scores(4, 5) });
    expect(pass.gated).toBe(false);
    expect(pass.selfCheckRate).toBe(0.8);
    expect(pass.reward).toBeCloseTo(Math.LN2, 15);
    const fail = generatorReward({ valid: true, attemptScores: scores(5), selfCheckScores: scores(3, 5) });
    expect(fail.gated).toBe(true);
    expect(fail.reward).toBe(0);
    expect(fail.difficulty).toBeCloseTo(Math.LN2, 15);
  });
  it('invalid → 0 (−1 for r-zero)', () => {
    expect(generatorReward({ valid: false, attemptScores: scores(5) }).reward).toBe(0);
    expect(generatorReward({ valid: false, attemptScores: [], kind: 'r-zero' }).reward).toBe(-1);
  });
  it('absolute-zero(0.3) = 0.7, (0) = (1) = 0; r-zero-asl(0.3) = 0.6', () => {
    expect(generatorReward({ valid: true, attemptScores: scores(3), kind: 'absolute-zero' }).reward).toBeCloseTo(0.7, 15);
    expect(generatorReward({ valid: true, attemptScores: scores(0), kind: 'absolute-zero' }).reward).toBe(0);
    expect(generatorReward({ valid: true, attemptScores: scores(10), kind: 'absolute-zero' }).reward).toBe(0);
    expect(generatorReward({ valid: true, attemptScores: scores(3), kind: 'r-zero-asl' }).reward).toBeCloseTo(0.6, 15);
    expect(generatorReward({ valid: true, attemptScores: scores(3), kind: 'r-zero-asl', repetitionPenalty: 0.1 }).reward).toBeCloseTo(0.5, 15);
  });
  it('r-zero: min(p̂, 1 − p̂) from majority agreement of answers', () => {
    const answers = ['Paris', 'paris', 'The Paris', 'Lyon', 'Nice', 'Paris', 'Paris', 'Lyon', 'Paris', 'Rome'];
    expect(generatorReward({ valid: true, attemptScores: [], attemptAnswers: answers, kind: 'r-zero' }).reward).toBeCloseTo(0.4, 15);
  });
  it('rejects scores outside [0, 1] and thresholds outside [0, 1], naming the field', () => {
    expect(() => generatorReward({ valid: true, attemptScores: [2] })).toThrow(/attemptScores\.0/);
    expect(() => generatorReward({ valid: true, attemptScores: [1], verifyThreshold: 1.5 })).toThrow(/verifyThreshold/);
  });
});

describe('format reward (T4, spec §4.3)', () => {
  const prompt: ChatMessage[] = [
    { role: 'system', content: 'sys' },
    { role: 'user', content: 'q' },
  ];
  const a = (content: string): ChatMessage => ({ role: 'assistant', content });
  const tool: ChatMessage = { role: 'tool', content: 'id: 1\ncontent:\nx' };
  it('spec examples in both modes', () => {
    const both = { prompt, completion: [a('<think>x</think><tool_call>{}</tool_call>'), tool, a('<think>y</think><answer>z</answer>')] };
    expect(formatReward(both)).toBe(0.5);
    expect(formatReward(both, { compat: 'asl' })).toBe(0.5);
    const one = { prompt, completion: [a('<think>x</think><tool_call>{}</tool_call>'), tool, a('<answer>z</answer>')] };
    expect(formatReward(one)).toBe(0.375);
    expect(formatReward(one, { compat: 'asl' })).toBe(0.375);
    const none = { prompt, completion: [a('<answer>z</answer>')] };
    expect(formatReward(none)).toBe(0);
    expect(formatReward(none, { compat: 'asl' })).toBe(0);
  });
  it('asl compat accepts a </think> from a later turn (pitfall 12); strict does not', () => {
    const t = { prompt, completion: [a('<think>open <tool_call>{}</tool_call>'), tool, a('more</think><answer>z</answer>')] };
    expect(formatReward(t, { compat: 'asl' })).toBe((0.5 + 1) / 4);
    expect(formatReward(t)).toBe(0.25);
  });
  it('stays within [0, 0.5] over 10k fuzzed trajectories', () => {
    const random = mulberry32(99);
    const bits = ['<think>', '</think>', 'x', ' ', '<answer>', '<|im_start|>assistant\n', '<tool_response>'];
    for (let i = 0; i < 10_000; i++) {
      const completion: ChatMessage[] = [];
      const turns = Math.floor(random() * 5);
      for (let t = 0; t < turns; t++) {
        let s = '';
        for (let j = 0; j < 6; j++) s += bits[Math.floor(random() * bits.length)];
        completion.push(random() < 0.3 ? { role: 'tool', content: s } : a(s));
      }
      for (const compat of [undefined, 'asl'] as const) {
        const f = formatReward({ prompt, completion }, { compat });
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(0.5);
      }
    }
  });
});

describe('role rewards (T4, spec §4.4)', () => {
  it('GRM label correct vs "conclusion: incorrect" → 0 by default, 1 with asl-subem (the reference bug)', () => {
    expect(grmReward({ grmAnswer: 'conclusion: incorrect', label: 'correct' })).toBe(0);
    expect(grmReward({ grmAnswer: 'conclusion: incorrect', label: 'correct', match: 'asl-subem' })).toBe(1);
  });
  it('GRM exact-token matches', () => {
    expect(grmReward({ grmAnswer: 'conclusion: correct', label: 'correct' })).toBe(1);
    expect(grmReward({ grmAnswer: 'conclusion: incorrect', label: 'wrong' })).toBe(1);
    expect(grmReward({ grmAnswer: 'conclusion: wrong', label: 'conclusion: wrong' })).toBe(1);
    expect(grmReward({ grmAnswer: 'conclusion: correct', label: 'conclusion: wrong' })).toBe(0);
    expect(grmReward({ grmAnswer: 'conclusion: uncertain', label: 'wrong' })).toBe(0);
    expect(grmReward({ label: 'correct' })).toBe(0);
    expect(grmReward({ grmAnswer: 'conclusion: correct', label: 'conclusion: correct', match: 'asl-subem' })).toBe(1);
  });
  it('policy reward: GRM verdict, forced 0 without an answer; rule baselines', () => {
    expect(policyReward({ source: 'grm', answer: 'Paris', verdict: { score: 1, status: 'parsed', label: 'correct' } })).toBe(1);
    expect(policyReward({ source: 'grm', verdict: { score: 1, status: 'parsed', label: 'correct' } })).toBe(0);
    expect(policyReward({ source: 'subem', answer: 'Paris, France', golds: ['paris'] })).toBe(1);
    expect(policyReward({ source: 'em', answer: 'Paris, France', golds: ['paris'] })).toBe(0);
  });
});
