import { ReasonkitError } from '../errors/reasonkit-error.js';

/** The `ABORTED` error for a signal (keeps the signal's reason as `cause`). */
export function abortError(signal: AbortSignal | undefined, what = 'request'): ReasonkitError {
  return new ReasonkitError('ABORTED', `${what} aborted`, { reason: signal?.reason }, { cause: signal?.reason });
}

/** Throws the abort error when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw abortError(signal, what);
}

/** Resolve after `ms`, or reject with `ABORTED` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
