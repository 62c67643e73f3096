/** `@reasonkit/video-bench/node`: Node-only parts (file output). Re-exports the browser-safe root. */
export * from '../index.js';
export { writeReport } from './write-report.js';
