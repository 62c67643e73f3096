export { allBlocks, DIALECTS, lastBlock, parseToolCallJson, parseTurn, type Dialect, type ParsedTurn, type ToolCall } from './tags.js';
