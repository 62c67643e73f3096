import { groupStats } from '../reward/grpo.js';
import type { ScoredRollout } from '../schemas/index.js';

/**
 * The rollouts JSONL exporter as it was before the optimisation (spread + JSON.stringify per row, zod-validated
 * `groupStats` per group, one chunk per group), kept as the oracle for byte-identity tests and as the side-by-side
 * reference in the bench. Not shipped (fixtures are excluded from the package).
 */
export async function* previousRolloutsJsonlStream(rollouts: AsyncIterable<ScoredRollout> | Iterable<ScoredRollout>): AsyncGenerator<string> {
  let group: ScoredRollout[] = [];
  const flush = function* (): Generator<string> {
    if (group.length === 0) return;
    const st = groupStats(group.map((r) => r.reward));
    let chunk = '';
    for (const r of group) {
      const adv = st.zeroVariance ? 0 : (r.reward - st.mean) / (st.std + 1e-6);
      chunk += JSON.stringify({ ...r, advantage: r.advantage ?? adv, group_mean: st.mean, group_std: st.std, zero_variance: st.zeroVariance }) + '\n';
    }
    group = [];
    yield chunk;
  };
  for await (const r of rollouts as AsyncIterable<ScoredRollout>) {
    if (group.length > 0 && group[0]!.groupId !== r.groupId) yield* flush();
    group.push(r);
  }
  yield* flush();
}

/** The whole previous output as one string (synchronous input). */
export async function previousRolloutsJsonl(rollouts: readonly ScoredRollout[]): Promise<string> {
  let out = '';
  for await (const c of previousRolloutsJsonlStream(rollouts)) out += c;
  return out;
}
