export { ReasonkitError } from './reasonkit-error.js';
export type { ReasonkitErrorCode, ReasonkitErrorDetails } from './reasonkit-error.js';
