import type { ChatMessage } from '@reasonkit/core';
import { contentText } from '@reasonkit/core';

const HEADER = '<|im_start|>assistant\n';

/** Qwen2.5 chat-template rendering (tool messages as user turns wrapped in `<tool_response>`). */
export function renderChatml(messages: readonly ChatMessage[], addGenerationPrompt = false): string {
  let out = '';
  for (const m of messages) {
    const text = contentText(m.content);
    if (m.role === 'tool') out += `<|im_start|>user\n<tool_response>\n${text}\n</tool_response><|im_end|>\n`;
    else out += `<|im_start|>${m.role}\n${text}<|im_end|>\n`;
  }
  return addGenerationPrompt ? out + HEADER : out;
}

/** Prompt and completion messages of one trajectory. */
export interface FormatRewardInput {
  /** The prompt messages (system, user). */
  prompt: readonly ChatMessage[];
  /** The generated turns: assistant and tool messages. */
  completion: readonly ChatMessage[];
}

/**
 * Format bonus (spec §4.3): (thinkRatio + 1[completion has a tool response]) / 4 ∈ [0, 0.5].
 *
 * - default (ours, strict): thinkRatio = share of assistant turns whose own content, left-trimmed,
 *   starts with a closed `<think>…</think>` block.
 * - `compat: 'asl'`: render prompt + completion with the chat template; at every
 *   `<|im_start|>assistant\n` the rest of the text, left-trimmed, must start with `<think>` and
 *   contain `</think>` anywhere later (pitfall 12: a later turn's `</think>` counts).
 */
export function formatReward(input: FormatRewardInput, options: { compat?: 'asl' } = {}): number {
  const hasTool = input.completion.some((m) => m.role === 'tool');
  let ratio: number;
  if (options.compat === 'asl') {
    const text = renderChatml([...input.prompt, ...input.completion]);
    let positions = 0;
    let valid = 0;
    for (let at = text.indexOf(HEADER); at >= 0; at = text.indexOf(HEADER, at + 1)) {
      positions++;
      const rest = text.slice(at + HEADER.length).trimStart();
      if (rest.startsWith('<think>') && rest.includes('</think>', '<think>'.length)) valid++;
    }
    ratio = positions === 0 ? 0 : valid / positions;
  } else {
    const turns = input.completion.filter((m) => m.role === 'assistant');
    const valid = turns.filter((m) => {
      const t = contentText(m.content).trimStart();
      return t.startsWith('<think>') && t.indexOf('</think>') > 0;
    }).length;
    ratio = turns.length === 0 ? 0 : valid / turns.length;
  }
  return (ratio + (hasTool ? 1 : 0)) / 4;
}
