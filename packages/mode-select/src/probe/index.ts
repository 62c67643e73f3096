export type { ProbeModel } from './probe-model.js';
export { REFERENCE_PROBE_GRID, splitIds, tuneProbe, TuneProbeOptionsSchema, type TuneProbeConfig, type TuneProbeOptions, type TuneProbeResult, type TuneProbeTrial } from './tune-probe.js';
export { plattScale, probeFromJSON, TrainProbeOptionsSchema, trainProbe, type ProbeJSON, type TrainProbeOptions } from './train-probe.js';
