import type { ChatMessage } from '@reasonkit/core';
import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import type { Dialect, ToolCall } from '../parse/tags.js';
import { mergeHitsById } from '../retrieval/merge-hits.js';
import { renderHits, type HitRendering } from '../retrieval/render-hits.js';
import type { Retriever } from '../retrieval/types.js';

/** Executes one turn's tool calls and returns the observation messages (never trained on). */
export interface ToolEnv {
  /** Runs the calls and returns one observation message per call (or one "no results" message). */
  execute(calls: readonly ToolCall[], options?: { signal?: AbortSignal }): Promise<ChatMessage[]>;
}

/** Options of `createSearchEnv` (zod; defaults from the reference code). */
export const SearchEnvOptionsSchema = z.object({
  /** Hits kept per call. Default 3 (ASL forces 3: spec §6.1). */
  topk: z.number().int().min(1).default(3),
  /** `sum-by-id` (ASL) merges a call's query lists by document id; `per-query` concatenates them. */
  merge: z.enum(['sum-by-id', 'per-query']).default('sum-by-id'),
  /** Observation rendering. Default `asl`. */
  render: z.enum(['asl', 'search-r1', 'verl']).default('asl'),
  /** Honour a `topk` argument from the model. Default false (pitfall 3). */
  allowModelTopk: z.boolean().default(false),
  /** Dialect: `search-r1` wraps the observation in `<information>` (spec §3.3). Default `asl`. */
  dialect: z.enum(['asl', 'search-r1', 'verl-tool']).default('asl'),
});
/** Input type of `SearchEnvOptionsSchema`. */
export type SearchEnvOptions = z.input<typeof SearchEnvOptionsSchema>;

/** Observation text when a turn had tool blocks but none parsed (ASL). */
export const NO_RESULTS = 'No search results found';

/**
 * The search tool environment (spec §6.1): one observation per parsed call (content = rendered
 * hits), malformed calls skipped; no parsed call → one "No search results found" message. In
 * `search-r1` the observation is `\n\n<information>{docs}</information>\n\n`. Observations are
 * `tool` messages (a chat template renders them as `<tool_response>` user turns).
 */
export function createSearchEnv(retriever: Retriever, options: SearchEnvOptions = {}): ToolEnv {
  const o = parseOptions(SearchEnvOptionsSchema, options, 'search env options');
  const style: HitRendering = o.render;
  return {
    async execute(calls, { signal } = {}) {
      const ok = calls.filter((c) => c.ok);
      if (ok.length === 0) return [{ role: 'tool', content: NO_RESULTS }];
      const out: ChatMessage[] = [];
      for (const call of ok) {
        const topk = o.allowModelTopk && call.topk ? call.topk : o.topk;
        const perQuery = await retriever.search(call.queries, { topk, signal });
        const hits = o.merge === 'sum-by-id' ? mergeHitsById(perQuery, topk) : perQuery.flat();
        const text = renderHits(hits, style);
        out.push({ role: 'tool', content: (o.dialect as Dialect) === 'search-r1' ? `\n\n<information>${text.trim()}</information>\n\n` : text });
      }
      return out;
    },
  };
}
