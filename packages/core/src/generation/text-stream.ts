import type { Tokenizer } from '../tokenizer/tokenizer.js';

/** Ids of left context decoded before the open tail (covers leading-space and multi-byte rules). */
const CONTEXT_TOKENS = 8;
/** Freeze the tail's text once it holds this many ids (our choice: amortises the freeze decode). */
const FREEZE_AFTER = 32;
/** Ids left open after a freeze (a UTF-8 sequence spans at most 4 byte tokens). */
const KEEP_OPEN = 4;

/** The up-to-`n` ids before generated index `start`, taken from the prompt when needed. */
function contextIds(prompt: readonly number[], generated: readonly number[], start: number, n: number): number[] {
  const fromGenerated = generated.slice(Math.max(0, start - n), start);
  const need = n - fromGenerated.length;
  return need > 0 ? [...prompt.slice(Math.max(0, prompt.length - need)), ...fromGenerated] : fromGenerated;
}

/**
 * Incremental text for generated ids: decodes `prompt + generated` and diffs against the decoded
 * prompt (so tokenizers that strip a leading space at the start of decoding keep the generated
 * text's spaces), falling back to decoding the generated ids alone when the prompt's text is not a
 * prefix. Emitted deltas hold back a trailing U+FFFD (an incomplete UTF-8 sequence) and any suffix
 * that could start a stop string, so a stop string never reaches the stream.
 */
export class TextStream {
  readonly #tokenizer: Tokenizer;
  readonly #promptIds: readonly number[];
  readonly #promptText: string;
  readonly #stopStrings: readonly string[];
  #emitted = 0;
  #frozen = 0;
  #frozenText = '';
  text = '';

  constructor(tokenizer: Tokenizer, promptIds: readonly number[], stopStrings: readonly string[]) {
    this.#tokenizer = tokenizer;
    this.#promptIds = promptIds;
    this.#promptText = tokenizer.decode(promptIds, { skipSpecial: true });
    this.#stopStrings = stopStrings.filter((s) => s.length > 0);
  }

  /**
   * Text of `generated` (without the prompt). Incremental: the text of the first `#frozen` ids is
   * kept, and only the rest is decoded, after up to `CONTEXT_TOKENS` (8) ids of left context
   * whose own decoding is subtracted; so a step costs O(window), not O(length). Falls back to
   * decoding everything when the context's text is not a prefix (e.g. a normalising decoder).
   */
  decode(generated: readonly number[]): string {
    if (generated.length === 0) return '';
    const start = this.#frozen;
    const context = contextIds(this.#promptIds, generated, start, CONTEXT_TOKENS);
    const tailIds = generated.slice(start);
    const contextText = this.#tokenizer.decode(context, { skipSpecial: true });
    const full = this.#tokenizer.decode([...context, ...tailIds], { skipSpecial: true });
    if (!full.startsWith(contextText)) return this.#decodeAll(generated);
    const text = this.#frozenText + full.slice(contextText.length);
    if (tailIds.length >= FREEZE_AFTER) this.#freeze(generated, context, contextText, full);
    return text;
  }

  /** Freezes all but the last few tail ids when their text is a stable prefix of the tail's text. */
  #freeze(generated: readonly number[], context: readonly number[], contextText: string, full: string): void {
    const upTo = generated.length - KEEP_OPEN;
    const partial = this.#tokenizer.decode([...context, ...generated.slice(this.#frozen, upTo)], { skipSpecial: true });
    if (!partial.startsWith(contextText) || !full.startsWith(partial) || partial.endsWith('\ufffd')) return;
    this.#frozenText += partial.slice(contextText.length);
    this.#frozen = upTo;
  }

  #decodeAll(generated: readonly number[]): string {
    this.#frozen = 0;
    this.#frozenText = '';
    const full = this.#tokenizer.decode([...this.#promptIds, ...generated], { skipSpecial: true });
    if (full.startsWith(this.#promptText)) return full.slice(this.#promptText.length);
    return this.#tokenizer.decode(generated, { skipSpecial: true });
  }

  /**
   * Updates the text for `generated`; returns the new safe delta and, if a stop string now occurs,
   * its index in the text.
   */
  update(generated: readonly number[]): { delta: string; stopAt: number | undefined; stopString?: string } {
    const previous = this.text.length;
    this.text = this.decode(generated);
    let stopAt: number | undefined;
    let stopString: string | undefined;
    if (this.#stopStrings.length > 0) {
      const longest = Math.max(...this.#stopStrings.map((s) => s.length));
      const from = Math.max(0, Math.min(previous, this.#emitted) - longest + 1);
      for (const s of this.#stopStrings) {
        const i = this.text.indexOf(s, from);
        if (i >= 0 && (stopAt === undefined || i < stopAt)) {
          stopAt = i;
          stopString = s;
        }
      }
    }
    if (stopAt !== undefined) {
      const delta = this.text.slice(this.#emitted, Math.max(this.#emitted, stopAt));
      this.#emitted = Math.max(this.#emitted, stopAt);
      this.text = this.text.slice(0, stopAt);
      return stopString === undefined ? { delta, stopAt } : { delta, stopAt, stopString };
    }
    const end = this.#safeEnd();
    const delta = end > this.#emitted ? this.text.slice(this.#emitted, end) : '';
    this.#emitted = Math.max(this.#emitted, end);
    return { delta, stopAt: undefined };
  }

  /** The held-back rest of the text (call once at the end). */
  flush(): string {
    const delta = this.text.length > this.#emitted ? this.text.slice(this.#emitted) : '';
    this.#emitted = Math.max(this.#emitted, this.text.length);
    return delta;
  }

  #safeEnd(): number {
    let base = this.text.length;
    while (base > 0 && this.text.charCodeAt(base - 1) === 0xfffd) base--;
    let hold = 0;
    for (const s of this.#stopStrings) {
      for (let k = Math.min(s.length - 1, base); k > hold; k--) {
        if (this.text.slice(base - k, base) === s.slice(0, k)) {
          hold = k;
          break;
        }
      }
    }
    return base - hold;
  }
}
