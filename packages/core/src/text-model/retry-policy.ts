/** HTTP statuses worth retrying (transient server or rate-limit conditions). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Server-requested delay from `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an
 * HTTP date), or `undefined` when absent or unparseable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): the server's `Retry-After` when given (capped at
 * `maxMs`), else exponential backoff `baseMs · 2^attempt` capped at `maxMs`, scaled by a jitter
 * factor in [0.5, 1) (our choice: "equal jitter", never a zero wait).
 */
export function retryDelayMs(attempt: number, options: { baseMs: number; maxMs: number; retryAfterMs?: number; random?: () => number }): number {
  if (options.retryAfterMs !== undefined) return Math.min(options.retryAfterMs, options.maxMs);
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return exp * (0.5 + 0.5 * (options.random ?? Math.random)());
}
