import * as z from 'zod';
import { extractJsonCandidates, parseOptions, ReasonkitError, type TextModel, type Usage } from '@reasonkit/core';
import { PaperIdeaSchema, ideaToText, toPaperJson, type Idea } from '../idea/idea-schema.js';
import type { Embedder } from '../embedding/embedder.js';
import { dedupVectors } from '../dedup/dedup.js';
import { extractKgRefs, type KgRef } from '../idea/kg-refs.js';
import { GraphTools, TOOL_DESCRIPTIONS, type ToolSession } from '../tools/graph-tools.js';
import { CALL_MARKER, detectToolCall } from '../tools/tool-call-parser.js';
import { fitHistory, type TaggedMessage } from './history.js';
import {
  FORCED_VERDICT,
  IDEA_REMINDER,
  IDEA_REMINDER_NO_RANDOM,
  mentorRoundMessage,
  mentorSystemPrompt,
  researcherQuestionMessage,
  researcherSystemPrompt,
  researcherTopicMessage,
} from './prompts.js';

const isModel = (v: unknown) => typeof (v as TextModel)?.generate === 'function';

/** Options of {@link SocraticIdeator}: models per role, tools, rounds, budgets, aspect policy and seed (spec §4). */
export const SocraticIdeatorOptionsSchema = z
  .object({
    researcher: z.custom<TextModel>(isModel, 'researcher must be a TextModel'),
    /** `null` = the "w/o mentor" ablation (also drops the random-node requirement, paper Table 3). */
    mentor: z.custom<TextModel | null>((v) => v === null || isModel(v), 'mentor must be a TextModel or null'),
    tools: z.custom<GraphTools>((v) => v instanceof GraphTools, 'tools must be a GraphTools'),
    /** Deliberation rounds before the forced verdict. Default 5 (our choice; the paper's MAX_ROUND is not given). */
    maxRounds: z.number().int().min(1).max(50).default(5),
    /** Full question/answer exchanges before a verdict counts. Default 1 (our choice). */
    minRounds: z.number().int().min(0).default(1),
    /** Exploration tool-call budget. Default 30 (our choice). */
    maxToolCalls: z.number().int().min(0).default(30),
    /** Researcher tool calls per deliberation round. Default 6 (our choice). */
    researcherToolCallsPerRound: z.number().int().min(0).default(6),
    aspectPolicy: z.enum(['mentor-choice', 'round-robin']).default('mentor-choice'),
    /** History budget in tokens (chars / 4 unless `countTokens`). Default 24,000 (our choice). */
    maxHistoryTokens: z.number().int().min(256).default(24_000),
    /** Token counter for the history budget. Default: characters / 4 (our choice). */
    countTokens: z.custom<(text: string) => number>((v) => typeof v === 'function').optional(),
    /** Ask the researcher once to fix `kg:` links that resolve to no node. Default false. */
    strictGrounding: z.boolean().default(false),
    /** Idea-JSON repair rounds. Default 2 (spec §9.7). */
    repairs: z.number().int().min(0).max(5).default(2),
    maxTokens: z.number().int().min(16).default(2048),
    temperature: z.number().min(0).max(2).default(0.7),
    seed: z.number().int().default(1),
    /** Clock for the date in the mentor prompt. Default `new Date()`; tests pass a fixed one. */
    clock: z.custom<() => Date>((v) => typeof v === 'function').default(() => () => new Date()),
  })
  .refine((o) => o.maxRounds >= o.minRounds, { message: 'maxRounds must be ≥ minRounds', path: ['maxRounds'] });
/** Input form of {@link SocraticIdeatorOptionsSchema}. */
export type SocraticIdeatorOptions = z.input<typeof SocraticIdeatorOptionsSchema>;

/** How an ideator run ended. */
export type IdeaStatus = 'accepted' | 'rejected' | 'no_verdict' | 'failed';
/** A recorded (never thrown) ideator warning. */
export interface IdeatorWarning {
  /** Warning kind. */
  kind: 'premature_idea' | 'both_markers' | 'unresolved_kg_ref' | 'premature_verdict' | 'tool_budget' | 'dropped_calls';
  /** Human-readable detail. */
  message: string;
}
/** Events streamed by `SocraticIdeator.stream` (tool calls and results, drafts, questions, answers, verdicts, warnings). */
export type IdeatorEvent =
  | { type: 'tool_call'; phase: 'exploration' | 'deliberation'; name: string; args: Record<string, unknown> }
  | { type: 'tool_result'; phase: 'exploration' | 'deliberation'; name: string; ok: boolean; json: unknown }
  | { type: 'idea_draft'; phase: 'exploration' | 'deliberation'; idea: Idea }
  | { type: 'question'; round: number; text: string; aspect?: string }
  | { type: 'answer'; round: number; text: string }
  | { type: 'verdict'; round: number; verdict: 'accept' | 'reject' | 'none'; forced: boolean }
  | { type: 'warning'; warning: IdeatorWarning };

