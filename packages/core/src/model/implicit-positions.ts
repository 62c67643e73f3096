import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { KVCache } from '../kv-cache/kv-cache.js';

/**
 * For a model whose graph takes no `position_ids` (it derives positions from the cache length,
 * `cache.length + i` for new token `i`): throws `POSITION_IDS_UNSUPPORTED` when the wanted
 * positions differ, e.g. after eviction (`cache.nextPosition !== cache.length`) or with explicit
 * `positionIds`, instead of letting the graph silently use wrong positions.
 */
export function checkImplicitPositions(positions: ArrayLike<number>, cache: KVCache, source: string): void {
  for (let i = 0; i < positions.length; i++) {
    if (positions[i] !== cache.length + i) {
      const evicted = cache.nextPosition !== cache.length;
      throw new ReasonkitError(
        'POSITION_IDS_UNSUPPORTED',
        `${source}: the graph takes no position_ids, so new token ${i} would sit at position ${cache.length + i} (the cache length), ` +
          `but it belongs at position ${positions[i]}` +
          (evicted ? ` (the cache holds ${cache.length} tokens but its nextPosition is ${cache.nextPosition}: tokens were evicted)` : ' (explicit positionIds)') +
          '; use a graph with a position_ids input (check lm.takesPositionIds) or keep the cache contiguous',
        { file: source, field: 'position_ids', expected: positions[i], actual: cache.length + i, cacheLength: cache.length, nextPosition: cache.nextPosition },
      );
    }
  }
}
