export { decodeNpy, encodeNpy } from './npy.js';
export { ExtractFeaturesOptionsSchema, extractFeatures, type ExtractedFeatures, type ExtractFeaturesOptions, type FeatureItem, type FeatureManifest } from './extract-features.js';