/** Outcome of one ideator run: status, idea, rounds, tool calls, `kg:` references, warnings, usage and transcript. */
export interface IdeatorResult {
  /** How the run ended. */
  status: IdeaStatus;
  /** The final idea (absent when exploration produced none). */
  idea?: Idea;
  /** Deliberation rounds held. */
  rounds: number;
  /** Tool calls run. */
  toolCalls: number;
  /** `kg:` links in the idea. */
  kgRefs: KgRef[];
  /** `kg:` links naming no node of the graph. */
  unresolvedKgRefs: KgRef[];
  /** Recorded warnings. */
  warnings: IdeatorWarning[];
  /** Tokens used over all calls. */
  usage: Usage;
  /** Why a `failed` run failed. */
  error?: string;
  /** Set by `generateIdeas` with `dedup`: this accepted idea duplicates the accepted result at `index` (cosine > threshold). */
  duplicateOf?: { index: number; cosine: number };
  /** Every event of the run. */
  transcript: IdeatorEvent[];
}

/** Input of one ideator run: topic, previous ideas, seed and signal. */
export interface IdeatorInput {
  /** The research topic. */
  topic: string;
  /** Titles of earlier ideas (`[PREVIOUS IDEAS]`): the next one must differ. */
  previousIdeas?: string[];
  /** Seed of this run's random-node draws. Default: options.seed. */
  seed?: number;
  /** Cancels the run. */
  signal?: AbortSignal;
}

const ASPECTS = ['clarity', 'innovativeness', 'rationality', 'feasibility'];

/** `<ACCEPT>` / `<REJECT>`, exact and case-sensitive; both → the later one wins. */
export function parseVerdict(text: string): { verdict?: 'accept' | 'reject'; both: boolean } {
  const a = text.lastIndexOf('<ACCEPT>');
  const r = text.lastIndexOf('<REJECT>');
  if (a < 0 && r < 0) return { both: false };
  return { verdict: a > r ? 'accept' : 'reject', both: a >= 0 && r >= 0 };
}

