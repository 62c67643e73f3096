import { groupStats } from '../reward/grpo.js';
import type { ScoredRollout } from '../schemas/index.js';

export interface RolloutRecord extends ScoredRollout {
  group_mean: number;
  group_std: number;
  zero_variance: boolean;
}

/**
 * Stream scored rollouts as JSON Lines with their group statistics. Rollouts of one group must be
 * contiguous (as trainers emit them); each group is flushed when the next begins, as one chunk of
 * complete lines (one chunk per group keeps the async overhead per row small).
 */
export async function* rolloutsJsonl(rollouts: AsyncIterable<ScoredRollout> | Iterable<ScoredRollout>): AsyncGenerator<string> {
  let group: ScoredRollout[] = [];
  const flush = function* (): Generator<string> {
    if (group.length === 0) return;
    const st = groupStats(group.map((r) => r.reward));
    let chunk = '';
    for (const r of group) {
      const adv = st.zeroVariance ? 0 : (r.reward - st.mean) / (st.std + 1e-6);
      const rec: RolloutRecord = { ...r, advantage: r.advantage ?? adv, group_mean: st.mean, group_std: st.std, zero_variance: st.zeroVariance };
      chunk += JSON.stringify(rec) + '\n';
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
