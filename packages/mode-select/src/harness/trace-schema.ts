import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';

/** One selector's recorded score on a question. */
export const TraceScoreSchema = z.object({
  pNoThink: z.number().min(0).max(1),
  overheadTokens: z.number().nonnegative().default(0),
  signals: z.record(z.string(), z.unknown()).optional(),
});

/** An early-exit check recorded while thinking (spec §8.6). */
export const TraceCheckSchema = z.object({
  step: z.number().int().nonnegative(),
  thinkTokens: z.number().int().nonnegative(),
  score: z.number(),
  answerCorrect: z.union([z.literal(0), z.literal(1)]),
  answerTokens: z.number().int().nonnegative(),
});

/** A summary trace record, version 1 (spec §7.2). */
export const TraceRecordSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  dataset: z.string().min(1),
  model: z.string().optional(),
  yNoThink: z.number().min(0).max(1),
  yThink: z.number().min(0).max(1),
  lenNoThink: z.number().nonnegative(),
  lenThink: z.number().nonnegative(),
  /** Share of NoThinking samples that restarted reasoning. */
  restarted: z.number().min(0).max(1).optional(),
  scores: z.record(z.string(), TraceScoreSchema),
  checks: z.record(z.string(), z.array(TraceCheckSchema)).optional(),
});
/** Parsed value of `TraceRecordSchema` (defaults applied). */
export type TraceRecord = z.output<typeof TraceRecordSchema>;
/** Input accepted by `TraceRecordSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TraceRecordInput = z.input<typeof TraceRecordSchema>;

/** The header record: model, format, fake-thought literal, grader id, sampling, resolved selector configs. */
export const TraceHeaderSchema = z.object({
  type: z.literal('header'),
  v: z.literal(1),
  model: z.string().optional(),
  format: z.string().optional(),
  fakeThought: z.object({ id: z.string(), body: z.string(), close: z.string() }).optional(),
  grader: z.string().optional(),
  sampling: z.record(z.string(), z.unknown()).optional(),
  selectors: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});
/** Parsed value of `TraceHeaderSchema` (defaults applied). */
export type TraceHeader = z.output<typeof TraceHeaderSchema>;

/** Validates one record; a bad record is a `trace` error naming file, line (record) and field. */
export function parseTraceRecord(value: unknown, where: { file?: string; line?: number } = {}): TraceRecord {
  const r = TraceRecordSchema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || '(root)';
  const at = `${where.file ?? '<traces>'}${where.line !== undefined ? `:${where.line}` : ''}`;
  const id = typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? ` (id ${(value as { id: string }).id})` : '';
  throw new ModeSelectError('trace', `${at}${id}: ${field}: ${issue.message}`, { file: where.file ?? '<traces>', record: where.line ?? id, field });
}

/** Parses JSONL trace text: an optional header line, then summary records. Blank lines are skipped. */
export function parseTraces(text: string, file = '<traces>'): { header?: TraceHeader; records: TraceRecord[] } {
  const records: TraceRecord[] = [];
  let header: TraceHeader | undefined;
  const ids = new Set<string>();
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new ModeSelectError('trace', `${file}:${i + 1}: not valid JSON (${(e as Error).message})`, { file, record: i + 1 });
    }
    if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'header') {
      const h = TraceHeaderSchema.safeParse(value);
      if (!h.success) throw new ModeSelectError('trace', `${file}:${i + 1}: header: ${h.error.issues[0]!.path.join('.')}: ${h.error.issues[0]!.message}`, { file, record: i + 1 });
      header = h.data;
      continue;
    }
    const rec = parseTraceRecord(value, { file, line: i + 1 });
    const key = `${rec.dataset}\u0000${rec.id}`;
    if (ids.has(key)) throw new ModeSelectError('trace', `${file}:${i + 1}: duplicate record id ${rec.id} in dataset ${rec.dataset}`, { file, record: i + 1, field: 'id' });
    ids.add(key);
    records.push(rec);
  }
  return { ...(header ? { header } : {}), records };
}
