export { CAPABILITIES, throwIfAborted, type Capability, type Continuation, type ContinuationToken, type ContinueRequest, type ReasoningBackend } from './backend.js';
export { assertTagsInVocabulary, createLocalBackend, LocalBackendOptionsSchema, type LocalBackend, type LocalBackendOptions } from './local-backend.js';
export { createTextBackend, TextBackendOptionsSchema, type TextBackendOptions } from './text-backend.js';
export { continuationFromResult, type ContinuationFromResultOptions } from './continuation-from-result.js';
