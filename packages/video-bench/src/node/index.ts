/** `@reasonkit/video-bench/node`: the Node-only parts (file output); everything else is in the root entry. */
export { writeReport } from './write-report.js';
