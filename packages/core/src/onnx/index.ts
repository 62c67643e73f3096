export * from './proto-writer.js';
export { readVarint, readVarintBigInt, iterateFields, fieldString, type ProtoField } from './proto-reader.js';
export * from './graph-builder.js';
export {
  readOnnxModelInfo,
  listValueNames,
  locateGraph,
  onnxElemTypeName,
  type OnnxElemType,
  type OnnxValueInfo,
  type OnnxModelInfo,
  type GraphLocation,
} from './onnx-model-info.js';
export { exposeOutputs, closeMatches } from './expose-outputs.js';
export { validateDecoderLayout, type DecoderLayoutSummary, type DecoderLayoutInput, type DecoderLayoutValue } from './decoder-layout.js';
