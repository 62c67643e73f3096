import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tensor } from '../tensor/tensor.js';
import type { EncodedBatch } from '../tokenizer/encode-batch.js';
import type { SessionValueInfo } from './session.js';

/** Graph input names of a tokenizer batch's fields. */
export interface BatchInputNames {
  /** Default `input_ids` (HF / Optimum export name, as all below). */
  inputIds?: string;
  /** Default `attention_mask`. */
  attentionMask?: string;
  /** Default `token_type_ids`. */
  tokenTypeIds?: string;
  /** Default `position_ids`. */
  positionIds?: string;
}

/** Options for building a batch's ONNX feeds. */
export interface BatchFeedsOptions {
  /** Feeds for inputs a tokenizer batch does not cover; they win over computed ones. */
  extra?: Readonly<Record<string, Tensor>>;
  names?: BatchInputNames;
  /** Model file name for messages. */
  fileName?: string;
}

function rows(batch: EncodedBatch, field: keyof EncodedBatch, width: number, count: number): number[][] {
  const data = batch[field];
  if (!Array.isArray(data) || data.length !== count) {
    throw new ReasonkitError('SHAPE_MISMATCH', `batch.${field} has ${Array.isArray(data) ? data.length : 'no'} rows for ${count} texts`, {
      field: `batch.${field}`,
      expected: count,
      actual: Array.isArray(data) ? data.length : undefined,
    });
  }
  for (const [i, row] of data.entries()) {
    if (row.length !== width) {
      throw new ReasonkitError('SHAPE_MISMATCH', `batch.${field}.${i} has ${row.length} entries, the batch is ${width} wide (pad it)`, {
        field: `batch.${field}.${i}`,
        record: i,
        expected: width,
        actual: row.length,
      });
    }
  }
  return data;
}

function intTensor(values: number[][], dtype: string | undefined, name: string): Tensor {
  const dims = [values.length, values[0]?.length ?? 0];
  const flat = values.flat();
  if (dtype === 'int32') return tensor('int32', Int32Array.from(flat), dims, name);
  return tensor('int64', BigInt64Array.from(flat, (v) => BigInt(v)), dims, name);
}

/**
 * HF position ids for a padded batch: `cumsum(mask) - 1`, pads set to 1 (`transformers`'
 * `prepare_inputs_for_generation`), so left-padded rows start at 0 at their first real token.
 */
export function positionIdsFromMask(mask: readonly (readonly number[])[]): number[][] {
  return mask.map((row) => {
    let seen = 0;
    return row.map((m) => (m ? seen++ : 1));
  });
}

/**
 * Feeds for a tokenizer batch, keyed by the graph's inputs: `input_ids`, `attention_mask`,
 * `token_type_ids` and `position_ids` (from the mask) where the graph declares them, as int64, or
 * int32 when the graph declares int32, shaped `[batch, length]`. Inputs the batch does not cover
 * come from `extra`; any still missing throw `MISSING_FEEDS` naming them.
 */
export function batchFeeds(batch: EncodedBatch, inputs: readonly SessionValueInfo[], options: BatchFeedsOptions = {}): Record<string, Tensor> {
  const file = options.fileName ?? 'model.onnx';
  const names = {
    inputIds: options.names?.inputIds ?? 'input_ids',
    attentionMask: options.names?.attentionMask ?? 'attention_mask',
    tokenTypeIds: options.names?.tokenTypeIds ?? 'token_type_ids',
    positionIds: options.names?.positionIds ?? 'position_ids',
  };
  const count = batch.inputIds?.length ?? 0;
  if (count === 0) throw new ReasonkitError('INVALID_ARGUMENT', 'batch has no rows', { field: 'batch.inputIds' });
  const width = batch.inputIds[0]!.length;
  const ids = rows(batch, 'inputIds', width, count);
  const mask = rows(batch, 'attentionMask', width, count);
  const feeds: Record<string, Tensor> = {};
  for (const info of inputs) {
    const name = info.name;
    if (options.extra?.[name] !== undefined) feeds[name] = options.extra[name]!;
    else if (name === names.inputIds) feeds[name] = intTensor(ids, info.dtype, name);
    else if (name === names.attentionMask) feeds[name] = intTensor(mask, info.dtype, name);
    else if (name === names.tokenTypeIds) {
      const types = batch.tokenTypeIds === undefined ? ids.map((r) => r.map(() => 0)) : rows(batch, 'tokenTypeIds', width, count);
      feeds[name] = intTensor(types, info.dtype, name);
    } else if (name === names.positionIds) feeds[name] = intTensor(positionIdsFromMask(mask), info.dtype, name);
  }
  // Undeclared extras stay, so `run` names them instead of dropping them silently.
  for (const [name, t] of Object.entries(options.extra ?? {})) feeds[name] = t;
  const missing = inputs.map((i) => i.name).filter((n) => feeds[n] === undefined);
  if (missing.length > 0) {
    throw new ReasonkitError(
      'MISSING_FEEDS',
      `${file}: a tokenizer batch gives ${Object.values(names).join(', ')}; pass the other inputs as extra: ${missing.join(', ')}`,
      { file, tensor: missing[0], missing },
    );
  }
  return feeds;
}
