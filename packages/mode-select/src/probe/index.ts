export type { ProbeModel } from './probe-model.js';
export { plattScale, probeFromJSON, TrainProbeOptionsSchema, trainProbe, type ProbeJSON, type TrainProbeOptions } from './train-probe.js';
