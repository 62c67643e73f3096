import { IdeationGraphError } from '../errors/ideation-graph-error.js';

/** The better-sqlite3 line that works on Node 20 (13.x needs Node 22 and segfaults on 20). */
export const SUPPORTED_BETTER_SQLITE3 = '12.11.1';

/** Throws `NATIVE_MODULE_UNSUPPORTED` before the binding is loaded when the pair cannot work. */
export function checkBetterSqlite3(installed: string, nodeVersion: string = process.versions.node): void {
  const major = Number(installed.split('.')[0]);
  const nodeMajor = Number(nodeVersion.split('.')[0]);
  if (major >= 13 && nodeMajor < 22) {
    throw new IdeationGraphError(
      'NATIVE_MODULE_UNSUPPORTED',
      `better-sqlite3 ${installed} needs Node 22 and crashes on Node ${nodeVersion}; install better-sqlite3@${SUPPORTED_BETTER_SQLITE3}`,
      { field: 'better-sqlite3', expected: SUPPORTED_BETTER_SQLITE3, actual: installed },
    );
  }
}
