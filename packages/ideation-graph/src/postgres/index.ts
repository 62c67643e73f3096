export { openPostgresStore, PostgresGraphStore, PostgresStoreOptionsSchema, type PostgresStoreOptions, type SqlExecutor } from './postgres-store.js';
export { DEFAULT_TEST_PG_URL, pgUrlFromEnv } from './pg-url.js';
