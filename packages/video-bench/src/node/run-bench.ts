import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChatMessage, type GenerateRequest, ReasonkitError, type TextModel, createConcurrencyLimit, parseOptions } from '@reasonkit/core';
import { z } from 'zod';
import { enumSchema } from '../util/enum-schema.js';
import { extractAnswer } from '../extraction/extract-answer.js';
import type { FrameDecoder, VideoProbe } from '../frames/frame-decoder.js';
import { buildMessages, frameDataUrls, promptIdentity } from '../prompts/build-prompt.js';
import { type MmrvRecord, MmrvRecordSchema } from '../records/record-schema.js';
import { type RunConfig, type RunHeader, type RunRow, configHash, toResultRows } from '../run/run-row.js';
import { type Report, scoreRun } from '../scoring/score-run.js';
import { ffmpegDecoder } from './ffmpeg-decoder.js';
import { type FrameCache, createFrameCache } from './frame-cache.js';
import { loadVideoFrames } from './video-frames.js';
import { openResultsWriter, readResults } from './results-file.js';

/** Progress after each result row. */
export interface RunProgress {
  /** Rows written in this call. */
  written: number;
  /** Records this call will request (pending after resume, capped by `limit`). */
  pending: number;
  /** `ok` rows written in this call. */
  ok: number;
  /** `error` rows written in this call. */
  errors: number;
  /** Records skipped because the results file already had an `ok` row. */
  skipped: number;
  /** The record whose row was just written. */
  id: string;
}

/** Options of {@link runBench} (spec §6.1). */
export const RunBenchOptionsSchema = z.object({
  /** Normalised records (`parseRecords` / `loadRecords`). */
  records: z.array(MmrvRecordSchema),
  /** Directory the records' `video` file names are resolved against. */
  videosDir: z.string(),
  /** Any `TextModel` taking image parts; for a server, core's `createOpenAICompatible` (timeouts, retries, backoff). */
  model: z.custom<TextModel>((v) => typeof (v as TextModel | undefined)?.generate === 'function', { message: 'expected a TextModel' }),
  /** Results file (JSONL; header line then one row per record). Resumed when it exists. */
  out: z.string().min(1),
  /** Prompt mode. Default `direct` (reference README). */
  mode: enumSchema(['direct', 'cot']).default('direct'),
  /** Frames per request (k). Default 32 (reference README, `--frame_count`). */
  frames: z.number().int().positive().default(32),
  /** Prompt preset name, e.g. `mmrv-structure@1/cot`. Default: the preset of `mode`. */
  preset: z.string().optional(),
  /** A user template with `{question}` and `{options}`; overrides `preset`. */
  template: z.string().optional(),
  /** `python-repr` (default, reference parity) or `lines`. */
  optionsFormat: enumSchema(['python-repr', 'lines']).default('python-repr'),
  /** Sent as `image_url.detail` when set. Default not sent (reference). */
  imageDetail: enumSchema(['auto', 'low', 'high']).optional(),
  /** Downscale frames so neither side exceeds this. Default native size (reference). */
  maxSide: z.number().int().min(2).optional(),
  /** Opt-in request parameters; default none are sent (reference parity). */
  temperature: z.number().optional(),
  /** Opt-in `max_tokens`; default not sent (reference parity). */
  maxTokens: z.number().int().positive().optional(),
  /** Opt-in `seed`; default not sent (reference parity). */
  seed: z.number().int().optional(),
  /** Frame decoder. Default `ffmpegDecoder()`. */
  decoder: z.custom<FrameDecoder>((v) => typeof (v as FrameDecoder | undefined)?.frames === 'function', { message: 'expected a FrameDecoder' }).optional(),
  /**
   * On-disk frame cache (spec §5.3): a directory, or a `createFrameCache` instance. A video whose
   * frames are cached (same size, mtime, k, decoder id and maxSide) is not decoded again, by this
   * run, a resumed run or a run of another model. Default none (our choice: at native size it
   * holds about k JPEGs per video, gigabytes for MMR-V); within one run a video is decoded once
   * either way.
   */
  frameCache: z.union([z.string().min(1), z.custom<FrameCache>((v) => typeof (v as FrameCache | undefined)?.get === 'function', { message: 'expected a directory or a FrameCache' })]).optional(),
  /** Records in flight at once. Default 4 (our choice). */
  concurrency: z.number().int().min(1).default(4),
  /** Request at most this many pending records in this call. */
  limit: z.number().int().min(0).optional(),
  /** Resume even when the results file was written with another configuration. Default false. */
  force: z.boolean().default(false),
  /** fdatasync the results file every N rows. Default 20 (spec §6.3). */
  fsyncEvery: z.number().int().min(1).default(20),
  /** Build the first pending request (image data elided) and count requests and images; send nothing. */
  dryRun: z.boolean().default(false),
  /** Aborts the run: decoders and requests in flight are cancelled, and the call rejects with `ABORTED`. */
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal, { message: 'expected an AbortSignal' }).optional(),
  /** Called after each result row is written. */
  onProgress: z.custom<(p: RunProgress) => void>((v) => typeof v === 'function', { message: 'expected a function' }).optional(),
});
/** Options of {@link runBench} (input form, defaults optional). */
export type RunBenchOptions = z.input<typeof RunBenchOptionsSchema>;

