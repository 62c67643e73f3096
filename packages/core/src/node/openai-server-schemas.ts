import * as z from 'zod';

// Request bodies accepted by `createOpenAIServer` (OpenAI wire names). Parameters the server
// cannot honour are refused with a 400 naming them (see `unsupportedParam`), never silently ignored.

const TextPart = z.looseObject({ type: z.literal('text'), text: z.string() });
const ImagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string().min(1), detail: z.enum(['auto', 'low', 'high']).nullish() }),
});
const Content = z.union([z.string(), z.array(z.discriminatedUnion('type', [TextPart, ImagePart])).min(1)]);

const common = {
  model: z.string().optional(),
  max_tokens: z.number().int().min(0).nullish(),
  temperature: z.number().min(0).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  top_k: z.number().int().nullish(),
  stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(16)]).nullish(),
  seed: z.number().int().nullish(),
  /** Choices per request: 1..16 (our cap). */
  n: z.number().int().min(1).max(16).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  /** Token id (as a string key, OpenAI's shape) → bias in -100..100. */
  logit_bias: z.record(z.string().regex(/^\d+$/, { message: 'keys must be token ids' }), z.number().min(-100).max(100)).nullish(),
  /** vLLM's extension: keep the matched stop string at the end of the text. */
  include_stop_str_in_output: z.boolean().nullish(),
  /** Accepted and ignored: they change nothing in what is generated. */
  user: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
};

/** OpenAI parameters this server knows but cannot honour (a 400 names them when not null). */
const UNSUPPORTED: Record<string, string> = {
  tools: 'tool calling is not supported by this server',
  tool_choice: 'tool calling is not supported by this server',
  parallel_tool_calls: 'tool calling is not supported by this server',
  functions: 'function calling is not supported by this server',
  function_call: 'function calling is not supported by this server',
  response_format: 'structured output (response_format) is not supported by this server; use generateObject on the client',
  audio: 'audio output is not supported',
  modalities: 'only text output is supported',
  prediction: 'predicted outputs are not supported',
  reasoning_effort: 'reasoning_effort is not supported',
  web_search_options: 'web search is not supported',
  suffix: 'suffix (insertion) is not supported',
  best_of: 'best_of is not supported; use n',
};

/**
 * The first parameter of `body` (an object) this server would have to ignore: a known unsupported
 * OpenAI parameter with a non-null value, or a key that no schema knows. `undefined` when none.
 */
export function unsupportedParam(body: Record<string, unknown>, route: 'chat' | 'completion'): { param: string; message: string } | undefined {
  const known = route === 'chat' ? CHAT_KEYS : COMPLETION_KEYS;
  for (const [key, value] of Object.entries(body)) {
    if (known.has(key)) continue;
    if (key in UNSUPPORTED) {
      if (value === null || value === undefined) continue;
      if (key === 'best_of' && value === 1) continue;
      if (key === 'suffix' && value === '') continue;
      return { param: key, message: `${key}: ${UNSUPPORTED[key]}` };
    }
    return { param: key, message: `${key}: unrecognized request argument` };
  }
  return undefined;
}

/** zod schema of `ChatCompletionRequest`: validates it and applies its defaults. */
export const ChatCompletionRequestSchema = z
  .looseObject({
    ...common,
    messages: z
      .array(
        z.looseObject({
          role: z.enum(['system', 'user', 'assistant', 'tool']),
          // OpenAI allows null content on assistant messages that only carry tool calls.
          content: Content.nullable(),
          tool_call_id: z.string().nullish(),
          name: z.string().nullish(),
        }),
      )
      .min(1),
    max_completion_tokens: z.number().int().min(0).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.top_logprobs != null && value.top_logprobs > 0 && value.logprobs !== true) {
      ctx.addIssue({ code: 'custom', path: ['top_logprobs'], message: 'top_logprobs requires logprobs: true' });
    }
  });

/** zod schema of `CompletionRequest`: validates it and applies its defaults. */
export const CompletionRequestSchema = z.looseObject({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).length(1, { message: 'exactly one prompt is supported' })]),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).max(20).nullish(),
});

const CHAT_KEYS = new Set(Object.keys(ChatCompletionRequestSchema.shape));
const COMPLETION_KEYS = new Set(Object.keys(CompletionRequestSchema.shape));

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

/** zod schema of a `OpenAIServerOptions`: validates it and applies its defaults. */
export const OpenAIServerOptionsSchema = z.object({
  /** Bind address. Default loopback `127.0.0.1` (our choice: never exposed by accident). */
  host: z.string().default('127.0.0.1'),
  /** Port; 0 picks a free one. Default 0. */
  port: z.number().int().min(0).max(65535).default(0),
  /** Name reported by `/v1/models` and in responses. Default: the model's `id`. */
  modelName: z.string().optional(),
  /** Largest accepted request body. Default 1 MiB (our choice). */
  maxBodyBytes: z.number().int().positive().default(1 << 20),
  /** Model calls run at once; others wait. Default 1 (our choice: a local CPU model runs one generation at a time). */
  concurrency: z.number().int().min(1).default(1),
  /** Default `max_tokens` for completions when absent. Default 16 (OpenAI's legacy default). */
  defaultMaxTokens: z.number().int().min(0).default(16),
});
