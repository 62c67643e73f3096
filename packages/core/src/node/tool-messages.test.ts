import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainChatFormat } from '../cli/commands/serve.js';
import { parseLlama2cCheckpoint } from '../llama2c/checkpoint.js';
import { parseLlama2cTokenizer } from '../llama2c/llama2c-tokenizer.js';
import { Llama2cReferenceModel } from '../llama2c/reference-model.js';
import { rejection } from '../test-utils/expect-error.js';
import { haveReferenceModel, readCheckpoint, readTokenizerBytes, skipMessage } from '../test-utils/shared-models.js';
import { createLocalTextModel } from '../text-model/local-text-model.js';
import { createOpenAICompatible } from '../text-model/openai-compatible.js';
import type { ChatMessage } from '../tokenizer/tokenizer.js';
import { createOpenAIServer, type OpenAIServer } from './openai-server.js';

// Issue 9 acceptance 3: a `tool` message (with tool_call_id) goes client → HTTP → server → local
// model → chat template and back; a template that supports the role renders it, one that does not
// gets a clear 400 naming the message. Over stories260K (its tokenizer counts the rendered prompt).

const WITH_TOOL =
  "{% for m in messages %}{% if m.role == 'tool' %}[tool {{ m.tool_call_id }}] {{ m.content }}\n{% else %}{{ m.role }}: {{ m.content }}\n{% endif %}{% endfor %}{% if add_generation_prompt %}assistant:{% endif %}";
const WITHOUT_TOOL =
  "{% for m in messages %}{% if m.role == 'user' %}user: {{ m.content }}\n{% elif m.role == 'assistant' %}assistant: {{ m.content }}\n{% endif %}{% endfor %}assistant:";

const messages: ChatMessage[] = [
  { role: 'user', content: 'What is six times seven?' },
  { role: 'assistant', content: 'Let me compute it.' },
  { role: 'tool', content: '42', toolCallId: 'call_1', name: 'multiply' },
];

describe.skipIf(!haveReferenceModel)(`tool messages through client, server and chat templates${haveReferenceModel ? '' : ` (${skipMessage})`}`, () => {
  const servers: OpenAIServer[] = [];
  const tokenizer = haveReferenceModel ? parseLlama2cTokenizer(readTokenizerBytes(), 512) : undefined;
  const start = async (options: { chatTemplate?: string; formatChat?: typeof plainChatFormat }) => {
    const lm = new Llama2cReferenceModel(parseLlama2cCheckpoint(readCheckpoint()));
    const server = await createOpenAIServer({ model: createLocalTextModel({ lm, tokenizer: tokenizer!, ...options }), modelName: 'stories' });
    servers.push(server);
    return createOpenAICompatible({ baseURL: server.url, model: 'stories', maxRetries: 0, timeoutMs: 30_000 });
  };
  let withTool: Awaited<ReturnType<typeof start>>;
  let withoutTool: Awaited<ReturnType<typeof start>>;
  let plain: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    withTool = await start({ chatTemplate: WITH_TOOL });
    withoutTool = await start({ chatTemplate: WITHOUT_TOOL });
    plain = await start({ formatChat: plainChatFormat });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('a template that supports the role renders the tool message with its tool_call_id', async () => {
    const result = await withTool.generate({ messages, maxTokens: 1 });
    const rendered = 'user: What is six times seven?\nassistant: Let me compute it.\n[tool call_1] 42\nassistant:';
    expect(result.usage!.input).toBe(tokenizer!.encode(rendered).length);
    // Without the call id the prompt would be shorter: the id really went through.
    expect(tokenizer!.encode(rendered.replace('call_1', '')).length).toBeLessThan(result.usage!.input);
  });

  it('the plain format (serve --chat-format auto for template-less models) carries it too', async () => {
    const result = await plain.generate({ messages, maxTokens: 1 });
    expect(result.usage!.input).toBe(tokenizer!.encode(plainChatFormat(messages.map((m) => ({ ...m, content: m.content as string })))).length);
    expect(plainChatFormat([{ role: 'tool', content: '42', toolCallId: 'call_1' }])).toBe('tool (call_1): 42\nassistant:');
  });

  it('a template that would drop it gets a 400 naming the message and the role', async () => {
    const error = await rejection(withoutTool.generate({ messages, maxTokens: 1 }));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.details.status).toBe(400);
    expect(error.message).toMatch(/messages\.2\.role: this chat template does not support role "tool"/);
    expect(JSON.parse(error.details.body as string).error.param).toBe('messages.2.role');
  });
});
