export * from './python-whitespace.js';
export * from './rouge-pltrdy.js';
export * from './squad.js';
export * from './rouge-score-style.js';
export * from './fluency.js';
