// @reasonkit/kv-sparse: browser-safe root (no Node-only imports, no onnxruntime).
export { KvSparseError, type KvSparseErrorKind } from './errors/kv-sparse-error.js';
export { keepCount } from './channel/keep-count.js';
export { magnitudeScores, sparkChannelNorm, sparkScores, thinkScores, type HeadScoreInput, type HeadScores, type ScorerKind } from './channel/channel-scorers.js';
export { selectChannels, sortChannelsDescending, type ChannelSelector } from './channel/channel-selectors.js';
export { DEGENERATE_CHANNEL_NORM, channelMeans, referenceSign, restoreDense, restoreStats, storesSigns, storesStat, type Restorer } from './channel/restorers.js';
export { compressHead, headBytes, keptLayout, materializeKeys, restoreStatOf, type ChannelSparseKeys, type CompressHeadInput } from './cache/channel-sparse-keys.js';
export { compressedLength, tailLength, type DenseChunk, type SparseKVLayer } from './cache/sparse-kv-layer.js';
export { SparseKVCache, type CacheBytes, type CompressionLabel, type KVGeometry } from './cache/sparse-kv-cache.js';
export { dequantize, dequantizeRow, quantizeRows, quantizedBytes, type KVDType, type QuantizeOptions, type QuantizedArray, type RowLayout } from './quant/quantized-array.js';
export { attendDecode, type AttendDecodeOptions } from './kernels/attend-decode.js';
export { accumulateValues, attendDenseReference, denseLogits, softmaxInPlace, type DenseAttentionInput } from './kernels/dense-kernels.js';
export { createSparseScratch, sparseLogits, type SparseScratch } from './kernels/sparse-logits.js';
export { compressLayer, scorerLabel, windowQueries, type ChannelPress, type ChannelScorer, type DenseLayerInput } from './compress/compress-layer.js';
export { pyramidBudgets, roundHalfEven, type PyramidBudgetOptions } from './eviction/pyramid-budgets.js';
export { adaKVAllocate, h2oScores, knormScores, randomScores, snapKVScores, streamingScores, topTokens, tovaScores, type EvictionPolicy, type TokenScoreInput } from './eviction/token-scores.js';
export { compressCache, type CompressCacheInput, type CompressCacheResult } from './compress/compress-cache.js';
export * from './config/policies.js';
export { compressFromForward, compressionOutputs, sparkAttention, sparkCompressionHook, type SparkCompressionHookOptions } from './integration/spark-attention.js';
