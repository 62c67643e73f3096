import * as z from 'zod';
import { parseOptions } from '@reasonkit/core';
import { ModeSelectError } from '../errors/mode-select-error.js';

/**
 * How a reasoning model writes its thinking: the tags, the prompt template (ending just after the
 * think opener, never with a second opener, spec §9.7), the transition words where checks happen,
 * the answer inducer of trial answers and where a trial answer stops.
 */
export interface ThinkFormat {
  id: string;
  thinkOpen: string;
  thinkClose: string;
  /** What follows the close tag before the answer. Default `\n\n` [our choice, spec §3.1]. */
  afterClose: string;
  /** The prompt for a question; it ends just after the think opener. */
  promptFor(question: string): string;
  /** DEER: `['Wait']`. */
  transitionWords: readonly string[];
  /** Appended before a trial answer: `\n**Final Answer**\n\\boxed` [ref: iie-ycx/DEER]. */
  answerInducer: string;
  /** Where a trial answer ends (DEER's brace stops for `\boxed`). */
  trialStops: readonly string[];
}

/** zod schema of `ThinkFormatOptions`: validates it and applies its defaults. */
export const ThinkFormatOptionsSchema = z.object({
  id: z.string().min(1).default('custom'),
  thinkOpen: z.string().min(1).default('<think>'),
  thinkClose: z.string().min(1).default('</think>'),
  afterClose: z.string().default('\n\n'),
  /** `{question}` is replaced by the question; must end with `thinkOpen`. */
  template: z.string().default('{question}<think>\n'),
  transitionWords: z.array(z.string().min(1)).default(['Wait']),
  answerInducer: z.string().default('\n**Final Answer**\n\\boxed'),
  trialStops: z.array(z.string().min(1)).default([')}', '}.', '}\n', '}']),
});
/** Input accepted by `ThinkFormatOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ThinkFormatOptions = z.input<typeof ThinkFormatOptionsSchema>;

/** A think format from a template; the template must end with the think opener (plus optional newline). */
export function createThinkFormat(options: ThinkFormatOptions = {}): ThinkFormat {
  const o = parseOptions(ThinkFormatOptionsSchema, options, 'createThinkFormat options');
  if (!o.template.includes('{question}')) throw new ModeSelectError('format', 'createThinkFormat: template must contain {question}', { field: 'template' });
  if (!o.template.trimEnd().endsWith(o.thinkOpen)) {
    throw new ModeSelectError('format', `createThinkFormat: template must end with the think opener ${JSON.stringify(o.thinkOpen)}`, { field: 'template' });
  }
  return {
    id: o.id,
    thinkOpen: o.thinkOpen,
    thinkClose: o.thinkClose,
    afterClose: o.afterClose,
    promptFor: (question) => o.template.replace('{question}', question),
    transitionWords: o.transitionWords,
    answerInducer: o.answerInducer,
    trialStops: o.trialStops,
  };
}

/** R1 math instruction [ref: iie-ycx/DEER, DeepSeek-R1 model card]. */
export const R1_MATH_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';

/** Presets: DeepSeek-R1-Distill (template ends `<｜Assistant｜><think>\n`, [ref: THU-KEG/AdaptThink]) and Qwen3 (ChatML). */
export const THINK_FORMAT_PRESETS = {
  /** DeepSeek-R1-Distill's format (template ends `<｜Assistant｜><think>\n`). */
  'deepseek-r1-distill': () =>
    createThinkFormat({ id: 'deepseek-r1-distill', template: `<｜begin▁of▁sentence｜><｜User｜>{question}\n${R1_MATH_INSTRUCTION}<｜Assistant｜><think>\n` }),
  /** Qwen3's format (ChatML, opening `<think>`). */
  qwen3: () => createThinkFormat({ id: 'qwen3', template: `<|im_start|>user\n{question}\n${R1_MATH_INSTRUCTION}<|im_end|>\n<|im_start|>assistant\n<think>\n` }),
} as const;

/** A fake thought: the body written inside the think block and what closes it (close tag + `afterClose`). */
export interface FakeThought {
  id: string;
  body: string;
  close: string;
}

/** Fake-thought presets of spec §3.1. Whitespace of `ma2025-finished` is [unknown]: no newline before the close tag, `\n\n` after [our choice]. */
export const FAKE_THOUGHT_PRESETS = {
  /** NoThinking, Ma et al. arXiv 2504.09858 (the default). */
  'ma2025-finished': { id: 'ma2025-finished', body: 'Okay, I think I have finished thinking.', close: '</think>\n\n' },
  /** [ref: iie-ycx/DEER] zero-step path: the template ends `<think>\n`, the fake thought is `\n</think>\n\n`. */
  empty: { id: 'empty', body: '\n', close: '</think>\n\n' },
  /** ThinkSwitcher's `<think></think>` (the opener is the template's). */
  'empty-pair': { id: 'empty-pair', body: '', close: '</think>' },
} as const satisfies Record<string, FakeThought>;

/** Name of a built-in fake-thought preset. */
export type FakeThoughtPresetId = keyof typeof FAKE_THOUGHT_PRESETS;

/** zod schema of a `FakeThought`: validates it and applies its defaults. */
export const FakeThoughtSchema = z.union([
  z.enum(Object.keys(FAKE_THOUGHT_PRESETS) as [FakeThoughtPresetId, ...FakeThoughtPresetId[]]),
  z.object({ id: z.string().min(1), body: z.string(), close: z.string().min(1) }),
]);

/** Resolves a preset id or a custom fake thought; an unknown preset id is a field-named error. */
export function resolveFakeThought(value: unknown): FakeThought {
  const v = parseOptions(FakeThoughtSchema, value, 'fakeThought');
  return typeof v === 'string' ? { ...FAKE_THOUGHT_PRESETS[v] } : v;
}

/** The NoThinking prompt: the Thinking prompt, the fake-thought body, its close. */
export function noThinkingPromptFor(format: ThinkFormat, question: string, fakeThought: FakeThought): string {
  return `${format.promptFor(question)}${fakeThought.body}${fakeThought.close}`;
}