function parseIdea(text: string): { idea?: Idea; issues?: string } {
  let issues: string | undefined;
  for (const c of extractJsonCandidates(text).reverse()) {
    const r = PaperIdeaSchema.safeParse(c);
    if (r.success) return { idea: r.data };
    issues ??= r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return { issues: issues ?? 'no JSON object found in the reply' };
}

/** The Socratic two-agent ideator (spec §4): a researcher explores and writes, a mentor only asks, then rules. */
export class SocraticIdeator {
  readonly options: z.output<typeof SocraticIdeatorOptionsSchema>;
  constructor(options: SocraticIdeatorOptions) {
    this.options = parseOptions(SocraticIdeatorOptionsSchema, options, 'SocraticIdeator options');
  }

  /** Runs one ideation session to its verdict and returns the result (consumes `stream`). */
  async run(input: IdeatorInput): Promise<IdeatorResult> {
    const it = this.stream(input);
    for (;;) {
      const n = await it.next();
      if (n.done) return n.value;
    }
  }

  /** Runs one ideation session, yielding each turn, tool call and verdict as it happens; returns the result. */
  async *stream(input: IdeatorInput): AsyncGenerator<IdeatorEvent, IdeatorResult> {
    const o = this.options;
    const topic = z.string().trim().min(1).parse(input.topic);
    const session: ToolSession = o.tools.session(input.seed ?? o.seed);
    const toolNames = new Set(o.tools.names);
    const requireRandom = o.mentor !== null;
    const usage: Usage = { input: 0, output: 0 };
    const warnings: IdeatorWarning[] = [];
    const transcript: IdeatorEvent[] = [];
    let toolCalls = 0;
    const emit = (e: IdeatorEvent) => (transcript.push(e), e);
    const warn = (kind: IdeatorWarning['kind'], message: string) => {
      const w = { kind, message };
      warnings.push(w);
      return emit({ type: 'warning', warning: w });
    };
    const generate = async (model: TextModel, messages: TaggedMessage[], stop?: string[]) => {
      if (input.signal?.aborted) throw new ReasonkitError('ABORTED', 'ideation aborted');
      const res = await model.generate({
        messages: fitHistory(messages, o.maxHistoryTokens, o.countTokens),
        maxTokens: o.maxTokens,
        temperature: o.temperature,
        seed: o.seed,
        ...(stop ? { stop } : {}),
        signal: input.signal,
      });
      usage.input += res.usage?.input ?? 0;
      usage.output += res.usage?.output ?? 0;
      return res;
    };

    const researcherMsgs: TaggedMessage[] = [
      { role: 'system', tag: 'system', content: researcherSystemPrompt({ tools: o.tools.names, toolDescriptions: o.tools.names.map((n) => TOOL_DESCRIPTIONS[n] as string), requireRandom }) },
      { role: 'user', tag: 'topic', content: researcherTopicMessage(topic, input.previousIdeas ?? []) },
    ];
    const setIdeaMessage = (content: string) => {
      for (const m of researcherMsgs) if (m.tag === 'idea') m.tag = 'exchange';
      researcherMsgs.push({ role: 'assistant', tag: 'idea', content });
    };

    /** One researcher phase: tool calls until an idea JSON arrives (or failure). */
    const researcherTurn = async function* (phase: 'exploration' | 'deliberation', budget: number): AsyncGenerator<IdeatorEvent, { idea?: Idea; text: string; error?: string }> {
      let used = 0;
      let reminders = 0;
      let repairs = 0;
      let overBudget = 0;
      let warnedRequirement = false;
      for (;;) {
        const res = await generate(o.researcher, researcherMsgs, [CALL_MARKER]);
        const detected = detectToolCall(res.text, res.finishReason, toolNames);
        if (detected) {
          const written = res.text.includes(CALL_MARKER) ? res.text : `${res.text}${CALL_MARKER}`;
          researcherMsgs.push({ role: 'assistant', tag: 'tool', content: written });
          if (used >= budget) {
            if (++overBudget > 2) return { text: res.text, error: `tool budget of ${budget} exhausted and the researcher kept calling tools` };
            yield warn('tool_budget', `${phase}: tool budget of ${budget} exhausted`);
            researcherMsgs.push({ role: 'user', tag: 'tool', content: 'Tool budget exhausted: no more tool calls. Write the full idea JSON now.' });
            continue;
          }
          used++;
          toolCalls++;
          const first = detected.first;
          let text: string;
          if (!first || !first.ok) {
            text = `Error: ${first ? first.error : 'no call found'} in "${first?.text ?? ''}". Write one call like node_search(query="...") then ${CALL_MARKER}. Valid tools: ${o.tools.names.join(', ')}.`;
          } else {
            yield emit({ type: 'tool_call', phase, name: first.call.name, args: first.call.args });
            const out = await session.call(first.call.name, first.call.args, input.signal);
            yield emit({ type: 'tool_result', phase, name: first.call.name, ok: out.ok, json: out.json });
            text = `[TOOL RESULT] ${first.call.name}\n${out.text}`;
          }
          if (detected.dropped > 0) {
            text += `\n(Only the first call ran; ${detected.dropped} further call(s) in that turn were dropped. One call per turn.)`;
            yield warn('dropped_calls', `${detected.dropped} call(s) dropped`);
          }
          researcherMsgs.push({ role: 'user', tag: 'tool', content: text });
          continue;
        }
        if (phase === 'exploration') {
          const searched = (session.used.get('node_search') ?? 0) > 0;
          const drew = (session.used.get('get_random_nodes') ?? 0) > 0;
          if (!searched || (requireRandom && !drew)) {
            if (reminders < 2) {
              reminders++;
              yield warn('premature_idea', `idea written before ${!searched ? 'node_search' : 'get_random_nodes'} (reminder ${reminders})`);
              researcherMsgs.push({ role: 'assistant', tag: 'exchange', content: res.text });
              researcherMsgs.push({ role: 'user', tag: 'exchange', content: requireRandom ? IDEA_REMINDER : IDEA_REMINDER_NO_RANDOM });
              continue;
            }
            if (!warnedRequirement) {
              warnedRequirement = true;
              yield warn('premature_idea', 'idea accepted without the required tool calls after 2 reminders');
            }
          }
        }
        const parsed = parseIdea(res.text);
        if (parsed.idea) return { idea: parsed.idea, text: res.text };
        if (repairs >= o.repairs) return { text: res.text, error: `idea JSON invalid after ${repairs} repair(s): ${parsed.issues}` };
        repairs++;
        researcherMsgs.push({ role: 'assistant', tag: 'exchange', content: res.text });
        researcherMsgs.push({ role: 'user', tag: 'exchange', content: `Your idea JSON was not valid: ${parsed.issues}. Reply again with the full corrected idea JSON only.` });
      }
    };

    const finish = async (status: IdeaStatus, idea: Idea | undefined, rounds: number, error?: string): Promise<IdeatorResult> => {
      const kgRefs = idea ? extractKgRefs(idea) : [];
      const unresolved: KgRef[] = [];
      for (const ref of kgRefs) if (!(await o.tools.store.findByName(ref.name, ref.kind)).length) unresolved.push(ref);
      for (const ref of unresolved) warn('unresolved_kg_ref', `kg:${ref.kind}:${ref.name} (in ${ref.field}) is not a node of the graph`);
      return { status, ...(idea ? { idea } : {}), rounds, toolCalls, kgRefs, unresolvedKgRefs: unresolved, warnings, usage, ...(error ? { error } : {}), transcript };
    };

    // Exploration.
    let turn = yield* researcherTurn('exploration', o.maxToolCalls);
    if (!turn.idea) return finish('failed', undefined, 0, turn.error);
    let idea: Idea = turn.idea;
    setIdeaMessage(turn.text);
    yield emit({ type: 'idea_draft', phase: 'exploration', idea });

    if (o.strictGrounding) {
      const bad: KgRef[] = [];
      for (const ref of extractKgRefs(idea)) if (!(await o.tools.store.findByName(ref.name, ref.kind)).length) bad.push(ref);
      if (bad.length) {
        researcherMsgs.push({ role: 'user', tag: 'exchange', content: `These kg links name no node of the graph: ${bad.map((b) => `kg:${b.kind}:${b.name}`).join(', ')}. Fix them (use node_search / node_relation names exactly) or remove them, and return the full idea JSON.` });
        turn = yield* researcherTurn('deliberation', o.researcherToolCallsPerRound);
        if (turn.idea) {
          idea = turn.idea;
          setIdeaMessage(turn.text);
          yield emit({ type: 'idea_draft', phase: 'deliberation', idea });
        }
      }
    }

    const mentor = o.mentor;
    if (mentor === null) return finish('accepted', idea, 0);

    // Deliberation.
    const mentorMsgs: TaggedMessage[] = [{ role: 'system', tag: 'system', content: mentorSystemPrompt({ time: o.clock().toISOString().slice(0, 10), maxRounds: o.maxRounds, topic, aspectPolicy: o.aspectPolicy }) }];
    let exchanges = 0;
    let lastAnswer: string | undefined;
    for (let round = 1; round <= o.maxRounds; round++) {
      const aspect = o.aspectPolicy === 'round-robin' ? ASPECTS[(round - 1) % ASPECTS.length] : undefined;
      for (const m of mentorMsgs) if (m.tag === 'idea') m.tag = 'exchange';
      mentorMsgs.push({ role: 'user', tag: 'idea', content: `${lastAnswer ? `[RESEARCHER ANSWER]\n${lastAnswer}\n\n` : ''}${mentorRoundMessage({ idea: JSON.stringify(toPaperJson(idea), null, 2), round, maxRounds: o.maxRounds, aspect })}` });
      const res = await generate(mentor, mentorMsgs);
      mentorMsgs.push({ role: 'assistant', tag: 'exchange', content: res.text });
      const v = parseVerdict(res.text);
      if (v.verdict) {
        if (exchanges >= o.minRounds) {
          if (v.both) yield warn('both_markers', `round ${round}: both <ACCEPT> and <REJECT>; the later (${v.verdict}) wins`);
          yield emit({ type: 'verdict', round, verdict: v.verdict, forced: false });
          return finish(v.verdict === 'accept' ? 'accepted' : 'rejected', idea, exchanges);
        }
        yield warn('premature_verdict', `round ${round}: verdict before ${o.minRounds} full exchange(s) ignored`);
      }
      const question = res.text.replace(/<ACCEPT>|<REJECT>/g, '').trim();
      const aspectTag = /\[ASPECT:\s*([^\]]+)\]/i.exec(question)?.[1]?.trim().toLowerCase() ?? aspect;
      yield emit({ type: 'question', round, text: question, ...(aspectTag ? { aspect: aspectTag } : {}) });
      researcherMsgs.push({ role: 'user', tag: 'exchange', content: researcherQuestionMessage(question) });
      const answer = yield* researcherTurn('deliberation', o.researcherToolCallsPerRound);
      if (!answer.idea) return finish('failed', idea, exchanges, answer.error);
      idea = answer.idea;
      setIdeaMessage(answer.text);
      lastAnswer = answer.text;
      exchanges++;
      yield emit({ type: 'answer', round, text: answer.text });
      yield emit({ type: 'idea_draft', phase: 'deliberation', idea });
    }
    // Exactly one forced verdict call.
    mentorMsgs.push({ role: 'user', tag: 'idea', content: `${lastAnswer ? `[RESEARCHER ANSWER]\n${lastAnswer}\n\n[IDEA]\n${JSON.stringify(toPaperJson(idea), null, 2)}\n\n` : ''}${FORCED_VERDICT}` });
    const forced = await generate(mentor, mentorMsgs);
    const v = parseVerdict(forced.text);
    if (v.both) yield warn('both_markers', `forced verdict: both markers; the later (${v.verdict}) wins`);
    yield emit({ type: 'verdict', round: o.maxRounds + 1, verdict: v.verdict ?? 'none', forced: true });
    return finish(v.verdict === 'accept' ? 'accepted' : v.verdict === 'reject' ? 'rejected' : 'no_verdict', idea, exchanges);
  }
}

