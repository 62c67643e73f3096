import { IdeationGraphError } from '../errors/ideation-graph-error.js';

/** The URL `.ci/services.d/ideation-graph.sh` starts PostgreSQL at. */
export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:54329/reasonkit_test';

/** `REASONKIT_PG_URL`, else the CI default; throws `PG_URL_MISSING` when `required` and nothing is set. */
export function pgUrlFromEnv(env: Record<string, string | undefined> = process.env, required = false): string | undefined {
  const url = env.REASONKIT_PG_URL;
  if (url) return url;
  if (required) throw new IdeationGraphError('PG_URL_MISSING', 'set REASONKIT_PG_URL (e.g. postgres://user@127.0.0.1:5432/db)', { field: 'REASONKIT_PG_URL' });
  return undefined;
}
