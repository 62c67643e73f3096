import { loadOnnxModel, loadTokenizer } from '@reasonkit/core/node';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import { createOnnxStepClassifier } from '../scorers/onnx/onnx-step-classifier.js';
import { concatIds, separatorTokens, tagged, type InputBuilder } from '../scorers/onnx/input-builders.js';
import { rawLogit, sigmoid, threeClassSum, tokenPairSoftmax, twoClassSoftmax, type Readout } from '../scorers/onnx/readouts.js';
import { onnxModelTokenLogits } from '../scorers/onnx/onnx-model-token-logits.js';
import type { StepScorer } from '../scorers/scorer.js';
import type { Tokenizer } from '@reasonkit/core';

export interface LoadOnnxStepClassifierOptions {
  /** The `.onnx` file or a model directory with `onnx/model.onnx` (a `[batch, seq, classes]` logits output). */
  model: string;
  /** Directory holding `tokenizer.json` (and optionally `tokenizer_config.json`). */
  tokenizer: string;
  /** `concat-ids` (TRL PRMs), `tagged` (Math-Shepherd / Skywork) or `separator` (Qwen2.5-Math-PRM). Default `concat-ids`. */
  input?: 'concat-ids' | 'tagged' | 'separator';
  /** concat-ids: piece separator (default `\n`); separator: the separator token text (default `<extra_0>`). */
  separator?: string;
  /** tagged: the step tag (default ` ки`). */
  tag?: string;
  /** `two-class` (default), `sigmoid`, `raw-logit`, `three-class-sum`, `token-pair:<good>,<bad>`. */
  readout?: string;
  outputName?: string;
  padId?: number;
  maxLength?: number;
  batchSize?: number;
  threads?: number;
  /** Model identity for the scorer id; default the file name. */
  id?: string;
}

export function parseReadout(spec: string): Readout {
  if (spec === 'two-class') return twoClassSoftmax();
  if (spec === 'sigmoid') return sigmoid();
  if (spec === 'raw-logit') return rawLogit();
  if (spec === 'three-class-sum') return threeClassSum();
  const m = /^token-pair:(\d+),(\d+)$/.exec(spec);
  if (m) return tokenPairSoftmax({ good: Number(m[1]), bad: Number(m[2]) });
  throw new PrmBenchError('invalid-options', `field readout: unknown readout '${spec}' (two-class, sigmoid, raw-logit, three-class-sum, token-pair:<good>,<bad>)`, { field: 'readout' });
}

function inputBuilder(o: LoadOnnxStepClassifierOptions, tokenizer: Tokenizer): InputBuilder {
  const input = o.input ?? 'concat-ids';
  if (input === 'concat-ids') return concatIds({ separator: o.separator ?? '\n' });
  if (input === 'tagged') return tagged({ ...(o.tag !== undefined ? { tag: o.tag } : {}) });
  if (input === 'separator') {
    const separator = o.separator ?? '<extra_0>';
    const id = tokenizer.tokenToId?.(separator);
    const ids = id !== undefined ? [id] : tokenizer.encode(separator);
    if (ids.length !== 1) throw new PrmBenchError('invalid-options', `field separator: '${separator}' is ${ids.length} tokens in ${o.tokenizer}, expected one token`, { field: 'separator', file: o.tokenizer });
    return separatorTokens({ separator, separatorId: ids[0]! });
  }
  throw new PrmBenchError('invalid-options', `field input: unknown input builder '${String(input)}' (concat-ids, tagged, separator)`, { field: 'input' });
}

/**
 * A step classifier from files: an ONNX graph on onnxruntime-node (core's `loadOnnxModel`)
 * and a `tokenizer.json` directory, with the input builder and readout named by strings (the CLI's
 * `--scorer onnx`).
 */
export async function loadOnnxStepClassifier(o: LoadOnnxStepClassifierOptions): Promise<StepScorer> {
  const readout = parseReadout(o.readout ?? 'two-class');
  const tokenizer = await loadTokenizer(o.tokenizer);
  const input = inputBuilder(o, tokenizer);
  // core's generic ONNX loader: a `.onnx` file or a model directory (onnx/model.onnx), FILE_NOT_FOUND naming the path.
  const onnx = await loadOnnxModel(o.model, { ...(o.threads !== undefined ? { threads: o.threads } : {}) });
  const model = onnxModelTokenLogits(onnx, {
    id: o.id ?? o.model.split(/[\\/]/).pop()!,
    ...(o.outputName !== undefined ? { outputName: o.outputName } : {}),
    ...(o.padId !== undefined ? { padId: o.padId } : {}),
  });
  return createOnnxStepClassifier({
    model,
    tokenizer,
    input,
    readout,
    preset: `${o.input ?? 'concat-ids'}:${JSON.stringify(o.input === 'tagged' ? (o.tag ?? ' ки') : (o.separator ?? (o.input === 'separator' ? '<extra_0>' : '\n')))}|${o.readout ?? 'two-class'}`,
    ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
    ...(o.batchSize !== undefined ? { batchSize: o.batchSize } : {}),
  });
}
