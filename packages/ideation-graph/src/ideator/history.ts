import type { ChatMessage } from '@reasonkit/core';

/** A chat message with what it is, so the history can be cut in the spec's order (§4). */
export interface TaggedMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  tag: 'system' | 'topic' | 'tool' | 'exchange' | 'idea';
}

export const approxTokens = (text: string) => Math.ceil(text.length / 4);

/**
 * Fits `messages` into `maxTokens` (chars / 4 unless `count` is given): keeps the system prompt, the
 * topic and the latest idea; drops the oldest tool calls and results first, then the oldest exchanges.
 */
export function fitHistory(messages: readonly TaggedMessage[], maxTokens: number, count: (t: string) => number = approxTokens): ChatMessage[] {
  const kept = [...messages];
  let total = kept.reduce((s, m) => s + count(m.content), 0);
  for (const tag of ['tool', 'exchange'] as const) {
    // Never drop the last message (the current request).
    for (let i = 0; i < kept.length - 1 && total > maxTokens; ) {
      if ((kept[i] as TaggedMessage).tag === tag) {
        total -= count((kept[i] as TaggedMessage).content);
        kept.splice(i, 1);
      } else i++;
    }
  }
  // Chat templates expect alternating turns; merge adjacent messages of one role.
  const out: ChatMessage[] = [];
  for (const m of kept) {
    const last = out[out.length - 1];
    if (last && last.role === m.role && m.role !== 'system') last.content = `${last.content as string}\n\n${m.content}`;
    else out.push({ role: m.role, content: m.content });
  }
  return out;
}
