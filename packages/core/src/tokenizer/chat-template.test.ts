import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { applyChat, renderChatTemplate } from './chat-template.js';
import type { ChatMessage } from './tokenizer.js';

/** ChatML, written by hand in the shape real tokenizer_config.json files use. */
const CHATML =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** A Llama-2-style template using bos/eos tokens, a system prompt and raise_exception. */
const LLAMA2 =
  "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}" +
  '{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}' +
  '{% for message in loop_messages %}' +
  "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
  "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}" +
  "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}" +
  "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

const chat: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Hi!' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Tell me a story.' },
];

describe('renderChatTemplate', () => {
  it('renders ChatML with and without the generation prompt', () => {
    expect(renderChatTemplate(CHATML, chat.slice(0, 2))).toBe(
      '<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n',
    );
    expect(renderChatTemplate(CHATML, chat.slice(1, 2), { addGenerationPrompt: false })).toBe('<|im_start|>user\nHi!<|im_end|>\n');
  });

  it('renders a Llama-2 template with bos/eos tokens and surfaces raise_exception', () => {
    expect(renderChatTemplate(LLAMA2, chat, { bosToken: '<s>', eosToken: '</s>' })).toBe(
      '<s>[INST] <<SYS>>\nYou are terse.\n<</SYS>>\n\nHi! [/INST] Hello. </s><s>[INST] Tell me a story. [/INST]',
    );
    let error: unknown;
    try {
      renderChatTemplate(LLAMA2, [chat[1]!, chat[1]!], { bosToken: '<s>' });
    } catch (e) {
      error = e;
    }
    expect(ReasonkitError.is(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toContain('Conversation roles must alternate');
  });

  it('validates messages and reports broken templates', () => {
    expect(() => renderChatTemplate(CHATML, [{ role: 'robot', content: 'x' } as never])).toThrowError(/0\.role/);
    expect(() => renderChatTemplate('{% for %}', chat)).toThrowError(/chat_template does not parse/);
  });
});

describe('applyChat', () => {
  it('uses the config template with its bos/eos tokens, including named templates', () => {
    const config = { chat_template: LLAMA2, bos_token: { content: '<s>' }, eos_token: '</s>' };
    expect(applyChat(chat.slice(1, 2), { tokenizerConfig: config })).toBe('<s>[INST] Hi! [/INST]');
    const named = { chat_template: [{ name: 'default', template: CHATML }, { name: 'tool_use', template: LLAMA2 }] };
    expect(applyChat(chat.slice(1, 2), { tokenizerConfig: named })).toMatch(/^<\|im_start\|>user/);
    expect(applyChat(chat.slice(1, 2), { tokenizerConfig: { ...named, bos_token: '<s>' }, templateName: 'tool_use' })).toBe('<s>[INST] Hi! [/INST]');
    expect(() => applyChat(chat, { tokenizerConfig: named, templateName: 'rag' })).toThrowError(/no template named "rag"/);
  });

  it('lets formatChat override any template', () => {
    const formatChat = (m: readonly ChatMessage[], o: { addGenerationPrompt: boolean }) =>
      m.map((x) => `${x.role}: ${x.content}`).join('\n') + (o.addGenerationPrompt ? '\nassistant:' : '');
    expect(applyChat(chat.slice(1, 2), { tokenizerConfig: { chat_template: CHATML }, formatChat })).toBe('user: Hi!\nassistant:');
  });

  it('throws a clear error for a model without template or formatChat (e.g. stories260K)', () => {
    let error: unknown;
    try {
      applyChat(chat, { tokenizerConfig: { bos_token: '\n<s>\n' } });
    } catch (e) {
      error = e;
    }
    expect(ReasonkitError.is(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/no chat_template.*formatChat/);
  });
});
