import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { CausalLMConfig } from '../model/causal-lm.js';

const positiveInt = /* @__PURE__ */ lazySchema(() => z.number().int().positive());
const tokenId = /* @__PURE__ */ lazySchema(() => z.number().int().nonnegative());

/**
 * HF `config.json` for llama-family decoders (Llama, Mistral, Qwen2/3, Phi-3, …). Only the fields
 * core needs are checked; all others pass through untouched.
 */
export const HfModelConfigSchema = /* @__PURE__ */ lazySchema(() => z.looseObject({
  model_type: z.string().optional(),
  num_hidden_layers: positiveInt,
  num_attention_heads: positiveInt,
  /** Default = `num_attention_heads` (no GQA), as transformers. */
  num_key_value_heads: positiveInt.optional(),
  /** Default = `hidden_size / num_attention_heads`, as transformers. */
  head_dim: positiveInt.optional(),
  hidden_size: positiveInt,
  vocab_size: positiveInt,
  max_position_embeddings: positiveInt,
  bos_token_id: tokenId.nullable().optional(),
  eos_token_id: z.union([tokenId, z.array(tokenId)]).nullable().optional(),
  torch_dtype: z.string().optional(),
}));
/** Parsed value of `HfModelConfigSchema` (defaults applied). */
export type HfModelConfig = z.infer<typeof HfModelConfigSchema>;

/** HF `generation_config.json` (optional file). Unknown fields pass through. */
export const HfGenerationConfigSchema = /* @__PURE__ */ lazySchema(() => z.looseObject({
  bos_token_id: tokenId.nullable().optional(),
  eos_token_id: z.union([tokenId, z.array(tokenId)]).nullable().optional(),
  pad_token_id: tokenId.nullable().optional(),
  do_sample: z.boolean().optional(),
  temperature: z.number().nonnegative().optional(),
  top_k: z.number().int().nonnegative().optional(),
  top_p: z.number().min(0).max(1).optional(),
  repetition_penalty: z.number().positive().optional(),
  max_new_tokens: z.number().int().nonnegative().optional(),
  max_length: z.number().int().nonnegative().optional(),
  min_new_tokens: z.number().int().nonnegative().optional(),
  no_repeat_ngram_size: z.number().int().nonnegative().optional(),
}));
/** Parsed value of `HfGenerationConfigSchema` (defaults applied). */
export type HfGenerationConfig = z.infer<typeof HfGenerationConfigSchema>;

/** Normalised generation defaults taken from `generation_config.json`. */
export interface GenerationDefaults {
  bosTokenId?: number;
  eosTokenIds?: number[];
  padTokenId?: number;
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  maxNewTokens?: number;
  minNewTokens?: number;
  noRepeatNgramSize?: number;
  /** The file's parsed content, including fields core does not interpret. */
  raw: HfGenerationConfig;
}

function toConfigError(file: string, error: z.ZodError): ReasonkitError {
  const parts = error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    return { field, text: missing ? `${field} is required` : `${field}: ${issue.message}` };
  });
  const first = parts[0];
  return new ReasonkitError('CONFIG_INVALID', `${file}: ${parts.map((p) => p.text).join('; ')}`, {
    file,
    field: first ? `${file}: ${first.field}` : file,
    issues: parts,
  });
}

function eosList(v: number | number[] | null | undefined): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? [...v] : [v];
}

/**
 * Parses HF `config.json` content into a `CausalLMConfig`. Errors are `CONFIG_INVALID` naming the
 * file and the field, e.g. `config.json: num_hidden_layers is required`. `kvDtype` defaults to
 * float32; the ONNX loader overrides it from the graph's cache inputs.
 */
export function parseModelConfig(json: unknown, file = 'config.json'): CausalLMConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ReasonkitError('CONFIG_INVALID', `${file}: expected a JSON object`, { file, field: `${file}: (root)` });
  }
  const parsed = HfModelConfigSchema.safeParse(json);
  if (!parsed.success) throw toConfigError(file, parsed.error);
  const c = parsed.data;
  const numKvHeads = c.num_key_value_heads ?? c.num_attention_heads;
  if (c.num_attention_heads % numKvHeads !== 0) {
    throw new ReasonkitError(
      'CONFIG_INVALID',
      `${file}: num_attention_heads (${c.num_attention_heads}) must be a multiple of num_key_value_heads (${numKvHeads})`,
      { file, field: `${file}: num_key_value_heads`, actual: numKvHeads },
    );
  }
  let headDim = c.head_dim;
  if (headDim === undefined) {
    if (c.hidden_size % c.num_attention_heads !== 0) {
      throw new ReasonkitError(
        'CONFIG_INVALID',
        `${file}: head_dim is missing and hidden_size (${c.hidden_size}) is not divisible by num_attention_heads (${c.num_attention_heads})`,
        { file, field: `${file}: head_dim` },
      );
    }
    headDim = c.hidden_size / c.num_attention_heads;
  }
  const config: CausalLMConfig = {
    modelType: c.model_type ?? 'unknown',
    numLayers: c.num_hidden_layers,
    numQHeads: c.num_attention_heads,
    numKvHeads,
    headDim,
    hiddenSize: c.hidden_size,
    vocabSize: c.vocab_size,
    maxPositions: c.max_position_embeddings,
    eosTokenIds: eosList(c.eos_token_id) ?? [],
    kvDtype: 'float32',
  };
  if (c.bos_token_id !== undefined && c.bos_token_id !== null) config.bosTokenId = c.bos_token_id;
  return config;
}

/** Parses `generation_config.json` content. Errors are `CONFIG_INVALID` naming file and field. */
export function parseGenerationConfig(json: unknown, file = 'generation_config.json'): GenerationDefaults {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ReasonkitError('CONFIG_INVALID', `${file}: expected a JSON object`, { file, field: `${file}: (root)` });
  }
  const parsed = HfGenerationConfigSchema.safeParse(json);
  if (!parsed.success) throw toConfigError(file, parsed.error);
  const g = parsed.data;
  const out: GenerationDefaults = { raw: g };
  if (g.bos_token_id != null) out.bosTokenId = g.bos_token_id;
  const eos = eosList(g.eos_token_id);
  if (eos) out.eosTokenIds = eos;
  if (g.pad_token_id != null) out.padTokenId = g.pad_token_id;
  if (g.do_sample !== undefined) out.doSample = g.do_sample;
  if (g.temperature !== undefined) out.temperature = g.temperature;
  if (g.top_k !== undefined) out.topK = g.top_k;
  if (g.top_p !== undefined) out.topP = g.top_p;
  if (g.repetition_penalty !== undefined) out.repetitionPenalty = g.repetition_penalty;
  if (g.max_new_tokens !== undefined) out.maxNewTokens = g.max_new_tokens;
  if (g.min_new_tokens !== undefined) out.minNewTokens = g.min_new_tokens;
  if (g.no_repeat_ngram_size !== undefined) out.noRepeatNgramSize = g.no_repeat_ngram_size;
  return out;
}

/** Parses a JSON file's text, turning a syntax error into `CONFIG_INVALID` naming the file. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReasonkitError('CONFIG_INVALID', `${file}: invalid JSON (${(error as Error).message})`, { file }, { cause: error });
  }
}
