// @reasonkit/report-metrics: browser-safe root (pure scorers, CE metrics, readers, report renderers,
// input assembly). File I/O, the METEOR jar, label caches and ONNX labelers live in `/node`.
export { ReportMetricsError, type ReportMetricsErrorKind } from './errors/report-metrics-error.js';
export { priorrgPreprocess, preprocessFunction, type Preprocess } from './text/preprocess.js';
export { pythonSplit, splitOnSpace, isPythonSpace, PYTHON_WHITESPACE } from './text/python-split.js';
export { cleanGeneratedText, applyEmptyCandidate } from './text/clean-generated.js';
export { pairwiseSum, numpyMean } from './text/numpy-sum.js';
export { SampleSchema, type Sample } from './nlg/sample.js';
export {
  bleu,
  bleuFromCounts,
  bleuFromSampleStats,
  bleuPerSample,
  bleuSampleStats,
  closestRefLength,
  BleuOptionsSchema,
  type BleuOptions,
  type BleuResult,
  type BleuSampleStats,
  type BleuStats,
} from './nlg/bleu.js';
export { rougeL, rougeLFromPrepared, splitsAgree, rougeLFromLcs, lcsLength, RougeLOptionsSchema, type RougeLOptions, type CorpusScore } from './nlg/rouge-l.js';
export { ciderD, ciderDFromPrepared, prepareCiderD, CiderDOptionsSchema, type CiderDOptions, type CiderPrepared } from './nlg/cider-d.js';
export { prepareCorpus, type PreparedCorpus } from './nlg/prepared-corpus.js';
export type { NgramVocab } from './nlg/ngram-vocab.js';
export { nlgScores, nlgScoresDetailed, NLG_KEYS, type NlgKey, type NlgDetail } from './nlg/nlg-scores.js';
export { syntheticReportCorpus } from './nlg/synthetic-corpus.js';
export { bootstrap, percentile, resampleIndices, BootstrapOptionsSchema, type BootstrapOptions, type Interval } from './bootstrap/bootstrap.js';
export { bootstrapNlg, compareSystems, prepareNlgScorer, type SystemComparison } from './bootstrap/bootstrap-nlg.js';
export { CHEXBERT_CLASSES, CHEXBERT_5_INDICES, mapChexbertClasses, type ChexbertRawClass } from './clinical/chexbert-classes.js';
export {
  classificationReport,
  ClassificationReportOptionsSchema,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassRow,
  type PRF,
} from './clinical/classification-report.js';
export { chexbertScores, type ChexbertKeys, type ChexbertScores } from './clinical/chexbert-scores.js';
export { labelerFromFunction, type ReportLabeler } from './clinical/labeler.js';
export { radgraphF1, radgraphSets, type RadGraphAnnotation, type RadGraphAnnotate, type RadGraphEntity, type RadGraphF1Result } from './clinical/radgraph-f1.js';
export type { MeteorScorer } from './meteor/meteor-scorer.js';
export { meteorApprox, meteorAlign, meteorFromStats, meteorNormalize, MeteorApproxOptionsSchema, type MeteorApproxOptions, type MeteorStats } from './meteor/meteor-approx.js';
export { parseCsv, csvField, type CsvRecord } from './runner/parse-csv.js';
export { readSamples, joinRefsAndCands, ReadSamplesOptionsSchema, SampleColumnsSchema, type LocatedSample, type ReadSamplesOptions, type SampleColumns } from './runner/read-samples.js';
export { renderHtml, renderMarkdown, renderPerSampleCsv } from './report/render-report.js';
export { histogramSvg, barsSvg, scatterSvg } from './report/svg-charts.js';
export type { ScoreReport } from './report/score-report.js';
export { assemble, latestPrior, DEFAULT_VIEWS, FeedNamesSchema, ModelBindingSchema, type AssembledInput, type ModelBinding, type ReportRequest, type Study, type StudyImage } from './assembly/assemble.js';
export { formatContext, type ContextFields, type ContextFormat } from './assembly/context-format.js';
export { decodeImage, type RgbImage } from './assembly/decode-image.js';
export { preprocessImage, resizeBilinear, PreprocessorConfigSchema, type PreprocessorConfig } from './assembly/image-processor.js';
export { alignReferences } from './text/align-references.js';
export { CHEXBERT_HEAD_SIZES, chexbertInputText, chexbertLabelsFromLogits } from './clinical/chexbert-logits.js';
export { generateReports, imageToTextFromFunction, type ImageToTextModel } from './assembly/image-to-text-model.js';
export { onnxChexbertLabeler, OnnxChexbertLabelerOptionsSchema, type OnnxChexbertLabelerOptions } from './clinical/onnx-chexbert-labeler.js';
