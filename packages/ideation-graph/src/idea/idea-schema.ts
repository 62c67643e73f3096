import * as z from 'zod';

/** An idea in the spec's schema (§5): the paper's keys in camelCase, plus optional extras. */
export const IdeaSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and underscores only').max(64),
  title: z.string().min(5).max(200),
  motivation: z.string().min(200),
  relatedWork: z.string().min(100),
  abstract: z.string().min(200),
  method: z.string().min(200),
  experimentPlan: z.string().min(200),
  riskFactors: z.string().min(50),
  /** AI-Scientist-v2. */
  shortHypothesis: z.string().optional(),
  /** AI-Researcher. */
  problemStatement: z.string().optional(),
  testCaseExamples: z.string().optional(),
  fallbackPlan: z.string().optional(),
});
/** A research idea in the package's camelCase form (see {@link IdeaSchema}). */
export type Idea = z.infer<typeof IdeaSchema>;

/** The paper's exact JSON keys (App. D.2) ↔ ours. */
const PAPER_KEYS = {
  Name: 'name',
  Title: 'title',
  Motivation: 'motivation',
  'Related Work': 'relatedWork',
  Abstract: 'abstract',
  Method: 'method',
  'Experiments plan': 'experimentPlan',
  'Risk Factors and Limitations': 'riskFactors',
} as const satisfies Record<string, keyof Idea>;

/** Writes an idea with the paper's JSON keys (exact key names). */
export function toPaperJson(idea: Idea): Record<string, string> {
  return Object.fromEntries(Object.entries(PAPER_KEYS).map(([paper, ours]) => [paper, idea[ours]]));
}

/** The paper's keys → our schema (also accepts our own camelCase keys). */
export const PaperIdeaSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object') return v;
  const o = { ...(v as Record<string, unknown>) };
  for (const [paper, ours] of Object.entries(PAPER_KEYS)) if (paper in o && !(ours in o)) (o[ours] = o[paper]), delete o[paper];
  return o;
}, IdeaSchema);

/** Reads an idea in the paper's JSON keys (exact key names) into the camelCase {@link Idea}. */
export function fromPaperJson(json: unknown): Idea {
  return PaperIdeaSchema.parse(json);
}

/** AI-Scientist-v2 `FinalizeIdea` keys (`Experiments` ← `experimentPlan`). */
export function toAiScientistV2Json(idea: Idea): Record<string, string> {
  return {
    Name: idea.name,
    Title: idea.title,
    'Short Hypothesis': idea.shortHypothesis ?? '',
    'Related Work': idea.relatedWork,
    Abstract: idea.abstract,
    Experiments: idea.experimentPlan,
    'Risk Factors and Limitations': idea.riskFactors,
  };
}

/** Word-count warnings (our choice: below 120 or above 500 words for the long fields). */
export function ideaLengthWarnings(idea: Idea): string[] {
  const out: string[] = [];
  for (const f of ['motivation', 'abstract'] as const) {
    const words = idea[f].split(/\s+/).filter(Boolean).length;
    if (words < 120 || words > 500) out.push(`${f}: ${words} words (target ~250)`);
  }
  return out;
}

/** Plain text of an idea for judges and embeddings. */
export function ideaToText(idea: Idea): string {
  return Object.entries(toPaperJson(idea))
    .map(([k, v]) => `## ${k}\n${v}`)
    .join('\n\n');
}
