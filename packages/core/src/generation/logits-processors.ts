import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { LogitsProcessor } from './logits-processor.js';

function assertRange(name: string, value: number, ok: boolean, expected: string): void {
  if (!ok) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${name} must be ${expected}, got ${value}`, {
      field: name,
      expected,
      actual: value,
    });
  }
}

/**
 * CTRL-style repetition penalty (as HF `RepetitionPenaltyLogitsProcessor`): every id already in the
 * sequence (prompt included) gets its logit divided by `penalty` when positive, multiplied when
 * negative. `penalty = 1` is a no-op.
 */
export function repetitionPenaltyProcessor(penalty: number): LogitsProcessor {
  assertRange('repetitionPenalty', penalty, penalty > 0 && Number.isFinite(penalty), 'a positive number');
  return (ids, logits) => {
    if (penalty === 1) return;
    const seen = new Set<number>();
    for (const id of ids) {
      if (seen.has(id) || id < 0 || id >= logits.length) continue;
      seen.add(id);
      const v = logits[id]!;
      logits[id] = v < 0 ? v * penalty : v / penalty;
    }
  };
}

/**
 * Bans every token that would complete an n-gram of size `n` already present in the sequence
 * (as HF `NoRepeatNGramLogitsProcessor`).
 */
export function noRepeatNgramProcessor(n: number): LogitsProcessor {
  assertRange('noRepeatNgramSize', n, Number.isInteger(n) && n >= 1, 'a positive integer');
  return (ids, logits) => {
    if (ids.length + 1 < n) return;
    // The n-1 most recent ids are the prefix of the n-gram the next token would complete.
    const start = ids.length - (n - 1);
    for (let i = 0; i + n <= ids.length; i++) {
      let match = true;
      for (let k = 0; k < n - 1; k++) {
        if (ids[i + k] !== ids[start + k]) {
          match = false;
          break;
        }
      }
      if (match) {
        const banned = ids[i + n - 1]!;
        if (banned >= 0 && banned < logits.length) logits[banned] = -Infinity;
      }
    }
  };
}

/**
 * Bans token sequences (as HF `NoBadWordsLogitsProcessor`): a one-token sequence is always banned;
 * a longer one bans its last token when the sequence ends with the other tokens.
 */
export function badWordsProcessor(sequences: readonly (readonly number[])[]): LogitsProcessor {
  return (ids, logits) => {
    for (const seq of sequences) {
      if (seq.length === 0) continue;
      const last = seq[seq.length - 1]!;
      const prefix = seq.length - 1;
      if (prefix > ids.length) continue;
      let match = true;
      for (let k = 0; k < prefix; k++) {
        if (ids[ids.length - prefix + k] !== seq[k]) {
          match = false;
          break;
        }
      }
      if (match && last >= 0 && last < logits.length) logits[last] = -Infinity;
    }
  };
}

/** Bans the EOS ids until `minNewTokens` tokens have been generated after `promptLength` ids. */
export function minNewTokensProcessor(min: number, promptLength: number, eosTokenIds: readonly number[]): LogitsProcessor {
  assertRange('minNewTokens', min, Number.isInteger(min) && min >= 0, 'a non-negative integer');
  return (ids, logits) => {
    if (ids.length - promptLength >= min) return;
    for (const id of eosTokenIds) if (id >= 0 && id < logits.length) logits[id] = -Infinity;
  };
}

/** Bans the given ids at every step (as HF `SuppressTokensLogitsProcessor`). */
export function suppressTokensProcessor(tokenIds: readonly number[]): LogitsProcessor {
  return (_ids, logits) => {
    for (const id of tokenIds) if (id >= 0 && id < logits.length) logits[id] = -Infinity;
  };
}

/** Divides every logit by `t` (`t > 0`). */
export function temperatureProcessor(t: number): LogitsProcessor {
  assertRange('temperature', t, t > 0 && Number.isFinite(t), 'a positive number');
  return (_ids, logits) => {
    if (t === 1) return;
    for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! / t;
  };
}

/**
 * Keeps the `k` highest logits and sets the rest to -Infinity. Ties with the k-th value are kept
 * (as HF `TopKLogitsWarper`, which removes only scores strictly below the k-th).
 */
export function topKProcessor(k: number): LogitsProcessor {
  assertRange('topK', k, Number.isInteger(k) && k >= 1, 'a positive integer');
  return (_ids, logits) => {
    if (k >= logits.length) return;
    const sorted = Float32Array.from(logits).sort((a, b) => b - a);
    const threshold = sorted[k - 1]!;
    for (let i = 0; i < logits.length; i++) if (logits[i]! < threshold) logits[i] = -Infinity;
  };
}

/**
 * Nucleus filtering: keeps the smallest set of highest-probability tokens whose probabilities sum
 * to at least `p` (at least one token), sets the rest to -Infinity. Ties in probability are ordered
 * by lower id first. `p = 1` is a no-op.
 */
export function topPProcessor(p: number): LogitsProcessor {
  assertRange('topP', p, p > 0 && p <= 1, 'in (0, 1]');
  return (_ids, logits) => {
    if (p >= 1) return;
    const order = Array.from({ length: logits.length }, (_, i) => i);
    order.sort((a, b) => logits[b]! - logits[a]! || a - b);
    const max = logits[order[0]!]!;
    if (max === -Infinity) return;
    let total = 0;
    const exps = new Float64Array(logits.length);
    for (let i = 0; i < logits.length; i++) {
      const e = Math.exp(logits[i]! - max);
      exps[i] = e;
      total += e;
    }
    let cumulative = 0;
    let keep = 0;
    while (keep < order.length) {
      cumulative += exps[order[keep]!]! / total;
      keep++;
      if (cumulative >= p) break;
    }
    for (let r = keep; r < order.length; r++) logits[order[r]!] = -Infinity;
  };
}
