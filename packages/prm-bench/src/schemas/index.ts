export * from './records.js';
export { describeIssues } from './zod-message.js';
