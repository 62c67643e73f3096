export * from './descriptive.js';
export * from './ks2samp.js';
export { kolmogorovSf, smirnov } from './kstwo.js';