/** Options of `generateIdeas`: topic, accepted ideas wanted, run cap, previous ideas, resume, callback, dedup. */
export const GenerateIdeasOptionsSchema = z.object({
  topic: z.string().trim().min(1),
  /** Accepted ideas wanted. */
  n: z.number().int().min(1).max(100),
  /** Runs at most (accepted or not). Default 3·n (our choice). */
  maxRuns: z.number().int().min(1).optional(),
  previousIdeas: z.array(z.string()).default([]),
  /** Results of an earlier, interrupted call (e.g. read back from a JSONL file): not run again. */
  resume: z.array(z.custom<IdeatorResult>()).default([]),
  /** Called after each session with its result and index (append it to a JSONL file to make the call resumable). */
  onResult: z.custom<(r: IdeatorResult, index: number) => void | Promise<void>>((v) => typeof v === 'function').optional(),
  signal: z.custom<AbortSignal>().optional(),
  /**
   * Idea dedup (off by default): an accepted idea whose embedding cosine (of `ideaToText`) to an earlier accepted
   * one is above `threshold` (default 0.8, AI-Researcher's) gets `duplicateOf`, does not count towards `n` and is
   * not returned.
   */
  dedup: z
    .object({
      embedder: z.custom<Embedder>((v) => typeof (v as Embedder)?.embed === 'function', 'embedder must have embed(texts)'),
      threshold: z.number().gt(0).max(1).default(0.8),
    })
    .optional(),
});
export type GenerateIdeasOptions = z.input<typeof GenerateIdeasOptionsSchema>;

