import { ReasonkitError } from '../errors/reasonkit-error.js';

/**
 * A graph input or output as the layout check sees it: from `readOnnxModelInfo` (`elemType`,
 * `dims`) or from ORT session metadata (`type`, `shape`). Type names follow ORT (`float32`,
 * `float16`, `int64`, `bfloat16`, …); undefined means unknown and is not checked.
 */
export interface DecoderLayoutValue {
  name: string;
  type?: string | undefined;
  elemType?: string | undefined;
  dims?: readonly (number | string)[] | undefined;
  shape?: readonly (number | string)[] | undefined;
}

/** A decoder model's input and output names and shapes, as read from its ONNX graph. */
export interface DecoderLayoutInput {
  inputs: readonly DecoderLayoutValue[];
  outputs: readonly DecoderLayoutValue[];
  /** Names the model in error messages (e.g. `onnx/model.onnx`). */
  source?: string;
}

/** What a decoder ONNX model expects: layers, KV heads and dtype, and which optional inputs it has. */
export interface DecoderLayoutSummary {
  numLayers: number;
  /** From `past_key_values.0.key` dims[1] / dims[3]; undefined when symbolic or unknown. */
  kvHeads: number | undefined;
  headDim: number | undefined;
  kvDtype: 'float32' | 'float16';
  hasAttentionMask: boolean;
  hasPositionIds: boolean;
  hasNumLogitsToKeep: boolean;
  /** Legacy merged exports (spec core §5.2) have a bool `use_cache_branch` input. */
  hasUseCacheBranch: boolean;
  /** Outputs other than `logits` and `present.*` (e.g. `hidden_states.{i}`, `queries.{l}`). */
  extraOutputs: string[];
}

const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'position_ids', 'num_logits_to_keep', 'use_cache_branch']);
const INT64_INPUTS = new Set(['input_ids', 'attention_mask', 'position_ids', 'num_logits_to_keep']);
const PAST = /^past_key_values\.(\d+)\.(key|value)$/;
const PRESENT = /^present\.(\d+)\.(key|value)$/;

const typeOf = (v: DecoderLayoutValue): string | undefined => v.type ?? v.elemType;
const dimsOf = (v: DecoderLayoutValue): readonly (number | string)[] | undefined => v.dims ?? v.shape;

/**
 * Checks a decoder-only model's inputs and outputs against the I/O contract (spec core §5.2) and
 * rejects, naming the first offending tensor (inputs in order, then outputs):
 * - bfloat16 anywhere → `DTYPE_UNSUPPORTED` (ORT's JS API cannot feed or read it, §4.3);
 * - a cache dtype other than float32/float16, or non-int64 `input_ids`/`attention_mask`/`position_ids`
 *   → `DTYPE_UNSUPPORTED`;
 * - fused `.key_value` caches (gpt_bigcode), hybrid `past_conv|past_ssm|past_recurrent` caches,
 *   encoder–decoder `.decoder.key` / `.encoder.key`, rank-3 (Bloom/Falcon) caches, unexpected
 *   inputs, a layer with only one of `past_key_values.{i}.key|value`, a missing `present.{i}.*`,
 *   a missing `input_ids` or `logits` → `MODEL_LAYOUT_UNSUPPORTED` (§5.3).
 */
