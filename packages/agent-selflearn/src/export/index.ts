export { validateVerlRow, VerlRowSchema, type ExportDialect, type ResolvedVerlRow, type VerlRow } from './verl-row.js';
