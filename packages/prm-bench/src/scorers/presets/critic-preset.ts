import type { ChatMessage } from '@reasonkit/core';
import type { ScorerInput, StepScoreResult } from '../scorer.js';

/** A versioned critic prompt + parser. The `id` (name@version) enters `scorer.id` and the cache key. */
export interface CriticPreset {
  readonly id: string;
  /** Chat messages for one item; `systemRole: 'user'` folds the system text into the first user turn (o1-style models). */
  messages(item: ScorerInput, options: { systemRole: 'system' | 'user' }): ChatMessage[];
  /** Turns the choice texts into a result (raw texts are attached by the critic). */
  parse(texts: readonly string[], item: ScorerInput): Omit<StepScoreResult, 'raw' | 'usage'>;
}

/** Puts the system text first, or prepends it to the first user message. */
export function withSystem(system: string, turns: ChatMessage[], role: 'system' | 'user'): ChatMessage[] {
  if (role === 'system') return [{ role: 'system', content: system }, ...turns];
  const [first, ...rest] = turns;
  return [{ role: 'user', content: `${system}\n\n${typeof first!.content === 'string' ? first!.content : ''}` }, ...rest];
}
