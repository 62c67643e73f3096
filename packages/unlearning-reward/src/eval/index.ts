import * as mia from './mia.js';
import * as muse from './muse.js';
import * as pareto from './pareto.js';
import * as rwkuBase from './rwku.js';
import { DEFAULT_PROBE_TEMPLATES, evaluateRwkuProbes, generateProbeAnswers } from './run-probes.js';

const rwku = {
  ...rwkuBase,
  /** Generates answers to RWKU probes with a model. */
  generateProbeAnswers,
  /** Scores generated RWKU probe answers. */
  evaluateProbes: evaluateRwkuProbes,
  /** The default RWKU probe prompt templates. */
  DEFAULT_PROBE_TEMPLATES,
};
import * as tofu from './tofu.js';
import * as utility from './utility.js';
import { refusalRates } from './refusal-rates.js';
import { naturalness } from './naturalness.js';
import { evaluationReport, tradeoffSvg } from './report.js';

export { evaluationReport, tradeoffSvg, type EvaluationReport, type MethodScores } from './report.js';

export type { MetricResult } from './metric-result.js';
export { toOpenUnlearning } from './metric-result.js';
export type { TradeoffPoint } from './pareto.js';
export type { ProbeGeneration } from './rwku.js';
export type { ProbeRunOptions, ProbeTemplates } from './run-probes.js';
export type { TruthRatioItem } from './tofu.js';
export type { RefusalRates } from './refusal-rates.js';

// The benchmark namespaces behind `metrics`, exported so their functions are documented.
export { mia, muse, tofu, utility };

/**
 * Evaluation metrics by benchmark. `metrics.rwku.forgetScore` (ROUGE, lower better) and
 * `metrics.tofu.forgetQuality` (KS p-value, higher better) are deliberately different names and kinds.
 */
export const metrics = {
  rwku,
  tofu,
  muse,
  mia,
  utility,
  pareto: {
    /** Area under the forget/utility Pareto frontier. */
    auc: pareto.paretoAuc,
    /** The Pareto frontier of trade-off points. */
    frontier: pareto.paretoFrontier,
  },
  refusal: {
    /** Refusal rates on forget and retain data. */
    rates: refusalRates,
  },
  /** Naturalness of responses. */
  naturalness,
  report: {
    /** Builds an evaluation report. */
    evaluation: evaluationReport,
    /** SVG chart of the forget/utility trade-off. */
    tradeoffSvg,
  },
} as const;