/** What {@link runBench} returns. */
export interface RunSummary {
  /** The results file. */
  out: string;
  /** `sha256:<hex>` of `config`; stored in the results file's header. */
  configHash: string;
  /** What identifies the run's configuration (spec §6.3). */
  config: RunConfig;
  /** Records given. */
  total: number;
  /** Videos whose frames this call read from the frame cache (`fromCache`, no decoder call) or decoded. */
  videos: {
    /** Videos read from the frame cache. */
    fromCache: number;
    /** Videos probed and decoded. */
    decoded: number;
  };
  /** Records with an `ok` row before this call. */
  skipped: number;
  /** Rows written in this call. */
  written: number;
  /** `ok` rows written in this call. */
  ok: number;
  /** `error` rows written in this call. */
  errors: number;
  /** Non-fatal problems: torn last line dropped, forced resume, frame cache warnings. */
  warnings: string[];
  /** The score over every latest row in the results file (absent for a dry run). */
  report?: Report;
  /** Dry run only: the first pending request with image data elided, and what a run would send. */
  dryRun?: DryRunResult;
}

/** What a dry run reports. */
export interface DryRunResult {
  /** The first pending request (image data elided), absent when nothing is pending. */
  request?: {
    /** The messages that would be sent. */
    messages: ChatMessage[];
    /** The request parameters that would be sent. */
    params: Record<string, unknown>;
  };
  /** Requests a run would send. */
  requests: number;
  /** Images a run would send (`requests × k`). */
  images: number;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Which config fields differ (for the mismatch message). */
function diffFields(a: RunConfig, b: RunConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof RunConfig>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function elideImages(messages: ChatMessage[]): ChatMessage[] {
  return messages.map((m) => ({
    ...m,
    content: typeof m.content === 'string' ? m.content : m.content.map((p) => (p.type === 'image_url' ? { ...p, image_url: { ...p.image_url, url: `${p.image_url.url.slice(0, p.image_url.url.indexOf(',') + 1)}<${p.image_url.url.length} chars elided>` } } : p)),
  }));
}

/** A video's frames as the runner shares them between its questions: data URLs built once. */
interface SharedFrames {
  probe: VideoProbe;
  indices: number[];
  frames: { url: string }[];
}

/**
 * Runs MMR-V-style records against a vision model (spec §6): for each pending record, probe the
 * video, take k uniform frames (decoded once per video and shared by its questions), send one
 * user message (text part, then k image parts), extract the answer (parity + strict) and append
 * one JSONL row. Resumes by record id: `ok` rows are skipped, `error` rows retried, a torn last
 * line dropped; a results file of another configuration is refused unless `force`. Retries,
 * timeouts and backoff are the model client's (core's OpenAI-compatible client). On abort, rows
 * in flight are not written and the call rejects with `ABORTED`.
 */
export async function runBench(options: RunBenchOptions): Promise<RunSummary> {
  const o = parseOptions(RunBenchOptionsSchema, options, 'runBench options');
  const decoder = o.decoder ?? ffmpegDecoder();
  const prompt = promptIdentity({ mode: o.mode, preset: o.preset, template: o.template, optionsFormat: o.optionsFormat });
  const params: RunConfig['params'] = {};
  if (o.temperature !== undefined) params.temperature = o.temperature;
  if (o.maxTokens !== undefined) params.maxTokens = o.maxTokens;
  if (o.seed !== undefined) params.seed = o.seed;
  const config: RunConfig = { model: o.model.id, mode: o.mode, k: o.frames, prompt, decoder: decoder.id, params };
  if (o.maxSide !== undefined) config.maxSide = o.maxSide;
  if (o.imageDetail !== undefined) config.imageDetail = o.imageDetail;
  const hash = await configHash(config);

  const existing = await readResults(o.out, { repair: !o.dryRun });
  const warnings = [...existing.warnings];
  if (existing.header && existing.header.configHash !== hash) {
    const fields = diffFields(existing.header.config, config);
    if (!o.force) {
      throw new ReasonkitError(
        'CONFIG_INVALID',
        `${o.out}: written with another configuration (differs in: ${fields.join(', ')}); use another results file, or force: true to resume anyway`,
        { file: o.out, field: fields[0], expected: existing.header.configHash, actual: hash },
      );
    }
    warnings.push(`${o.out}: configuration differs in ${fields.join(', ')}; resuming anyway (force)`);
  } else if (!existing.header && existing.rows.size > 0 && !o.force) {
    throw new ReasonkitError('CONFIG_INVALID', `${o.out}: has result rows but no header line; use another results file, or force: true`, { file: o.out, field: 'kind' });
  }

  const done = new Set([...existing.rows.values()].filter((r) => r.status === 'ok').map((r) => r.id));
  let pending = o.records.filter((r) => !done.has(r.id));
  if (o.limit !== undefined) pending = pending.slice(0, o.limit);
  const skipped = o.records.length - o.records.filter((r) => !done.has(r.id)).length;
  const requestParams = (): Pick<GenerateRequest, 'temperature' | 'maxTokens' | 'seed'> => ({ ...params });
  const promptOptions = { mode: o.mode, preset: o.preset, template: o.template, optionsFormat: o.optionsFormat, ...(o.imageDetail ? { imageDetail: o.imageDetail } : {}) };

  if (o.dryRun) {
    const first = pending[0];
    const placeholder = { jpeg: new Uint8Array(0) };
    return {
      out: o.out,
      configHash: hash,
      config,
      total: o.records.length,
      videos: { fromCache: 0, decoded: 0 },
      skipped,
      written: 0,
      ok: 0,
      errors: 0,
      warnings,
      dryRun: {
        ...(first ? { request: { messages: elideImages(buildMessages(first, new Array(o.frames).fill(placeholder), promptOptions)), params: requestParams() } } : {}),
        requests: pending.length,
        images: pending.length * o.frames,
      },
    };
  }

  // Frames loaded once per video (from the disk cache or decoded), base64-encoded once, shared by
  // the video's questions and dropped when its last pending question is done.
  const diskCache = typeof o.frameCache === 'string' ? createFrameCache({ dir: o.frameCache, onWarning: (m) => warnings.push(m) }) : o.frameCache;
  const videoStats = { fromCache: 0, decoded: 0 };
  const remaining = new Map<string, number>();
  for (const r of pending) remaining.set(r.video, (remaining.get(r.video) ?? 0) + 1);
  const cache = new Map<string, Promise<SharedFrames>>();
  const framesOf = (video: string): Promise<SharedFrames> => {
    let entry = cache.get(video);
    if (!entry) {
      entry = (async () => {
        const loaded = await loadVideoFrames(join(o.videosDir, video), {
          decoder,
          k: o.frames,
          ...(o.maxSide !== undefined ? { maxSide: o.maxSide } : {}),
          ...(diskCache ? { cache: diskCache } : {}),
          ...(o.signal ? { signal: o.signal } : {}),
          onWarning: (m) => warnings.push(m),
        });
        videoStats[loaded.cache === 'hit' ? 'fromCache' : 'decoded']++;
        return { probe: loaded.probe, indices: loaded.indices, frames: frameDataUrls(loaded.frames).map((url) => ({ url })) };
      })();
      entry.catch(() => {});
      cache.set(video, entry);
    }
    return entry;
  };
  const release = (video: string) => {
    const left = (remaining.get(video) ?? 1) - 1;
    remaining.set(video, left);
    if (left <= 0) cache.delete(video);
  };

  const writer = await openResultsWriter(o.out, { fsyncEvery: o.fsyncEvery });
  let written = 0;
  let ok = 0;
  let errors = 0;
  try {
    if (!existing.header) {
      const header: RunHeader = { kind: 'header', configHash: hash, config, packageVersion: packageVersion(), startedAt: new Date().toISOString() };
      await writer.append(header);
    }
    const letters = (r: MmrvRecord) => r.options.map((x) => x.letter);
    const runOne = async (record: MmrvRecord): Promise<RunRow> => {
      const base = {
        id: record.id,
        ...(record.questionIdx !== undefined ? { question_idx: record.questionIdx } : {}),
        video: record.video,
        mode: o.mode,
        k: o.frames,
        request: { model: o.model.id, params: { ...params } },
        correctLetter: record.correctLetter,
      };
      let video: SharedFrames | undefined;
      try {
        video = await framesOf(record.video);
        const messages = buildMessages(record, video.frames, promptOptions);
        const started = performance.now();
        const result = await o.model.generate({ messages, ...requestParams(), signal: o.signal });
        const latencyMs = result.usage?.latencyMs ?? performance.now() - started;
        const extraction = extractAnswer(result.text, { letters: letters(record) });
        return {
          ...base,
          frameCount: video.probe.frameCount,
          countMethod: video.probe.countMethod,
          indices: video.indices,
          response: { text: result.text, finishReason: result.finishReason, ...(result.usage ? { usage: { input: result.usage.input, output: result.usage.output } } : {}), latencyMs },
          extraction: { stageA: extraction.stageA, final: extraction.final, strict: extraction.strict, step: extraction.step },
          correct: extraction.final === record.correctLetter,
          correctStrict: extraction.strict === record.correctLetter,
          status: 'ok',
        };
      } catch (error) {
        if (o.signal?.aborted) throw error;
        const e = ReasonkitError.is(error) ? error : new ReasonkitError('RUNTIME_ERROR', String((error as Error)?.message ?? error), {}, { cause: error });
        return {
          ...base,
          ...(video ? { frameCount: video.probe.frameCount, countMethod: video.probe.countMethod, indices: video.indices } : {}),
          extraction: { stageA: null, final: null, strict: null, step: null },
          correct: false,
          correctStrict: false,
          status: 'error',
          error: { code: e.code, message: e.message, ...(typeof e.details.attempts === 'number' ? { attempts: e.details.attempts } : {}) },
        };
      }
    };

    const limit = createConcurrencyLimit(o.concurrency);
    let firstError: unknown;
    await Promise.all(
      pending.map(async (record) => {
        const releaseSlot = await limit.acquire(o.signal).catch((error: unknown) => {
          firstError ??= error;
          return undefined;
        });
        if (!releaseSlot) return;
        try {
          if (firstError !== undefined || o.signal?.aborted) return;
          const row = await runOne(record);
          if (o.signal?.aborted) return;
          await writer.append(row);
          written++;
          if (row.status === 'ok') ok++;
          else errors++;
          o.onProgress?.({ written, pending: pending.length, ok, errors, skipped, id: record.id });
        } catch (error) {
          firstError ??= error;
        } finally {
          release(record.video);
          releaseSlot();
        }
      }),
    );
    if (o.signal?.aborted) throw new ReasonkitError('ABORTED', `runBench ${o.out}: aborted after ${written} rows`, { file: o.out, reason: o.signal.reason }, { cause: o.signal.reason });
    if (firstError !== undefined) throw firstError;
  } finally {
    await writer.close();
  }

  const final = await readResults(o.out);
  const report = scoreRun(toResultRows(final.rows.values()), o.records);
  return { out: o.out, configHash: hash, config, total: o.records.length, videos: videoStats, skipped, written, ok, errors, warnings, report };
}
