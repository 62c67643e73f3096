export { parseTraceRecord, parseTraces, TraceCheckSchema, TraceHeaderSchema, TraceRecordSchema, TraceScoreSchema, type TraceHeader, type TraceRecord, type TraceRecordInput } from './trace-schema.js';
export { calibrateThreshold, evaluateTraces, EvaluateTracesOptionsSchema, labelOf, type EvaluateTracesOptions, type SelectorReport, type TraceEvaluation } from './evaluate-traces.js';
export { isRestart, recordTraces, RecordTracesOptionsSchema, type RecordTracesOptions } from './record-traces.js';
export { renderMarkdownReport, renderParetoSvg } from './render-report.js';
