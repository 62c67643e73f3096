import type pgTypes from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from '../store/__fixtures__/store-contract.js';
import { openPostgresStore, type PostgresGraphStore } from './postgres-store.js';
import { DEFAULT_TEST_PG_URL, pgUrlFromEnv } from './pg-url.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { loadPg } from './__fixtures__/load-pg.js';

const pg = loadPg();

// The contract suite on a real PostgreSQL (started by .ci/services.d/ideation-graph.sh). Locally it skips
// with a message when no server answers; under CI=true an unreachable server fails the run.
const url = pgUrlFromEnv() ?? DEFAULT_TEST_PG_URL;
async function reachable(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => {});
  }
}
const problem = await reachable();
if (problem && process.env.CI) {
  throw new IdeationGraphError('PG_URL_MISSING', `CI=true but PostgreSQL at ${url} is unreachable (${problem}); .ci/services.d/ideation-graph.sh should have started it`, { field: 'REASONKIT_PG_URL' });
}
if (problem) console.warn(`[ideation-graph] skipping the PostgreSQL store contract: ${url} unreachable (${problem}). Run bash .ci/services.d/ideation-graph.sh or set REASONKIT_PG_URL.`);

describe.skipIf(problem !== undefined)('postgres (client vector mode)', () => {
  const clients: pgTypes.Client[] = [];
  const stores: PostgresGraphStore[] = [];
  let n = 0;
  const run = `${process.pid}_${Date.now() % 100000}`;
  const open = async (schema?: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    const store = await openPostgresStore({ executor: client, schema: schema ?? `ig_test_${run}_${n++}` });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    for (const s of stores) await s.drop().catch(() => {});
    for (const c of clients) await c.end().catch(() => {});
  });
  storeContract('postgres', () => open(), async (s) => open((s as unknown as { s: string }).s));

  it('auto resolves to client mode on a server without pgvector; forcing pgvector throws NATIVE_MODULE_UNSUPPORTED', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    const avail = (await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`)).rows.length > 0;
    if (avail) return; // a server with pgvector: the PGlite suite covers that mode
    const store = await open();
    expect(store.vectorMode).toBe('client');
    await expect(openPostgresStore({ executor: client, schema: `ig_force_${run}`, vectorMode: 'pgvector' })).rejects.toSatisfy((e) => IdeationGraphError.isKind(e, 'NATIVE_MODULE_UNSUPPORTED'));
  });

  describe('pg url', () => {
    beforeAll(() => {});
    it('PG_URL_MISSING when required and unset', () => {
      expect(() => pgUrlFromEnv({}, true)).toThrow(IdeationGraphError);
      expect(pgUrlFromEnv({ REASONKIT_PG_URL: 'postgres://x' }, true)).toBe('postgres://x');
    });
  });
});
