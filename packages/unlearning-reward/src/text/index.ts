export * from './python-whitespace.js';
export * from './rouge-pltrdy.js';
export * from './squad.js';
