import { Template } from '@huggingface/jinja';
import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { parseOptions } from '../validation/parse-options.js';
import { type HfTokenizerConfig, tokenText } from './hf-tokenizer.js';
import { ChatMessageSchema } from './chat-message-schema.js';
import { type ChatMessage, contentText, firstImagePart } from './tokenizer.js';

const RAISE = '__reasonkit_raise_exception';

const ChatMessagesSchema = /* @__PURE__ */ lazySchema(() => z.array(ChatMessageSchema));

/** zod schema of `RenderChatTemplateOptions`: validates it and applies its defaults. */
export const RenderChatTemplateOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Append the assistant turn header (`add_generation_prompt`). Default true (our choice: we render to generate). */
  addGenerationPrompt: z.boolean().optional(),
  bosToken: z.string().optional(),
  eosToken: z.string().optional(),
  /** Extra template variables (e.g. `tools`, `date_string`). */
  variables: z.record(z.string(), z.unknown()).optional(),
}));
/** Input accepted by `RenderChatTemplateOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
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
  let rendered: string;
  try {
    rendered = compiled.render({
      ...opts.variables,
      messages: msgs.map(templateMessage),
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
  checkToolMessages(template, msgs, rendered);
  return rendered;
}

/**
 * The message as a chat template sees it (HF names): text-only content joined to a string, image
 * parts kept as parts (for vision templates), `tool_call_id` and `name` when given.
 */
function templateMessage(message: ChatMessage): Record<string, unknown> {
  const content = firstImagePart(message.content) < 0 ? contentText(message.content) : message.content;
  const out: Record<string, unknown> = { role: message.role, content };
  if (message.toolCallId !== undefined) out.tool_call_id = message.toolCallId;
  if (message.name !== undefined) out.name = message.name;
  return out;
}

/**
 * Many templates silently skip roles they do not know. A `tool` message is accepted when the
 * template names the role (`'tool'` or `"tool"`) or its text appears in the rendered prompt;
 * otherwise it would vanish from the prompt, so this throws `INVALID_ARGUMENT` naming the message.
 */
function checkToolMessages(template: string, messages: readonly ChatMessage[], rendered: string): void {
  if (/['"]tool['"]/.test(template)) return;
  for (const [i, message] of messages.entries()) {
    if (message.role !== 'tool') continue;
    const text = contentText(message.content);
    if (text !== '' && rendered.includes(text)) continue;
    throw new ReasonkitError(
      'INVALID_ARGUMENT',
      `messages.${i}.role: this chat template does not support role "tool" (it never mentions the role and drops the message); use a template with tool support or formatChat`,
      { field: `messages.${i}.role`, actual: 'tool' },
    );
  }
}

/** A chat message whose content is plain text (what text-only formatters receive). */
export type TextChatMessage = Omit<ChatMessage, 'content'> & { content: string };

/** A caller-supplied chat formatter; overrides any template. Receives text-only messages (text parts joined). */
export type FormatChat = (messages: readonly TextChatMessage[], options: { addGenerationPrompt: boolean }) => string;

/** zod schema of a `ApplyChatOptions`: validates it and applies its defaults. */
export const ApplyChatOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Overrides the config's template (e.g. for stories260K, which has none). */
  formatChat: z.custom<FormatChat>((v) => typeof v === 'function', { message: 'formatChat must be a function' }).optional(),
  /** `tokenizer_config.json` contents holding `chat_template`, `bos_token`, `eos_token`. */
  tokenizerConfig: z.record(z.string(), z.unknown()).optional(),
  /** Which named template to use when `chat_template` is a list. Default `default`. */
  templateName: z.string().optional(),
  addGenerationPrompt: z.boolean().optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
}));
/** Options of `applyChatTemplate`. */
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
    const text = msgs.map((m, i): TextChatMessage => {
      const image = firstImagePart(m.content);
      if (image >= 0) {
        throw new ReasonkitError('INVALID_ARGUMENT', `messages.${i}.content.${image}: formatChat takes text only; image content parts are not supported`, {
          field: `messages.${i}.content.${image}`,
        });
      }
      return { ...m, content: contentText(m.content) };
    });
    return opts.formatChat(text, { addGenerationPrompt });
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
