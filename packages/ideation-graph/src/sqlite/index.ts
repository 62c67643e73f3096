export { openSqliteStore, SqliteGraphStore, SqliteStoreOptionsSchema, type SqliteStoreOptions } from './sqlite-store.js';
export { checkBetterSqlite3, SUPPORTED_BETTER_SQLITE3 } from './version-guard.js';
