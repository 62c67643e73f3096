/**
 * Tag parsing for the three rollout dialects (spec §3.3). Pure, never throws: malformed input
 * yields missing fields or tool calls with `ok: false`.
 */
export type Dialect = 'asl' | 'search-r1' | 'verl-tool';

/** All tag dialects. */
export const DIALECTS: readonly Dialect[] = ['asl', 'search-r1', 'verl-tool'];

/** A tool call parsed from a turn; `ok: false` when its JSON was malformed (recorded, never executed). */
export interface ToolCall {
  /** Tool name (`retrieve` in `asl`, `search` in `search-r1` / `verl-tool`), or `''` when unparsed. */
  name: string;
  /** The queries to run (string or list in the JSON; the `<search>` body in `search-r1`). */
  queries: string[];
  /** Optional `topk` the model asked for (only honoured with `allowModelTopk`). */
  topk?: number;
  /** The raw block content. */
  raw: string;
  /** False for malformed JSON or missing/invalid query arguments: recorded, never executed. */
  ok: boolean;
  error?: string;
}

/** What `parseTurn` found in one model turn. */
export interface ParsedTurn {
  think: string[];
  toolCalls: ToolCall[];
  answer?: string;
  question?: string;
  /** `answer` wins over tool calls in the same turn (spec §3.3). */
  action: 'tool' | 'answer' | 'none';
}

/** Contents of every complete `<tag>…</tag>` block, in order (non-nested scan). */
export function allBlocks(text: string, tag: string): string[] {
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(open, from);
    if (start < 0) break;
    const end = text.indexOf(close, start + open.length);
    if (end < 0) break;
    // the innermost opening before this close: `<a>x <a>y</a>` yields `y`
    const inner = text.lastIndexOf(open, end);
    out.push(text.slice(inner + open.length, end));
    from = end + close.length;
  }
  return out;
}

/**
 * The trimmed content of the **last complete** `<tag>…</tag>` block; `undefined` when there is
 * none or when it is empty after trimming (spec §3.3).
 */
export function lastBlock(text: string, tag: string): string | undefined {
  const close = `</${tag}>`;
  const end = text.lastIndexOf(close);
  if (end < 0) return undefined;
  const open = `<${tag}>`;
  const start = text.lastIndexOf(open, end - open.length >= 0 ? end - open.length : 0);
  if (start < 0 || start + open.length > end) return undefined;
  const content = text.slice(start + open.length, end).trim();
  return content === '' ? undefined : content;
}

function asQueries(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : [value];
  if (Array.isArray(value) && value.length > 0 && value.every((q) => typeof q === 'string')) return value as string[];
  return undefined;
}

/** Parse one `<tool_call>` JSON body for `asl` (`arguments.query`) or `verl-tool` (`arguments.query_list`). */
export function parseToolCallJson(raw: string, dialect: 'asl' | 'verl-tool'): ToolCall {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.trim());
  } catch (error) {
    return { name: '', queries: [], raw, ok: false, error: `malformed tool-call JSON: ${(error as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { name: '', queries: [], raw, ok: false, error: 'tool call is not a JSON object' };
  }
  const obj = parsed as Record<string, unknown>;
  const name = typeof obj.name === 'string' ? obj.name : '';
  const args = typeof obj.arguments === 'object' && obj.arguments !== null && !Array.isArray(obj.arguments) ? (obj.arguments as Record<string, unknown>) : undefined;
  if (name === '') return { name, queries: [], raw, ok: false, error: 'tool call has no string "name"' };
  if (!args) return { name, queries: [], raw, ok: false, error: 'tool call has no "arguments" object' };
  const field = dialect === 'asl' ? 'query' : 'query_list';
  const queries = asQueries(args[field]);
  if (!queries) return { name, queries: [], raw, ok: false, error: `arguments.${field} must be a non-empty string or string[]` };
  const call: ToolCall = { name, queries, raw, ok: true };
  if (typeof args.topk === 'number' && Number.isInteger(args.topk) && args.topk >= 1) call.topk = args.topk;
  return call;
}

const SEARCH_R1_ACTION = /<(search|answer)>([\s\S]*?)<\/\1>/;

/** Parse one model turn (the completion only, never the prompt: spec §3.3 / pitfall 13). */
export function parseTurn(text: string, dialect: Dialect): ParsedTurn {
  const think = allBlocks(text, 'think').map((t) => t.trim());
  const question = lastBlock(text, 'question');
  if (dialect === 'search-r1') {
    const m = SEARCH_R1_ACTION.exec(text);
    if (!m) return { think, toolCalls: [], question, action: 'none' };
    const content = (m[2] ?? '').trim();
    if (m[1] === 'answer') {
      return content === '' ? { think, toolCalls: [], question, action: 'none' } : { think, toolCalls: [], answer: content, question, action: 'answer' };
    }
    const call: ToolCall = content === '' ? { name: 'search', queries: [], raw: m[2] ?? '', ok: false, error: 'empty <search> query' } : { name: 'search', queries: [content], raw: m[2] ?? '', ok: true };
    return { think, toolCalls: [call], question, action: 'tool' };
  }
  const answer = lastBlock(text, 'answer');
  const toolCalls = allBlocks(text, 'tool_call').map((raw) => parseToolCallJson(raw, dialect));
  const action = answer !== undefined ? 'answer' : toolCalls.length > 0 ? 'tool' : 'none';
  return { think, toolCalls, answer, question, action };
}
