import type { KVLayer, Tensor } from '@reasonkit/core';
import type { KVGeometry } from '../cache/sparse-kv-cache.js';
import { KvSparseError } from '../errors/kv-sparse-error.js';

/**
 * Reads `present.{i}.key|value` of an ONNX decoder's outputs as core `KVLayer`s, checking the
 * `[1, kvHeads, S, D]` layout (spec §9.5 `fromPresent`). Fused `key_value` (gpt_bigcode), Bloom's
 * `[B·H, D, S]` keys and Falcon's `[B·H, S, D]` are rejected with a `layout` error.
 */
export function fromPresent(outputs: Record<string, Tensor>, geometry: KVGeometry): KVLayer[] {
  const layers: KVLayer[] = [];
  for (let i = 0; i < geometry.layers; i++) {
    if (outputs[`present.${i}.key_value`] || outputs[`present_key_values.${i}`]) {
      throw new KvSparseError('layout', `present.${i} is a fused key_value tensor (gpt_bigcode layout); kv-sparse needs separate present.${i}.key and present.${i}.value [1, kvHeads, S, D]`, {
        tensor: `present.${i}.key_value`,
      });
    }
    const key = check(outputs[`present.${i}.key`], `present.${i}.key`, geometry);
    const value = check(outputs[`present.${i}.value`], `present.${i}.value`, geometry);
    if (key.dims[2] !== value.dims[2]) {
      throw new KvSparseError('geometry', `present.${i}.key holds ${key.dims[2]} tokens but present.${i}.value ${value.dims[2]}`, { tensor: `present.${i}.value`, expected: key.dims[2], actual: value.dims[2] });
    }
    layers.push({ key, value });
  }
  return layers;
}

function check(t: Tensor | undefined, name: string, g: KVGeometry): Tensor<'float32' | 'float16'> {
  if (!t) throw new KvSparseError('layout', `${name} is missing from the model outputs`, { tensor: name });
  if (t.dtype !== 'float32' && t.dtype !== 'float16') throw new KvSparseError('layout', `${name} is ${t.dtype}; expected float32 or float16`, { tensor: name, actual: t.dtype });
  const d = t.dims;
  if (d.length !== 4) {
    throw new KvSparseError('layout', `${name} has rank ${d.length} [${d.join(', ')}]; expected [1, ${g.kvHeads}, S, ${g.headDim}] (Bloom/Falcon 3-D layouts are not supported)`, {
      tensor: name,
      expected: [1, g.kvHeads, 'S', g.headDim],
      actual: [...d],
    });
  }
  if (d[0] !== 1 || d[1] !== g.kvHeads || d[3] !== g.headDim) {
    throw new KvSparseError('geometry', `${name} has dims [${d.join(', ')}]; expected [1, ${g.kvHeads}, S, ${g.headDim}]`, { tensor: name, expected: [1, g.kvHeads, 'S', g.headDim], actual: [...d] });
  }
  return t as Tensor<'float32' | 'float16'>;
}
