import * as z from 'zod';

// Request bodies accepted by `createOpenAIServer` (OpenAI wire names). Unknown fields are ignored
// so that generic OpenAI tools (which send `user`, `frequency_penalty`, …) work.

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
  n: z.literal(1, { message: 'only n = 1 is supported' }).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
};

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

export const CompletionRequestSchema = z.looseObject({
  ...common,
  prompt: z.union([z.string(), z.array(z.string()).length(1, { message: 'exactly one prompt is supported' })]),
  echo: z.boolean().nullish(),
  logprobs: z.number().int().min(0).max(20).nullish(),
});

export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;
export type CompletionRequest = z.infer<typeof CompletionRequestSchema>;

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
