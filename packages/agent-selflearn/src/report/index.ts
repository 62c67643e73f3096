export { CHART_SIZE, escapeXml, lineChartSvg, type ChartSeries } from './line-chart-svg.js';
export { renderRunReport, REPORT_CHARTS, runReportCharts, type ReportPhase, type RunReportData } from './run-report.js';
