export { exactMatch, normalizeAnswer, subExactMatch, tokenF1 } from './normalize-answer.js';
