import { describe, expect, it } from 'vitest';
import { catchError as thrown } from '../test-utils/expect-error.js';
import { parseGenerationConfig, parseJsonFile, parseModelConfig } from './model-config.js';

const llama = {
  model_type: 'llama',
  num_hidden_layers: 2,
  num_attention_heads: 8,
  num_key_value_heads: 4,
  hidden_size: 64,
  vocab_size: 512,
  max_position_embeddings: 256,
  bos_token_id: 1,
  eos_token_id: 2,
  rope_theta: 10000,
};


describe('parseModelConfig', () => {
  it('normalises a llama config with GQA and derived head_dim', () => {
    expect(parseModelConfig(llama)).toEqual({
      modelType: 'llama',
      numLayers: 2,
      numQHeads: 8,
      numKvHeads: 4,
      headDim: 8,
      hiddenSize: 64,
      vocabSize: 512,
      maxPositions: 256,
      bosTokenId: 1,
      eosTokenIds: [2],
      kvDtype: 'float32',
    });
  });

  it('defaults kv heads to attention heads, honours explicit head_dim and eos lists', () => {
    const c = parseModelConfig({ ...llama, num_key_value_heads: undefined, head_dim: 16, eos_token_id: [2, 7] });
    expect(c.numKvHeads).toBe(8);
    expect(c.headDim).toBe(16);
    expect(c.eosTokenIds).toEqual([2, 7]);
  });

  it('names the file and the missing field', () => {
    const { num_hidden_layers: _, ...rest } = llama;
    const e = thrown(() => parseModelConfig(rest, 'models/x/config.json'));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('models/x/config.json: num_hidden_layers is required');
    expect(e.details.field).toBe('models/x/config.json: num_hidden_layers');
  });

  it('names an invalid field', () => {
    const e = thrown(() => parseModelConfig({ ...llama, vocab_size: -3 }));
    expect(e.message).toMatch(/^config\.json: vocab_size: /);
    const g = thrown(() => parseModelConfig({ ...llama, num_key_value_heads: 3 }));
    expect(g.details.field).toBe('config.json: num_key_value_heads');
  });

  it('parses generation_config.json and bad JSON', () => {
    const g = parseGenerationConfig({ eos_token_id: [2, 3], temperature: 0.7, top_p: 0.9, extra: 1 });
    expect(g.eosTokenIds).toEqual([2, 3]);
    expect(g.topP).toBe(0.9);
    expect(g.raw.extra).toBe(1);
    expect(thrown(() => parseGenerationConfig({ top_p: 2 })).message).toMatch(/generation_config\.json: top_p/);
    expect(thrown(() => parseJsonFile('{', 'config.json')).message).toMatch(/^config\.json: invalid JSON/);
  });
});
