/**
 * Model-directory conventions shared by the Node and web loaders (spec core §4.3, §5.1;
 * transformers.js file suffixes).
 */

/** Quantisation / precision variants of `onnx/model{suffix}.onnx`. */
export type ModelDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

/** File-name suffix of each model dtype's ONNX file (e.g. `model_fp16.onnx`). */
export const MODEL_DTYPE_SUFFIX: Readonly<Record<ModelDtype, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** Every model dtype with a known file suffix. */
export const MODEL_DTYPES = Object.keys(MODEL_DTYPE_SUFFIX) as ModelDtype[];

/** `onnx/model{suffix}.onnx` relative to the model directory. */
export function modelFilePath(dtype: ModelDtype = 'fp32', baseName = 'model'): string {
  return `onnx/${baseName}${MODEL_DTYPE_SUFFIX[dtype]}.onnx`;
}

/** External-weights file Optimum writes beside a model (`model.onnx` → `model.onnx_data`). */
export function externalDataPath(modelPath: string): string {
  return `${modelPath}_data`;
}
