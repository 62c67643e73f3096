import { z } from 'zod';
import type { Letter } from '../extraction/extract-answer.js';
import type { CountMethod } from '../frames/frame-decoder.js';
import type { PromptMode } from '../prompts/presets.js';
import { sha256Hex } from '../records/parse-records.js';
import type { ResultRow } from '../scoring/score-run.js';

const LETTER = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);

/** What identifies a run's configuration (spec §6.3); its hash guards resume. */
export interface RunConfig {
  /** The model's id (`openai-compatible:<name>` for core's client). */
  model: string;
  /** Prompt mode. */
  mode: PromptMode;
  /** Frames per request. */
  k: number;
  /** Prompt preset name with version, or `custom`, plus options format and user template. */
  prompt: {
    /** Prompt mode. */
    mode: PromptMode;
    /** Preset name with version, or `custom`. */
    preset: string;
    /** How the options are shown. */
    optionsFormat: 'python-repr' | 'lines';
    /** The user template, when one is used. */
    template?: string;
  };
  /** The frame decoder's id. */
  decoder: string;
  /** Frame downscale, when set. */
  maxSide?: number;
  /** `image_url.detail`, when sent. */
  imageDetail?: 'auto' | 'low' | 'high';
  /** Request parameters sent (empty = none, as the reference). */
  params: {
    /** Sampling temperature, when sent. */
    temperature?: number;
    /** `max_tokens`, when sent. */
    maxTokens?: number;
    /** `seed`, when sent. */
    seed?: number;
  };
}

/** zod schema of {@link RunConfig}. */
export const RunConfigSchema: z.ZodType<RunConfig, RunConfig> = z.object({
  model: z.string(),
  mode: z.enum(['direct', 'cot']),
  k: z.number().int().positive(),
  prompt: z.object({ mode: z.enum(['direct', 'cot']), preset: z.string(), optionsFormat: z.enum(['python-repr', 'lines']), template: z.string().optional() }),
  decoder: z.string(),
  maxSide: z.number().int().optional(),
  imageDetail: z.enum(['auto', 'low', 'high']).optional(),
  params: z.object({ temperature: z.number().optional(), maxTokens: z.number().int().optional(), seed: z.number().int().optional() }),
});

/** First line of a results file. */
export interface RunHeader {
  /** Always `header`. */
  kind: 'header';
  /** `sha256:<hex>` of the canonical JSON of `config`. */
  configHash: string;
  /** The run's configuration. */
  config: RunConfig;
  /** Version of `@reasonkit/video-bench` that started the file. */
  packageVersion: string;
  /** ISO 8601 time the file was started. */
  startedAt: string;
}

/** zod schema of {@link RunHeader}. */
export const RunHeaderSchema: z.ZodType<RunHeader, RunHeader> = z.object({
  kind: z.literal('header'),
  configHash: z.string(),
  config: RunConfigSchema,
  packageVersion: z.string(),
  startedAt: z.string(),
});

/** One result line (spec §6.2). */
export interface RunRow {
  /** The record id. */
  id: string;
  /** The record's `question_idx`, when it has one. */
  question_idx?: number;
  /** The record's video file name. */
  video: string;
  /** Prompt mode. */
  mode: PromptMode;
  /** Frames per request. */
  k: number;
  /** The video's frame count (absent when the video could not be probed). */
  frameCount?: number;
  /** How the frames were counted. */
  countMethod?: CountMethod;
  /** The frame indices sent. */
  indices?: number[];
  /** The model id and the request parameters sent. */
  request: {
    /** The model's id. */
    model: string;
    /** Request parameters sent. */
    params: Record<string, unknown>;
  };
  /** The model's answer (absent for an error row). */
  response?: {
    /** The response text. */
    text: string;
    /** Why generation stopped. */
    finishReason: string;
    /** Token counts, when the server reports them. */
    usage?: {
      /** Prompt tokens. */
      input: number;
      /** Completion tokens. */
      output: number;
    };
    /** Request latency in milliseconds. */
    latencyMs: number;
  };
  /** Extracted answers (spec §4). */
  extraction: {
    /** Stage A letter. */
    stageA: Letter | null;
    /** Parity answer. */
    final: Letter | null;
    /** Strict answer. */
    strict: Letter | null;
    /** Cascade step of `final`. */
    step: string | null;
  };
  /** The record's correct letter. */
  correctLetter: Letter;
  /** Parity answer is correct. */
  correct: boolean;
  /** Strict answer is correct. */
  correctStrict: boolean;
  /** `error` rows are retried by the next run on the file. */
  status: 'ok' | 'error';
  /** Why the record failed (error rows). */
  error?: {
    /** Core error code, e.g. `HTTP_ERROR`, `FILE_NOT_FOUND`. */
    code: string;
    /** The error message. */
    message: string;
    /** Attempts made, when known. */
    attempts?: number;
  };
}

/** zod schema of {@link RunRow}. */
export const RunRowSchema: z.ZodType<RunRow, RunRow> = z.object({
  id: z.string().min(1),
  question_idx: z.number().int().optional(),
  video: z.string(),
  mode: z.enum(['direct', 'cot']),
  k: z.number().int().positive(),
  frameCount: z.number().int().optional(),
  countMethod: z.enum(['packets', 'decoded', 'metadata']).optional(),
  indices: z.array(z.number().int()).optional(),
  request: z.object({ model: z.string(), params: z.record(z.string(), z.unknown()) }),
  response: z
    .object({
      text: z.string(),
      finishReason: z.string(),
      usage: z.object({ input: z.number(), output: z.number() }).optional(),
      latencyMs: z.number(),
    })
    .optional(),
  extraction: z.object({ stageA: LETTER.nullable(), final: LETTER.nullable(), strict: LETTER.nullable(), step: z.string().nullable() }),
  correctLetter: LETTER,
  correct: z.boolean(),
  correctStrict: z.boolean(),
  status: z.enum(['ok', 'error']),
  error: z.object({ code: z.string(), message: z.string(), attempts: z.number().int().optional() }).optional(),
});

/** JSON with object keys sorted at every level (stable across key order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the canonical JSON of a run configuration. */
export async function configHash(config: RunConfig): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(RunConfigSchema.parse(config)))}`;
}

/** Result rows as `scoreRun` takes them: the raw response and the status. */
export function toResultRows(rows: Iterable<RunRow>): ResultRow[] {
  return [...rows].map((r) => ({ id: r.id, response: r.response?.text ?? null, status: r.status }));
}
