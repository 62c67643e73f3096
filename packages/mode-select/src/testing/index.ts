export { runSelectorConformance, type ConformanceReport } from './run-selector-conformance.js';
