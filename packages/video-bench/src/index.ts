/**
 * `@reasonkit/video-bench`: the browser-safe core of MMR-V-style video-reasoning evaluation —
 * record schema and parser, prompt presets with Python-repr options, the reference's exact
 * answer-extraction cascade plus a strict mode, numpy-identical uniform frame indices, and
 * accuracy by task and category.
 */
export { type Letter, type ExtractionStep, type StageResult, type ExtractAnswerOptions, type ExtractedAnswer, extractAnswer, extractStageA, extractStageB, extractStrict } from './extraction/extract-answer.js';
export { uniformIndices } from './frames/uniform-indices.js';
export type { CountMethod, EncodedFrame, FrameDecoder, VideoProbe } from './frames/frame-decoder.js';
export { type SplitImage, createImageSplitter } from './frames/image-stream.js';
export { type Category, IMPLICIT_L2, EXPLICIT_L2, VIDEO_TYPES, categoryOf, canonicalVideoType } from './records/categories.js';
export { type MmrvOption, type MmrvRecord, type RawRecord, MmrvRecordSchema, RawRecordSchema, RawNestedSchema } from './records/record-schema.js';
export { type LoadWarning, type LoadWarningCode, type ParseRecordsOptions, type ParsedRecords, parseRecords } from './records/parse-records.js';
export { pythonListRepr, pythonStrRepr } from './prompts/python-repr.js';
export { type PromptMode, PRESETS, PRESET_FAMILY, PRESET_VERSION, presetName } from './prompts/presets.js';
export { type PromptIdentity, type PromptOptions, type FrameImage, PromptOptionsSchema, buildMessages, frameDataUrl, frameDataUrls, buildPrompt, formatOptions, promptIdentity, toBase64 } from './prompts/build-prompt.js';
export { type LetterCounts, type Report, type ResultRow, type ScoreOptions, type ScoredRow, type SliceScore, ResultRowSchema, ScoreOptionsSchema, formatPercent, scoreRun } from './scoring/score-run.js';
export { Z95, wilsonInterval } from './scoring/wilson.js';
export { type RunComparison, compareRuns, mcnemarExact } from './scoring/compare-runs.js';
export { type RunConfig, type RunHeader, type RunRow, RunConfigSchema, RunHeaderSchema, RunRowSchema, canonicalJson, configHash, toResultRows } from './run/run-row.js';
export { csvField, toCsv } from './report/csv.js';
export { BY_RECORD_COLUMNS, REPORT_SECTIONS, renderByRecordCsv, renderReportMarkdown, renderSummaryJson } from './report/render-report.js';
export { renderReportHtml } from './report/render-html.js';
export { type RenderReportOptions, renderReportFiles } from './report/render-all.js';
export { type Bar, escapeXml, svgBarChart } from './report/svg-chart.js';
