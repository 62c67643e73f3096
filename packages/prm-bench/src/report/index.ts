export { buildReport, type ModelReport, type Report, type ReportModelInput } from './build-report.js';
export { SOCRATIC_LITERATURE, type LiteratureRow } from './literature.js';
export { renderMarkdown } from './render-markdown.js';
export { renderCsv, renderJson } from './render-csv.js';
export { renderHtml, renderCharts } from './render-html.js';
export { toScoreJson, toScoreFields, type ScoreFields } from './score-json.js';
export { groupedBarChart, heatmap, dumbbell, histogram } from './svg-charts.js';
