import type { Tokenizer } from '@reasonkit/core';
import { ProbeError } from '../../errors/probe-error.js';

/**
 * The token span `[b, e)` covering `subject` in the prompt (spec §4.4). Character offsets come
 * from decoding growing prefixes of `ids` (so each token's end is exact whatever the tokenizer);
 * a token belongs to the span when its characters overlap the subject's. `occurrence` picks the
 * first (default, our choice) or the last occurrence. Throws `subject-not-in-prompt` naming
 * `triple_subject` when the subject is absent.
 */
export function subjectSpan(tokenizer: Tokenizer, prompt: string, ids: readonly number[], subject: string, occurrence: 'first' | 'last' = 'first'): [number, number] {
  const missing = (): ProbeError =>
    new ProbeError('subject-not-in-prompt', `triple_subject ${JSON.stringify(subject)} does not occur in prompt ${JSON.stringify(prompt)}`, { field: 'triple_subject', actual: subject });
  if (subject.trim() === '' || !prompt.includes(subject)) throw missing();
  const full = tokenizer.decode(ids);
  const at = occurrence === 'first' ? full.indexOf(subject) : full.lastIndexOf(subject);
  if (at < 0) throw missing();
  const end = at + subject.length;
  let b = -1;
  let e = -1;
  let prev = 0;
  for (let i = 0; i < ids.length; i++) {
    const upto = tokenizer.decode(ids.slice(0, i + 1)).length;
    if (upto > at && prev < end && upto > prev) {
      if (b < 0) b = i;
      e = i + 1;
    }
    prev = Math.max(prev, upto);
  }
  if (b < 0) throw missing();
  return [b, e];
}
