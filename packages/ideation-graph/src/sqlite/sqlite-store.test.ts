import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../store/__fixtures__/store-contract.js';
import { IdeationGraphError } from '../errors/ideation-graph-error.js';
import { openSqliteStore } from './sqlite-store.js';
import { checkBetterSqlite3 } from './version-guard.js';

const dir = mkdtempSync(join(tmpdir(), 'ig-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract(
  'sqlite',
  async () => openSqliteStore({ path: join(dir, `g${n++}.db`) }),
  async (s) => {
    const path = (s as unknown as { file: string }).file;
    await s.close();
    return openSqliteStore({ path });
  },
);
storeContract('sqlite int8', async () => openSqliteStore({ path: join(dir, `q${n++}.db`), vectorCodec: 'int8' }), undefined, { quantized: true });

describe('better-sqlite3 version guard', () => {
  it('13.x on Node 20 → NATIVE_MODULE_UNSUPPORTED naming 12.11.1; 12.11.1 and Node 22 pass', () => {
    expect(() => checkBetterSqlite3('13.2.0', '20.20.2')).toThrow(/12\.11\.1/);
    try {
      checkBetterSqlite3('13.0.0', '20.1.0');
    } catch (e) {
      expect(IdeationGraphError.isKind(e, 'NATIVE_MODULE_UNSUPPORTED')).toBe(true);
    }
    expect(() => checkBetterSqlite3('12.11.1', '20.20.2')).not.toThrow();
    expect(() => checkBetterSqlite3('13.2.0', '22.12.0')).not.toThrow();
  });
});
