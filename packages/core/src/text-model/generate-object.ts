import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { throwIfAborted } from './abort.js';
import { extractJsonCandidates } from './extract-json.js';
import type { GenerateRequest, TextModel, Usage } from './text-model.js';
import { formatIssues, parseOrThrow } from './zod-issues.js';

/** zod schema of a `GenerateObjectOptions`: validates it and applies its defaults. */
export const GenerateObjectOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Repair rounds after the first attempt. Default 2 (our choice). */
  maxRepairs: z.number().int().min(0).max(10).default(2),
  /** Append the JSON Schema of `schema` to the instructions. Default true (our choice). */
  includeSchema: z.boolean().default(true),
}));

/** Options of `generateObject`: a generate request plus the object schema options. */
export type GenerateObjectOptions = Omit<GenerateRequest, 'logprobs'> & z.input<typeof GenerateObjectOptionsSchema>;

/** Result of `generateObject`: the parsed object and the raw generation. */
export interface GenerateObjectResult<T> {
  object: T;
  /** Raw text of the successful attempt. */
  text: string;
  /** 1 + number of repair rounds used. */
  attempts: number;
  usage: Usage;
}

/** One failed attempt: what the model said and why it was rejected. */
export interface ObjectAttemptFailure {
  text: string;
  issues: { path: string; message: string }[];
}

function jsonSchemaOf(schema: z.ZodType): string | undefined {
  try {
    return JSON.stringify(z.toJSONSchema(schema));
  } catch {
    return undefined; // transforms etc. have no JSON Schema
  }
}

/** Pick the first candidate that validates; otherwise the issues of the best (fewest-issue) candidate. */
function evaluate<S extends z.ZodType>(schema: S, text: string): { ok: true; value: z.output<S> } | { ok: false; issues: z.core.$ZodIssue[]; parsed: boolean } {
  const candidates = extractJsonCandidates(text);
  let best: z.core.$ZodIssue[] | undefined;
  for (const candidate of candidates) {
    const result = schema.safeParse(candidate);
    if (result.success) return { ok: true, value: result.data };
    if (!best || result.error.issues.length < best.length) best = result.error.issues;
  }
  if (best) return { ok: false, issues: best, parsed: true };
  return { ok: false, issues: [{ code: 'custom', path: [], message: 'no JSON value found in the reply', input: text } as z.core.$ZodIssue], parsed: false };
}

/**
 * Ask `model` for a JSON value matching `schema`. The reply is searched for JSON (whole text,
 * fenced blocks, balanced spans), validated, and on failure the model is asked to repair it up to
 * `maxRepairs` times with the zod issues. Throws `OBJECT_GENERATION_FAILED` with `details.text`
 * (last raw text), `details.issues` and `details.attempts` (all failures).
 */
export async function generateObject<S extends z.ZodType>(model: TextModel, schema: S, options: GenerateObjectOptions): Promise<GenerateObjectResult<z.output<S>>> {
  const { maxRepairs, includeSchema, ...request } = options;
  const parsedOptions = parseOrThrow(GenerateObjectOptionsSchema, { maxRepairs, includeSchema }, 'generateObject options');
  const jsonSchema = parsedOptions.includeSchema ? jsonSchemaOf(schema) : undefined;
  const instruction = `Respond with a single JSON value only, no prose${jsonSchema ? `, matching this JSON Schema: ${jsonSchema}` : ''}.`;

  let messages = request.messages ? [...request.messages] : undefined;
  let prompt = request.prompt;
  if (messages) messages = [{ role: 'system', content: instruction }, ...messages];
  else if (prompt !== undefined) prompt = `${instruction}\n\n${prompt}`;

  const usage: Usage = { input: 0, output: 0 };
  const failures: ObjectAttemptFailure[] = [];
  for (let attempt = 0; attempt <= parsedOptions.maxRepairs; attempt++) {
    throwIfAborted(request.signal, 'generateObject');
    const result = await model.generate({ ...request, messages, prompt });
    usage.input += result.usage?.input ?? 0;
    usage.output += result.usage?.output ?? 0;
    const verdict = evaluate(schema, result.text);
    if (verdict.ok) return { object: verdict.value, text: result.text, attempts: attempt + 1, usage };
    const issueText = formatIssues(verdict.issues);
    failures.push({ text: result.text, issues: verdict.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })) });
    const repair = `Your previous reply was not valid: ${issueText}. Reply again with only the corrected JSON value.`;
    if (messages) messages = [...messages, { role: 'assistant', content: result.text }, { role: 'user', content: repair }];
    else prompt = `${prompt ?? ''}${result.text}\n\n${repair}\n`;
  }
  const last = failures[failures.length - 1] as ObjectAttemptFailure;
  throw new ReasonkitError(
    'OBJECT_GENERATION_FAILED',
    `generateObject: no valid object after ${failures.length} attempt(s); last issues: ${last.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { text: last.text, issues: last.issues, attempts: failures, field: last.issues[0]?.path },
  );
}
