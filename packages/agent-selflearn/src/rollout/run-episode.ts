import * as z from 'zod';
import { contentText, parseOptions, ReasonkitError, throwIfAborted, type ChatMessage, type TextModel } from '@reasonkit/core';
import { parseTurn, type Dialect } from '../parse/tags.js';
import { stableId } from './stable-id.js';
import type { ToolEnv } from './tool-env.js';

/** Rollout budgets and sampling (zod; defaults from the reference code). */
export const RolloutConfigSchema = z.object({
  /** Tag dialect. Default `asl`. */
  dialect: z.enum(['asl', 'search-r1', 'verl-tool']).default('asl'),
  /** Model turns per episode. Default 9 (reference `max_turns`). */
  maxTurns: z.number().int().min(1).default(9),
  /** Tokens per turn. Default 2,048 (reference). */
  maxTokensPerTurn: z.number().int().min(1).default(2048),
  /** Response tokens over all model turns (observations not counted). Default 10,240 (reference). */
  maxResponseTokens: z.number().int().min(1).default(10_240),
  /** Default 1.0 (reference). */
  temperature: z.number().min(0).default(1.0),
  /** A turn with neither tool call nor answer: `stop` (ASL) or a fixed nudge (Search-R1). */
  onNoAction: z.enum(['stop', 'nudge']).default('stop'),
  /** Base seed; turn t of sample i uses seed + 1000·i + t. Default 0. */
  seed: z.number().int().default(0),
});
/** Input type of `RolloutConfigSchema`. */
export type RolloutConfig = z.input<typeof RolloutConfigSchema>;

/** Why an episode ended. */
export type StopReason = 'answer' | 'no-action' | 'max-turns' | 'max-tokens' | 'error';

/** A span of the episode text, marked trainable or not. */
export interface Segment {
  kind: 'prompt' | 'model' | 'observation';
  text: string;
  /** Only model segments are trainable (retrieved-token masking). */
  trainable: boolean;
  turn: number;
}

/** One finished episode: messages, segments, counts, stop reason and the parsed final answer/question. */
export interface Trajectory {
  id: string;
  role: string;
  taskId?: string;
  modelRef: string;
  sampleIdx: number;
  messages: ChatMessage[];
  segments: Segment[];
  turns: number;
  toolCalls: number;
  malformedToolCalls: number;
  stopReason: StopReason;
  /** Last `<answer>` of the final model turn. */
  answer?: string;
  /** Last `<question>` of the final model turn. */
  question?: string;
  /** The final model turn's text. */
  finalText: string;
  responseTokens: number;
  error?: string;
}

/** Stop strings per dialect (kept in the generated text). */
export const STOP_STRINGS: Record<Dialect, string[]> = {
  asl: ['</tool_call>', '</answer>'],
  'search-r1': ['</search>', '</answer>'],
  'verl-tool': ['</tool_call>', '</answer>'],
};

/** Search-R1's fixed nudge for an invalid action. */
export const NUDGE = 'My previous action is invalid. If I want to search, I should put the query between <search> and </search>. If I want to give the final answer, I should put the answer between <answer> and </answer>. Let me try again.';

/** Bookkeeping options of `runEpisode` (role, task, sample index, abort signal). */
export interface EpisodeOptions {
  role?: string;
  taskId?: string;
  sampleIdx?: number;
  signal?: AbortSignal;
}

/**
 * One multi-turn tool-use episode (spec §6.1, §3.3): generate with the dialect's stop strings
 * (kept in the text), parse the turn, stop on `<answer>` (the answer wins over tool calls), run
 * tool calls and append their observations (never trainable), stop or nudge on no action, and
 * respect the turn and token budgets. The id hashes (prompt, role, sample index, seed).
 * Model errors end the episode with `stopReason: 'error'`; an abort throws `ABORTED`.
 */
export async function runEpisode(model: TextModel, env: ToolEnv, prompt: readonly ChatMessage[], config: RolloutConfig = {}, options: EpisodeOptions = {}): Promise<Trajectory> {
  const cfg = parseOptions(RolloutConfigSchema, config, 'rollout config');
  const sampleIdx = options.sampleIdx ?? 0;
  const role = options.role ?? 'policy';
  const promptText = prompt.map((m) => `${m.role}:${contentText(m.content)}`).join('\n');
  const messages: ChatMessage[] = [...prompt];
  const segments: Segment[] = prompt.map((m) => ({ kind: 'prompt', text: contentText(m.content), trainable: false, turn: -1 }));
  const stops = STOP_STRINGS[cfg.dialect];
  const count = (text: string) => model.countTokens?.(text) ?? Math.ceil(text.length / 4);
  let used = 0;
  let toolCalls = 0;
  let malformed = 0;
  let finalText = '';
  let answer: string | undefined;
  let question: string | undefined;
  let stopReason: StopReason = 'max-turns';
  let error: string | undefined;
  let turn = 0;
  for (; turn < cfg.maxTurns; turn++) {
    throwIfAborted(options.signal, 'rollout');
    const remaining = cfg.maxResponseTokens - used;
    if (remaining <= 0) {
      stopReason = 'max-tokens';
      break;
    }
    let text: string;
    let finish: string;
    try {
      const res = await model.generate({
        messages: [...messages],
        stop: stops,
        includeStop: true,
        maxTokens: Math.min(cfg.maxTokensPerTurn, remaining),
        temperature: cfg.temperature,
        seed: cfg.seed + 1000 * sampleIdx + turn,
        signal: options.signal,
      });
      text = res.text;
      if (res.stopSequence && !text.endsWith(res.stopSequence)) text += res.stopSequence; // adapters that drop it
      finish = res.finishReason;
    } catch (e) {
      if (ReasonkitError.is(e, 'ABORTED')) throw e;
      stopReason = 'error';
      error = (e as Error).message;
      break;
    }
    used += count(text);
    finalText = text;
    messages.push({ role: 'assistant', content: text });
    segments.push({ kind: 'model', text, trainable: true, turn });
    const parsed = parseTurn(text, cfg.dialect);
    answer = parsed.answer;
    question = parsed.question ?? question;
    toolCalls += parsed.toolCalls.length;
    malformed += parsed.toolCalls.filter((c) => !c.ok).length;
    if (parsed.action === 'answer') {
      stopReason = 'answer';
      turn++;
      break;
    }
    if (parsed.action === 'tool') {
      const observations = await env.execute(parsed.toolCalls, { signal: options.signal });
      for (const m of observations) {
        messages.push(m);
        segments.push({ kind: 'observation', text: contentText(m.content), trainable: false, turn });
      }
      continue;
    }
    if (finish === 'length' && used >= cfg.maxResponseTokens) {
      stopReason = 'max-tokens';
      turn++;
      break;
    }
    if (cfg.onNoAction === 'stop') {
      stopReason = 'no-action';
      turn++;
      break;
    }
    messages.push({ role: 'user', content: NUDGE });
    segments.push({ kind: 'observation', text: NUDGE, trainable: false, turn });
  }
  const trajectory: Trajectory = {
    id: stableId(role, promptText, sampleIdx, cfg.seed),
    role,
    modelRef: model.id,
    sampleIdx,
    messages,
    segments,
    turns: Math.min(turn, cfg.maxTurns),
    toolCalls,
    malformedToolCalls: malformed,
    stopReason,
    finalText,
    responseTokens: used,
  };
  if (options.taskId !== undefined) trajectory.taskId = options.taskId;
  if (answer !== undefined) trajectory.answer = answer;
  if (question !== undefined) trajectory.question = question;
  if (error !== undefined) trajectory.error = error;
  return trajectory;
}
