// @reasonkit/report-metrics/node: file I/O, the METEOR jar child process, label caches.
export { scoreFile, ScoreFileOptionsSchema, type ScoreFileOptions, type MetricName } from '../runner/score-file.js';
export { meteorJar, sanitizeMeteorSegment, MeteorJarOptionsSchema, type MeteorJarOptions } from './meteor-jar.js';
export { labelTexts, loadLabelCache, labelCacheKey, type LabelTextsOptions } from './label-cache.js';
export { labelerFromLabelFile } from './label-file.js';
export { readImageFile } from './read-image-file.js';
