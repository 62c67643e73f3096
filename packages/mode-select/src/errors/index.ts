export { CapabilityError, ModeSelectError, type ModeSelectErrorKind } from './mode-select-error.js';
