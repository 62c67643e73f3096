export { EarlyExitOptionsSchema, runEarlyExit, thinkingBudget, type EarlyExitEvent, type EarlyExitOptions } from './early-exit.js';
export { delimiterSegmenter, fixedTokensSegmenter, paragraphKeywordSegmenter, PROBECONF_KEYWORDS, transitionWordSegmenter, type SegmentContext, type Segmenter } from './segmenters.js';
