export { AslError, type AslErrorKind } from './asl-error.js';
