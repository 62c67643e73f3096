import { InvalidOptionsError } from '../errors/index.js';
import type { DetectContext, RefusalDetector, RefusalVerdict, SyncRefusalDetector } from './detector.js';
import { isSyncDetector } from './detector.js';

function combine(name: string, ds: RefusalDetector[], decide: (vs: RefusalVerdict[]) => boolean): RefusalDetector {
  if (ds.length === 0) throw new InvalidOptionsError(`${name}: needs at least one detector`, 'detectors');
  const verdict = (vs: RefusalVerdict[]): RefusalVerdict => {
    const isRefusal = decide(vs);
    const hits = vs.filter((v) => v.isRefusal);
    return { isRefusal, score: hits.length / vs.length, strategy: `${name}(${ds.map((d) => d.name).join(',')})`, evidence: hits.map((v) => `${v.strategy}: ${v.evidence ?? ''}`).join('; ') || undefined };
  };
  if (ds.every(isSyncDetector)) {
    const sync: SyncRefusalDetector = { name, sync: true, detect: (t, ctx) => verdict((ds as SyncRefusalDetector[]).map((d) => d.detect(t, ctx))) };
    return sync;
  }
  return { name, detect: async (t: string, ctx?: DetectContext) => verdict(await Promise.all(ds.map((d) => d.detect(t, ctx)))) };
}

/** Refusal if any detector says so. */
export const anyOf = (...ds: RefusalDetector[]) => combine('anyOf', ds, (vs) => vs.some((v) => v.isRefusal));
/** Refusal if all detectors say so. */
export const allOf = (...ds: RefusalDetector[]) => combine('allOf', ds, (vs) => vs.every((v) => v.isRefusal));
/** Refusal if at least `k` detectors say so. */
export function vote(k: number, ...ds: RefusalDetector[]): RefusalDetector {
  if (!(k >= 1 && k <= ds.length)) throw new InvalidOptionsError(`vote: k must be in 1..${ds.length}, got ${k}`, 'k');
  return combine(`vote${k}`, ds, (vs) => vs.filter((v) => v.isRefusal).length >= k);
}

/**
 * Run the cheap detector; ask the expensive one only when `escalateIf(cheapVerdict)` holds
 * (default: when the cheap one found no refusal).
 */
export function cascade(cheap: RefusalDetector, expensive: RefusalDetector, escalateIf: (v: RefusalVerdict) => boolean = (v) => !v.isRefusal): RefusalDetector {
  return {
    name: `cascade(${cheap.name},${expensive.name})`,
    async detect(t, ctx) {
      const v = await cheap.detect(t, ctx);
      return escalateIf(v) ? expensive.detect(t, ctx) : v;
    },
  };
}