export function validateDecoderLayout(info: DecoderLayoutInput): DecoderLayoutSummary {
  const source = info.source ?? 'model';
  const layoutError = (name: string, why: string): ReasonkitError =>
    new ReasonkitError('MODEL_LAYOUT_UNSUPPORTED', `${source}: ${name}: ${why}`, { file: source, tensor: name });
  const dtypeError = (name: string, actual: string, expected: string): ReasonkitError =>
    new ReasonkitError(
      'DTYPE_UNSUPPORTED',
      actual === 'bfloat16'
        ? `${source}: ${name} is bfloat16, which ONNX Runtime's JavaScript API cannot feed or read; export the model in float32 or float16`
        : `${source}: ${name} has dtype ${actual}; expected ${expected}`,
      { file: source, tensor: name, actual, expected },
    );

  const past = new Map<string, DecoderLayoutValue>();
  let maxLayer = -1;
  for (const v of info.inputs) {
    const type = typeOf(v);
    if (type === 'bfloat16') throw dtypeError(v.name, type, 'float32 or float16');
    const m = PAST.exec(v.name);
    if (m) {
      const dims = dimsOf(v);
      if (dims !== undefined && dims.length !== 4) {
        throw layoutError(
          v.name,
          `rank-${dims.length} cache [${dims.join(', ')}]; expected [batch_size, num_kv_heads, past_sequence_length, head_dim] (Bloom/Falcon layouts are not supported)`,
        );
      }
      if (type !== undefined && type !== 'float32' && type !== 'float16') throw dtypeError(v.name, type, 'float32 or float16');
      past.set(v.name, v);
      maxLayer = Math.max(maxLayer, Number(m[1]));
      continue;
    }
    if (KNOWN_INPUTS.has(v.name)) {
      if (INT64_INPUTS.has(v.name) && type !== undefined && type !== 'int64') throw dtypeError(v.name, type, 'int64');
      continue;
    }
    if (/\.key_value$/.test(v.name)) throw layoutError(v.name, 'fused key_value cache (multi-query gpt_bigcode) is not supported');
    if (/^past_(conv|ssm|recurrent)(\.|$)/.test(v.name)) {
      throw layoutError(v.name, 'hybrid (convolution / SSM / recurrent) caches are not supported');
    }
    if (/\.(decoder|encoder)\.(key|value)$/.test(v.name)) throw layoutError(v.name, 'encoder-decoder caches are not supported');
    throw layoutError(
      v.name,
      'unexpected input; a decoder-only model takes input_ids, attention_mask, position_ids, num_logits_to_keep and past_key_values.{i}.key|value',
    );
  }
  for (const v of info.outputs) {
    const type = typeOf(v);
    if (type === 'bfloat16') throw dtypeError(v.name, type, 'float32 or float16');
  }
  const inputNames = new Set(info.inputs.map((v) => v.name));
  const outputNames = new Set(info.outputs.map((v) => v.name));
  if (!inputNames.has('input_ids')) throw layoutError('input_ids', 'required input is missing');
  if (!outputNames.has('logits')) throw layoutError('logits', 'required output is missing');

  const numLayers = maxLayer + 1;
  let kvDtype: 'float32' | 'float16' | undefined;
  for (let i = 0; i < numLayers; i++) {
    for (const kind of ['key', 'value'] as const) {
      const name = `past_key_values.${i}.${kind}`;
      const v = past.get(name);
      if (v === undefined) throw layoutError(name, `missing (layer ${i} needs both past_key_values.${i}.key and past_key_values.${i}.value)`);
      if (!outputNames.has(`present.${i}.${kind}`)) throw layoutError(`present.${i}.${kind}`, `missing output for input ${name}`);
      const type = typeOf(v);
      if (type === 'float32' || type === 'float16') {
        if (kvDtype !== undefined && type !== kvDtype) throw layoutError(name, `dtype ${type} differs from the other cache inputs (${kvDtype})`);
        kvDtype = type;
      }
    }
  }
  const firstDims = dimsOf(past.get('past_key_values.0.key') ?? { name: '' });
  const kvHeads = typeof firstDims?.[1] === 'number' ? firstDims[1] : undefined;
  const headDim = typeof firstDims?.[3] === 'number' ? firstDims[3] : undefined;
  return {
    numLayers,
    kvHeads,
    headDim,
    kvDtype: kvDtype ?? 'float32',
    hasAttentionMask: inputNames.has('attention_mask'),
    hasPositionIds: inputNames.has('position_ids'),
    hasNumLogitsToKeep: inputNames.has('num_logits_to_keep'),
    hasUseCacheBranch: inputNames.has('use_cache_branch'),
    extraOutputs: info.outputs.map((v) => v.name).filter((n) => n !== 'logits' && !PRESENT.test(n)),
  };
}
