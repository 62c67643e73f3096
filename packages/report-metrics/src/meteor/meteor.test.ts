import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportMetricsError } from '../errors/report-metrics-error.js';
import { meteorJar, sanitizeMeteorSegment } from '../node/meteor-jar.js';
import { meteorApprox, meteorNormalize } from './meteor-approx.js';

const double = fileURLToPath(new URL('./__fixtures__/meteor-double.mjs', import.meta.url));
const withDouble = (mode: string, extra: string[] = [], timeoutMs = 5000) => meteorJar({ jarPath: 'meteor-double', command: [process.execPath, double, mode, ...extra], timeoutMs });
const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((d) => d()));
const track = <T extends { dispose(): void }>(m: T) => (disposers.push(() => m.dispose()), m);

async function rejection(p: Promise<unknown>): Promise<ReportMetricsError> {
  try {
    await p;
  } catch (e) {
    return e as ReportMetricsError;
  }
  throw new Error('expected a rejection');
}

describe('meteorApprox (hand-computed, exact matches only, no function words)', () => {
  const m = meteorApprox();
  const one = (hyp: string, ref: string) => m.scoreSync([{ references: [ref], candidate: hyp }]).perSample[0]!;
  it('a b vs a b → 1 (one chunk, fragmentation 0)', () => expect(one('a b', 'a b')).toBe(1));
  it('b a vs a b → 0.4 (2 chunks, frag 1)', () => expect(one('b a', 'a b')).toBeCloseTo(0.4, 12));
  it('a b c vs a b d → (2/3)(1 − 0.6·0.5^0.2) = 0.318447', () => expect(Math.abs(one('a b c', 'a b d') - 0.318447)).toBeLessThan(1e-6));
  it('stem matches weigh 0.6; no match scores 0; key is METEOR_approx', () => {
    expect(m.key).toBe('METEOR_approx');
    expect(one('effusions', 'effusion')).toBeCloseTo(0.6, 12); // P = R = 0.6, one complete chunk
    expect(one('x', 'y')).toBe(0);
  });
  it('normalises case and punctuation like -norm', () => {
    expect(meteorNormalize('No Effusion, stable.')).toEqual(['no', 'effusion', ',', 'stable', '.']);
    expect(one('No effusion.', 'no effusion .')).toBe(1);
  });
  it('several references: the best one counts', () => {
    expect(m.scoreSync([{ references: ['x y', 'a b'], candidate: 'a b' }]).perSample[0]).toBe(1);
  });
});

describe('meteorJar over a protocol double', () => {
  it('frames SCORE/EVAL, reads N + 1 lines in order', async () => {
    const m = track(withDouble('ok'));
    const r = await m.score([
      { references: ['a b c'], candidate: 'a b' },
      { references: ['x', 'y z'], candidate: 'one two three four' },
    ]);
    expect(Array.from(r.perSample)).toEqual([0.2, 0.4]);
    expect(r.corpus).toBe(2);
    // the process is reused and requests are serialised
    const [a, b] = await Promise.all([m.score([{ references: ['r'], candidate: 'h' }]), m.score([{ references: ['r'], candidate: 'h h' }])]);
    expect([a.perSample[0], b.perSample[0]]).toEqual([0.1, 0.2]);
  });

  it('strips newlines from every segment and ||| from hypothesis and references', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meteor-'));
    const log = join(dir, 'log.txt');
    const m = track(withDouble('log', [log], 1500));
    await m.score([{ references: ['a|||b\nc', 'd\r\ne'], candidate: 'x ||| y\nz' }]);
    const sent = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(sent).toEqual(['SCORE ||| ab c ||| d e ||| x y z', 'EVAL ||| 3 2 4']);
    expect(sanitizeMeteorSegment('p|||q\r\nr')).toBe('pq r');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing executable raises METEOR_JAVA_MISSING (RUNTIME_UNAVAILABLE)', async () => {
    const m = track(meteorJar({ jarPath: 'x.jar', javaPath: '/nonexistent/java-for-test' }));
    const e = await rejection(m.score([{ references: ['a'], candidate: 'a' }]));
    expect(e.kind).toBe('METEOR_JAVA_MISSING');
    expect(e.code).toBe('RUNTIME_UNAVAILABLE');
    expect(e.message).toContain('/nonexistent/java-for-test');
  });

  it('a dead process raises METEOR_PROCESS_EXITED quoting stderr', async () => {
    const e = await rejection(track(withDouble('die')).score([{ references: ['a'], candidate: 'a' }]));
    expect(e.kind).toBe('METEOR_PROCESS_EXITED');
    expect(e.message).toContain('java.lang.OutOfMemoryError');
  });

  it('a timeout raises METEOR_TIMEOUT (TIMEOUT)', async () => {
    const e = await rejection(track(withDouble('hang', [], 300)).score([{ references: ['a'], candidate: 'a' }]));
    expect(e.kind).toBe('METEOR_TIMEOUT');
    expect(e.code).toBe('TIMEOUT');
  });

  it('a non-numeric reply raises METEOR_BAD_REPLY (PROTOCOL_ERROR)', async () => {
    const e = await rejection(track(withDouble('garbage')).score([{ references: ['a'], candidate: 'a' }]));
    expect(e.kind).toBe('METEOR_BAD_REPLY');
    expect(e.code).toBe('PROTOCOL_ERROR');
  });

  it('an aborted signal kills the process', async () => {
    const m = track(withDouble('hang', [], 10_000));
    const ac = new AbortController();
    const p = m.score([{ references: ['a'], candidate: 'a' }], { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expect((await rejection(p)).code).toBe('ABORTED');
  });
});

const jar = process.env.METEOR_JAR;
let hasJava = false;
try {
  execFileSync('java', ['-version'], { stdio: 'ignore' });
  hasJava = true;
} catch {}
describe.skipIf(!jar || !hasJava)('meteorJar with the real jar (METEOR_JAR set and java on PATH)', () => {
  it('scores an identical pair near 1 and a disjoint pair 0', async () => {
    const m = track(meteorJar({ jarPath: jar! }));
    const r = await m.score([
      { references: ['the lungs are clear'], candidate: 'the lungs are clear' },
      { references: ['no effusion'], candidate: 'cardiomegaly' },
    ]);
    expect(r.perSample[0]).toBeGreaterThan(0.9);
    expect(r.perSample[1]).toBe(0);
  });
});
describe.skipIf(Boolean(jar && hasJava))('meteorJar with the real jar', () => {
  it.skip('set METEOR_JAR to a Meteor 1.5 jar (and have java on PATH) to run the real-jar test', () => {});
});
