import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { buildTinyDecoder } from '../testing/tiny-decoder.js';
import { validateDecoderLayout } from './decoder-layout.js';
import { GraphBuilder } from './graph-builder.js';
import { readOnnxModelInfo } from './onnx-model-info.js';
import { OnnxDataType, type DimData } from './proto-writer.js';

const F = OnnxDataType.FLOAT;
const cache: DimData[] = ['batch_size', 2, 'past_sequence_length', 4];

/** A graph with the standard ids/mask inputs plus `extra` inputs, each passed to an output by Identity. */
function graph(extra: [string, number, DimData[]][], outputs: [from: string, to: string, type?: number][]): Uint8Array {
  const g = new GraphBuilder('layout');
  const ids = g.input('input_ids', OnnxDataType.INT64, ['batch_size', 'sequence_length']);
  g.input('attention_mask', OnnxDataType.INT64, ['batch_size', 'total_sequence_length']);
  for (const [name, type, dims] of extra) g.input(name, type, dims);
  g.output(g.op('Cast', [ids], { to: F }, { outputs: ['logits'] }), F, ['batch_size', 'sequence_length']);
  for (const [from, to, type] of outputs) g.output(g.op('Identity', [from], {}, { outputs: [to] }), type ?? F);
  return g.toModel();
}

const std = (layers: number, type: number = F): [string, number, DimData[]][] =>
  Array.from({ length: layers }, (_, i) => [
    [`past_key_values.${i}.key`, type, cache] as [string, number, DimData[]],
    [`past_key_values.${i}.value`, type, cache] as [string, number, DimData[]],
  ]).flat();
const presents = (layers: number, type: number = F): [string, string, number][] =>
  Array.from({ length: layers }, (_, i) => [
    [`past_key_values.${i}.key`, `present.${i}.key`, type] as [string, string, number],
    [`past_key_values.${i}.value`, `present.${i}.value`, type] as [string, string, number],
  ]).flat();

function rejection(model: Uint8Array): ReasonkitError {
  try {
    validateDecoderLayout({ ...readOnnxModelInfo(model), source: 'm.onnx' });
  } catch (e) {
    if (e instanceof ReasonkitError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('validateDecoderLayout (spec core §5.3, target 8)', () => {
  it('accepts the tiny decoder from the ONNX file and from ORT session metadata', async () => {
    const model = buildTinyDecoder({ vocab: 7, layers: 3, kvHeads: 2, headDim: 4 });
    const expected = {
      numLayers: 3,
      kvHeads: 2,
      headDim: 4,
      kvDtype: 'float32',
      hasAttentionMask: true,
      hasPositionIds: true,
      hasNumLogitsToKeep: false,
      hasUseCacheBranch: false,
      extraOutputs: ['hidden_states.0'],
    };
    expect(validateDecoderLayout(readOnnxModelInfo(model))).toEqual(expected);
    const s = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
    try {
      const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
        m.map((v) => (v.isTensor ? { name: v.name, type: v.type, shape: v.shape } : { name: v.name }));
      expect(validateDecoderLayout({ inputs: meta(s.inputMetadata), outputs: meta(s.outputMetadata) })).toEqual(expected);
    } finally {
      await s.release();
    }
  });

  it('reports float16 caches and num_logits_to_keep', () => {
    const m = graph([...std(1, OnnxDataType.FLOAT16), ['num_logits_to_keep', OnnxDataType.INT64, []]], presents(1, OnnxDataType.FLOAT16));
    expect(validateDecoderLayout(readOnnxModelInfo(m))).toMatchObject({ kvDtype: 'float16', hasNumLogitsToKeep: true, hasPositionIds: false });
  });

  it('rejects a fused key_value cache (gpt_bigcode)', () => {
    const e = rejection(graph([['past_key_values.0.key_value', F, ['batch_size', 'past_sequence_length', 8]]], [['past_key_values.0.key_value', 'present.0.key_value']]));
    expect(e.code).toBe('MODEL_LAYOUT_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.0.key_value');
    expect(e.message).toMatch(/^m\.onnx: past_key_values\.0\.key_value: fused key_value/);
  });

  it.each(['past_conv.0', 'past_ssm.0', 'past_recurrent.0'])('rejects hybrid cache %s', (name) => {
    const e = rejection(graph([...std(1), [name, F, ['batch_size', 8, 3]]], [...presents(1), [name, name.replace('past', 'present')]]));
    expect(e.code).toBe('MODEL_LAYOUT_UNSUPPORTED');
    expect(e.details.tensor).toBe(name);
    expect(e.message).toMatch(/hybrid/);
  });

  it('rejects an encoder-decoder cache', () => {
    const e = rejection(graph([['past_key_values.0.decoder.key', F, cache]], [['past_key_values.0.decoder.key', 'present.0.decoder.key']]));
    expect(e.details.tensor).toBe('past_key_values.0.decoder.key');
    expect(e.message).toMatch(/encoder-decoder/);
  });

  it('rejects a missing past_key_values.{i}.value, naming it', () => {
    const e = rejection(graph([...std(1), ['past_key_values.1.key', F, cache]], [...presents(1), ['past_key_values.1.key', 'present.1.key']]));
    expect(e.code).toBe('MODEL_LAYOUT_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.1.value');
  });

  it('rejects a missing present output and a rank-3 (Bloom) cache', () => {
    expect(rejection(graph(std(1), presents(1).slice(0, 1))).details.tensor).toBe('present.0.value');
    const bloom = rejection(graph([['past_key_values.0.key', F, ['batch_size x num_heads', 4, 'past_sequence_length']], std(1)[1]!], presents(1)));
    expect(bloom.details.tensor).toBe('past_key_values.0.key');
    expect(bloom.message).toMatch(/rank-3 cache/);
  });

  it('rejects bfloat16 inputs and outputs with DTYPE_UNSUPPORTED naming the first', () => {
    const e = rejection(graph(std(1, OnnxDataType.BFLOAT16), presents(1, OnnxDataType.BFLOAT16)));
    expect(e.code).toBe('DTYPE_UNSUPPORTED');
    expect(e.details.tensor).toBe('past_key_values.0.key');
    expect(e.message).toContain('past_key_values.0.key is bfloat16');
    const out = rejection(graph(std(1), [...presents(1), ['past_key_values.0.key', 'hidden_states.0', OnnxDataType.BFLOAT16]]));
    expect(out.code).toBe('DTYPE_UNSUPPORTED');
    expect(out.details.tensor).toBe('hidden_states.0');
  });

  it('rejects unexpected inputs and a missing logits output', () => {
    expect(rejection(graph([...std(1), ['pixel_values', F, [1, 3]]], presents(1))).details.tensor).toBe('pixel_values');
    expect(() => validateDecoderLayout({ inputs: [{ name: 'input_ids', type: 'int64' }], outputs: [{ name: 'hidden' }] })).toThrow(
      /model: logits: required output is missing/,
    );
    expect(() => validateDecoderLayout({ inputs: [{ name: 'input_ids', type: 'int32' }], outputs: [{ name: 'logits' }] })).toThrow(
      /input_ids has dtype int32; expected int64/,
    );
  });
});