/** Runs the ideator until `n` ideas are accepted; earlier titles go to `[PREVIOUS IDEAS]`. Returns accepted runs only. */
export async function generateIdeas(ideator: SocraticIdeator, options: GenerateIdeasOptions): Promise<IdeatorResult[]> {
  const o = parseOptions(GenerateIdeasOptionsSchema, options, 'generateIdeas options');
  const results = [...o.resume];
  const previous = [...o.previousIdeas, ...results.flatMap((r) => (r.idea ? [r.idea.title] : []))];
  const maxRuns = o.maxRuns ?? 3 * o.n;
  const counts = (r: IdeatorResult) => r.status === 'accepted' && !r.duplicateOf;
  const keptVectors: { index: number; v: Float32Array }[] = [];
  if (o.dedup) {
    const acc = results.map((r, i) => ({ r, i })).filter((x) => counts(x.r) && x.r.idea);
    const vs = acc.length ? await o.dedup.embedder.embed(acc.map((x) => ideaToText(x.r.idea as Idea)), { signal: o.signal }) : [];
    acc.forEach((x, j) => keptVectors.push({ index: x.i, v: vs[j] as Float32Array }));
  }
  while (results.filter(counts).length < o.n && results.length < maxRuns) {
    const r = await ideator.run({ topic: o.topic, previousIdeas: previous, seed: ideator.options.seed + results.length, signal: o.signal });
    if (o.dedup && r.status === 'accepted' && r.idea) {
      const [v] = await o.dedup.embedder.embed([ideaToText(r.idea)], { signal: o.signal });
      const d = dedupVectors([...keptVectors.map((k) => k.v), v as Float32Array], o.dedup.threshold).dropped.find((x) => x.index === keptVectors.length);
      if (d) r.duplicateOf = { index: (keptVectors[d.duplicateOf] as { index: number }).index, cosine: d.cosine };
      else keptVectors.push({ index: results.length, v: v as Float32Array });
    }
    results.push(r);
    if (r.idea) previous.push(r.idea.title);
    await o.onResult?.(r, results.length - 1);
  }
  return results.filter(counts);
}
