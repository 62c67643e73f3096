import * as z from 'zod';
import { generateObject, ReasonkitError, type TextModel, type Usage } from '@reasonkit/core';

/** zod schema of a node draft (name 3–120 chars, description 20–800; spec §9.6). */
export const NodeDraftSchema = z.object({ name: z.string().min(3).max(120), description: z.string().min(20).max(800) });
/** A node as extracted: name and description. */
export type NodeDraft = z.infer<typeof NodeDraftSchema>;
/** The extraction reply: 1–8 triples of node drafts (spec §9.6). */
export const ExtractionSchema = z.object({
  triples: z
    .array(z.object({ problem: NodeDraftSchema, challenge: NodeDraftSchema, solution: NodeDraftSchema, evidence: z.string().max(400).optional() }))
    .min(1)
    .max(8),
});
/**
 * One extraction call's output: 1 to 8 problem → challenge → solution triples, with optional evidence.
 *
 * @inline
 */
export type Extraction = z.infer<typeof ExtractionSchema>;
/** One extracted (problem, challenge, solution) triple with optional evidence. */
export type ExtractedTriple = Extraction['triples'][number];

/** zod schema of a paper: id, title, introduction, optional method, full text, venue and year. */
export const PaperSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  introduction: z.string().min(1),
  method: z.string().optional(),
  fullText: z.string().optional(),
  venue: z.string().optional(),
  year: z.number().int().optional(),
});
/** A paper to extract from (see {@link PaperSchema}). */
export type Paper = z.infer<typeof PaperSchema>;

/** A naming-rule warning from extraction (spec §2.2), never a failure unless `strict`. */
export interface RuleWarning {
  kind: 'naming_rule';
  record: string;
  field: string;
  message: string;
}

/** Upper-case tokens every reader knows (allowed in names even when the title uses them). */
export const ALLOWED_ACRONYMS = new Set(['LLM', 'LLMS', 'CNN', 'CNNS', 'RNN', 'GNN', 'GNNS', 'RL', 'NLP', 'AI', 'ML', 'GAN', 'GANS', 'MLP', 'VAE', 'BERT', 'GPT', 'SGD', 'PDE', 'PDES', '3D', '2D']);

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** The spec's naming rules (§9.6) as warnings: word counts, " in " in challenges, no title code names, neutral problems. */
export function namingWarnings(t: ExtractedTriple, title: string, record: string): RuleWarning[] {
  const out: RuleWarning[] = [];
  const range = { problem: [3, 7], challenge: [5, 8], solution: [7, 10] } as const;
  for (const kind of ['problem', 'challenge', 'solution'] as const) {
    const n = words(t[kind].name);
    const [lo, hi] = range[kind];
    if (n < lo || n > hi) out.push({ kind: 'naming_rule', record, field: `${kind}.name`, message: `${kind} name has ${n} words (rule: ${lo}–${hi})` });
    const titleTokens = new Set(title.match(/[A-Za-z0-9-]+/g) ?? []);
    for (const tok of t[kind].name.match(/[A-Za-z0-9-]+/g) ?? []) {
      const codeName = /^[A-Z0-9-]{2,}$/.test(tok) || /^[A-Z]?[a-z]+[A-Z][A-Za-z]*$/.test(tok);
      if (codeName && titleTokens.has(tok) && !ALLOWED_ACRONYMS.has(tok.toUpperCase())) {
        out.push({ kind: 'naming_rule', record, field: `${kind}.name`, message: `${kind} name uses "${tok}", a code name or acronym from the title` });
      }
    }
  }
  if (!/ in /.test(t.challenge.name)) out.push({ kind: 'naming_rule', record, field: 'challenge.name', message: 'challenge name lacks " in " ([difficulty] in [context])' });
  const bad = ['limitation', 'difficulty', 'challenge', 'however'].filter((w) => t.problem.description.toLowerCase().includes(w));
  if (bad.length) out.push({ kind: 'naming_rule', record, field: 'problem.description', message: `problem description mentions ${bad.join(', ')} (must be a neutral definition)` });
  return out;
}

export function extractionPrompt(paper: Paper): string {
  return `Extract (problem, challenge, solution) triples from this paper.
Problem: "[general task / field]", 3–7 words, read from the introduction; description 1–2 neutral sentences that do not mention challenges or limitations.
Challenge: "[specific difficulty] in [aspect / context]", 5–8 words; description 2–3 sentences on the difficulty and how it relates to the problem.
Solution: the core technical approach in general terms, 7–10 words; description 2–3 sentences on how it works.
No author names, acronyms or code names in names; name a new method by its generic components.
Return JSON {"triples": [{"problem": {"name", "description"}, "challenge": {...}, "solution": {...}}]} with 1–8 triples.

Title: ${paper.title}
Introduction:
${paper.introduction}
${paper.method ? `Method:\n${paper.method}\n` : ''}`;
}

/**
 * One LLM pass per paper (spec §2.2, §9.6): zod-validated JSON, repaired at most `repairs` times
 * (then `OBJECT_GENERATION_FAILED` with the raw text). Naming rules give warnings; `strict` re-asks
 * once with them.
 */
export async function extractTriples(
  paper: Paper,
  model: TextModel,
  options: { strict?: boolean; repairs?: number; signal?: AbortSignal } = {},
): Promise<{ triples: ExtractedTriple[]; warnings: RuleWarning[]; usage: Usage }> {
  const p = PaperSchema.parse(paper);
  const base = { messages: [{ role: 'user' as const, content: extractionPrompt(p) }], maxRepairs: options.repairs ?? 2, temperature: 0, signal: options.signal };
  let r = await generateObject(model, ExtractionSchema, base);
  let warnings = r.object.triples.flatMap((t, i) => namingWarnings(t, p.title, `${p.id}#${i}`));
  const usage = { ...r.usage };
  if (options.strict && warnings.length) {
    const retry = await generateObject(model, ExtractionSchema, {
      ...base,
      messages: [...base.messages, { role: 'assistant', content: r.text }, { role: 'user', content: `Fix these naming problems and return the full JSON again: ${warnings.map((w) => `${w.field}: ${w.message}`).join('; ')}` }],
    }).catch((e: unknown) => {
      if (ReasonkitError.is(e, 'ABORTED')) throw e;
      return undefined;
    });
    if (retry) {
      r = retry;
      usage.input += retry.usage.input;
      usage.output += retry.usage.output;
      warnings = r.object.triples.flatMap((t, i) => namingWarnings(t, p.title, `${p.id}#${i}`));
    }
  }
  return { triples: r.object.triples, warnings, usage };
}
