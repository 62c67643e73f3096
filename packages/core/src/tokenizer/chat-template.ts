import { Template } from '@huggingface/jinja';
import { z } from 'zod';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseOptions } from '../validation/parse-options.js';
import { type HfTokenizerConfig, tokenText } from './hf-tokenizer.js';
import type { ChatMessage } from './tokenizer.js';

const RAISE = '__reasonkit_raise_exception';

// Same shape as text-model's ChatMessageSchema (kept local: that one is the public export).
const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

const ChatMessagesSchema = z.array(ChatMessageSchema);

export const RenderChatTemplateOptionsSchema = z.object({
  /** Append the assistant turn header (`add_generation_prompt`). Default true (our choice: we render to generate). */
  addGenerationPrompt: z.boolean().optional(),
  bosToken: z.string().optional(),
  eosToken: z.string().optional(),
  /** Extra template variables (e.g. `tools`, `date_string`). */
  variables: z.record(z.string(), z.unknown()).optional(),
});
export type RenderChatTemplateOptions = z.input<typeof RenderChatTemplateOptionsSchema>;

/**
 * Renders a Hugging Face chat template (Jinja, via `@huggingface/jinja`) with `messages`,
 * `add_generation_prompt`, `bos_token`, `eos_token`, any extra `variables`, and
 * `raise_exception(msg)` (which throws an `INVALID_ARGUMENT` ReasonkitError with the template's
 * message, as transformers does). A template that fails to parse or render throws
 * `CONFIG_INVALID`.
 */
export function renderChatTemplate(
  template: string,
  messages: readonly ChatMessage[],
  options: RenderChatTemplateOptions = {},
): string {
  const msgs = parseOptions(ChatMessagesSchema, messages, 'chat messages');
  const opts = parseOptions(RenderChatTemplateOptionsSchema, options, 'renderChatTemplate options');
  let compiled: Template;
  try {
    // @huggingface/jinja predefines raise_exception (throwing a plain Error) and refuses to
    // redefine it, so calls are routed to our own function to tell them from render bugs.
    compiled = new Template(template.replace(/\braise_exception(\s*\()/g, `${RAISE}$1`));
  } catch (cause) {
    throw new ReasonkitError('CONFIG_INVALID', `chat_template does not parse: ${errorText(cause)}`, { field: 'chat_template' }, { cause });
  }
  const raised: { message?: string } = {};
  const raiseException = (message: unknown): never => {
    raised.message = String(message);
    throw new Error(String(message));
  };
  try {
    return compiled.render({
      ...opts.variables,
      messages: msgs,
      add_generation_prompt: opts.addGenerationPrompt ?? true,
      bos_token: opts.bosToken ?? '',
      eos_token: opts.eosToken ?? '',
      [RAISE]: raiseException,
    });
  } catch (cause) {
    if (raised.message !== undefined) {
      throw new ReasonkitError('INVALID_ARGUMENT', `chat template rejected the messages: ${raised.message}`, { field: 'messages' }, { cause });
    }
    throw new ReasonkitError('CONFIG_INVALID', `chat_template failed to render: ${errorText(cause)}`, { field: 'chat_template' }, { cause });
  }
}

/** A caller-supplied chat formatter; overrides any template. */
export type FormatChat = (messages: readonly ChatMessage[], options: { addGenerationPrompt: boolean }) => string;

export const ApplyChatOptionsSchema = z.object({
  /** Overrides the config's template (e.g. for stories260K, which has none). */
  formatChat: z.custom<FormatChat>((v) => typeof v === 'function', { message: 'formatChat must be a function' }).optional(),
  /** `tokenizer_config.json` contents holding `chat_template`, `bos_token`, `eos_token`. */
  tokenizerConfig: z.record(z.string(), z.unknown()).optional(),
  /** Which named template to use when `chat_template` is a list. Default `default`. */
  templateName: z.string().optional(),
  addGenerationPrompt: z.boolean().optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
});
export type ApplyChatOptions = Omit<z.input<typeof ApplyChatOptionsSchema>, 'tokenizerConfig' | 'formatChat'> & {
  formatChat?: FormatChat;
  tokenizerConfig?: HfTokenizerConfig;
};

/**
 * Turns chat messages into prompt text: `formatChat` if given (it overrides any template),
 * otherwise the `chat_template` of `tokenizerConfig` rendered with its `bos_token`/`eos_token`.
 * Without either, throws `CONFIG_INVALID` (our choice: no silent plain-text default, since a
 * wrong prompt format degrades a model quietly).
 */
export function applyChat(messages: readonly ChatMessage[], options: ApplyChatOptions = {}): string {
  const opts = parseOptions(ApplyChatOptionsSchema, options, 'applyChat options');
  const addGenerationPrompt = opts.addGenerationPrompt ?? true;
  if (opts.formatChat) {
    const msgs = parseOptions(ChatMessagesSchema, messages, 'chat messages');
    return opts.formatChat(msgs, { addGenerationPrompt });
  }
  const config = (opts.tokenizerConfig ?? {}) as HfTokenizerConfig;
  const template = pickTemplate(config.chat_template, opts.templateName);
  if (template === undefined) {
    throw new ReasonkitError(
      'CONFIG_INVALID',
      'no chat template: tokenizer_config.json has no chat_template (e.g. stories260K); pass formatChat(messages) to format chats for this model',
      { field: 'chat_template' },
    );
  }
  const renderOptions: RenderChatTemplateOptions = { addGenerationPrompt };
  const bos = tokenText(config.bos_token);
  const eos = tokenText(config.eos_token);
  if (bos !== undefined) renderOptions.bosToken = bos;
  if (eos !== undefined) renderOptions.eosToken = eos;
  if (opts.variables) renderOptions.variables = opts.variables;
  return renderChatTemplate(template, messages, renderOptions);
}

function pickTemplate(chatTemplate: HfTokenizerConfig['chat_template'], name = 'default'): string | undefined {
  if (chatTemplate === null || chatTemplate === undefined) return undefined;
  if (typeof chatTemplate === 'string') return chatTemplate;
  const found = chatTemplate.find((t) => t.name === name);
  if (!found) {
    throw new ReasonkitError(
      'CONFIG_INVALID',
      `chat_template has no template named "${name}" (available: ${chatTemplate.map((t) => t.name).join(', ')})`,
      { field: 'chat_template', expected: name },
    );
  }
  return found.template;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
