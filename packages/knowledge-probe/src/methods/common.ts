import { softmax, type Tensor, type Tokenizer } from '@reasonkit/core';
import { ProbeError } from '../errors/probe-error.js';
import type { ProbeModel } from '../model/probe-model.js';
import type { ProbeResult } from '../result/probe-result.js';

/** A token with its text and a score. */
export interface ScoredToken {
  id: number;
  text: string;
  p: number;
}

/** The prompt's ids with BOS (as the tokenizer adds it); `empty-prompt` when nothing is left. */
export function encodePrompt(model: Pick<ProbeModel, 'tokenizer'>, prompt: string, field = 'prompt'): number[] {
  if (typeof prompt !== 'string') throw new ProbeError('invalid-sample', `${field} must be a string but is ${typeof prompt}`, { field });
  if (prompt.trim() === '') throw new ProbeError('empty-prompt', `${field} is empty`, { field });
  return model.tokenizer.encode(prompt, { bos: true });
}

/** Text of one token id (its vocabulary piece, else its decoding). */
export function tokenText(tokenizer: Tokenizer, id: number): string {
  return tokenizer.idToToken(id) ?? tokenizer.decode([id]);
}

/**
 * A readable label of one prompt token: its decoding, with newlines and tabs escaped and
 * whitespace-only or empty pieces shown quoted (or as the vocabulary entry, e.g. `<s>`).
 */
export function tokenLabel(tokenizer: Tokenizer, id: number): string {
  const decoded = tokenizer.decode([id]);
  const text = decoded !== '' ? decoded : (tokenizer.idToToken(id)?.trim() ?? '') || `#${id}`;
  const escaped = text.replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return escaped.trim() === '' ? JSON.stringify(text) : escaped;
}

/** Row `[b, t, :]` of a `[B, T, d]` tensor (a view). */
export function rowAt(x: Tensor<'float32'>, b: number, t: number): Float32Array {
  const [, T, d] = x.dims as [number, number, number];
  const at = (b * T + t) * d;
  return x.data.subarray(at, at + d);
}

/** Softmax of the logits at `[b, t]`. */
export function probsAt(logits: Tensor<'float32'>, b: number, t: number): Float32Array {
  return softmax(rowAt(logits, b, t));
}

/** Throws `layer-out-of-range` naming `field` unless `0 ≤ layer < count`. */
export function checkIndex(value: number, count: number, field: string, what = 'layer'): void {
  if (!Number.isInteger(value) || value < 0 || value >= count) {
    throw new ProbeError('layer-out-of-range', `${field}: ${what} ${value} is out of range 0..${count - 1}`, { field, actual: value, expected: `0..${count - 1}` });
  }
}

/** The fixed fields of a result. */
export function baseResult<Raw>(
  method: { name: string; version: string },
  model: Pick<ProbeModel, 'id' | 'layers'>,
  sample: object,
  params: Record<string, unknown>,
  started: number,
  forwardPasses: number,
): Omit<ProbeResult<Raw>, 'tables' | 'charts' | 'raw'> {
  return {
    method: method.name,
    methodVersion: method.version,
    model: { id: model.id, layers: model.layers },
    sample: { ...sample },
    params: { ...params },
    warnings: [],
    stats: { forwardPasses, ms: Math.round((performance.now() - started) * 1000) / 1000 },
  };
}
