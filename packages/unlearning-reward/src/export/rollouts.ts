import { z } from 'zod';
import { groupStatsOf, type GroupStats } from '../reward/grpo.js';
import type { ScoredRollout } from '../schemas/index.js';
import { parseUnlearningOptions } from '../errors/index.js';

/** A scored rollout as exported (with its reward). */
export interface RolloutRecord extends ScoredRollout {
  group_mean: number;
  group_std: number;
  zero_variance: boolean;
}

/** zod schema of `RolloutsJsonlOptions`: validates it and applies its defaults. */
export const RolloutsJsonlOptionsSchema = z.object({
  /**
   * Yield a chunk (complete lines only) once it holds at least this many characters; the rest is yielded at the
   * end. `0` yields one chunk per group, as soon as the next group begins (lowest latency for live sources).
   * Default 65,536 (our choice: large writes, few async hops per row).
   */
  chunkChars: z.number().int().nonnegative().default(65_536),
});
/** Input accepted by `RolloutsJsonlOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type RolloutsJsonlOptions = z.input<typeof RolloutsJsonlOptionsSchema>;

/** Advantage eps and σ kind of the exporter (ref: RULE's trainer, torch unbiased std, eps 1e-6). */
const EPS = 1e-6;

/** A number exactly as JSON.stringify writes it inside an object (non-finite → null). */
const num = (x: number): string => (Number.isFinite(x) ? String(x) : 'null');

/**
 * One JSON line of a rollout plus its group statistics, byte-identical to
 * `JSON.stringify({ ...r, advantage: r.advantage ?? adv, group_mean, group_std, zero_variance })`.
 * Fast path: stringify the rollout once and append the statistics as text (no spread copy of every row);
 * anything unusual (extra keys named like ours, `toJSON`, non-plain objects) takes the spread path.
 */
function rolloutLine(r: ScoredRollout, adv: number, st: GroupStats): string {
  const o = r as unknown as Record<string, unknown>;
  if (Object.getPrototypeOf(o) === Object.prototype && !('toJSON' in o) && !('group_mean' in o) && !('group_std' in o) && !('zero_variance' in o)) {
    const head = JSON.stringify(o);
    const tail = `"group_mean":${num(st.mean)},"group_std":${num(st.std)},"zero_variance":${st.zeroVariance}}`;
    if (!('advantage' in o)) return head === '{}' ? `{"advantage":${num(adv)},${tail}` : `${head.slice(0, -1)},"advantage":${num(adv)},${tail}`;
    if (typeof o.advantage === 'number' && head !== '{}') return `${head.slice(0, -1)},${tail}`;
  }
  const rec: RolloutRecord = { ...r, advantage: r.advantage ?? adv, group_mean: st.mean, group_std: st.std, zero_variance: st.zeroVariance };
  return JSON.stringify(rec);
}

/**
 * Stream scored rollouts as JSON Lines with their group statistics (`group_mean`, `group_std` (unbiased),
 * `zero_variance`, and `advantage` = (r − mean)/(std + 1e-6), or 0 for a zero-variance group, unless the rollout
 * carries one). Rollouts of one group must be contiguous (as trainers emit them). Chunks hold complete lines;
 * see `chunkChars`. Synchronous iterables are read without an async hop per row.
 */
export async function* rolloutsJsonl(rollouts: AsyncIterable<ScoredRollout> | Iterable<ScoredRollout>, options: RolloutsJsonlOptions = {}): AsyncGenerator<string> {
  const { chunkChars } = parseUnlearningOptions(RolloutsJsonlOptionsSchema, options, 'rolloutsJsonl');
  let group: ScoredRollout[] = [];
  let lines: string[] = [];
  let chars = 0;
  /** Turn the finished group into lines; returns a chunk when one is due. */
  const close = (): string | undefined => {
    if (group.length > 0) {
      const st = groupStatsOf(
        group.map((r) => r.reward),
        true,
      );
      for (const r of group) {
        const line = rolloutLine(r, st.zeroVariance ? 0 : (r.reward - st.mean) / (st.std + EPS), st);
        lines.push(line);
        chars += line.length + 1;
      }
      group = [];
    }
    return chars > 0 && chars >= chunkChars ? take() : undefined;
  };
  const take = (): string => {
    const chunk = lines.join('\n') + '\n';
    lines = [];
    chars = 0;
    return chunk;
  };
  if (Symbol.asyncIterator in rollouts) {
    for await (const r of rollouts) {
      if (group.length > 0 && group[0]!.groupId !== r.groupId) {
        const c = close();
        if (c !== undefined) yield c;
      }
      group.push(r);
    }
  } else {
    for (const r of rollouts) {
      if (group.length > 0 && group[0]!.groupId !== r.groupId) {
        const c = close();
        if (c !== undefined) yield c;
      }
      group.push(r);
    }
  }
  const last = close();
  if (last !== undefined) yield last;
  else if (chars > 0) yield take();
}
