import { ReasonkitError } from '../errors/reasonkit-error.js';
import { abortError } from './abort.js';

/** Limits how many async tasks run at once. */
export interface ConcurrencyLimit {
  /** Wait for a slot (FIFO); resolves to its release function (idempotent). */
  acquire(signal?: AbortSignal): Promise<() => void>;
  readonly active: number;
  readonly pending: number;
}

/** A counting semaphore shared by every call on one client. */
export function createConcurrencyLimit(limit: number): ConcurrencyLimit {
  if (!(limit >= 1)) throw new ReasonkitError('INVALID_ARGUMENT', `concurrency must be >= 1, got ${limit}`, { field: 'concurrency' });
  let active = 0;
  const queue: { grant: () => void }[] = [];

  const makeRelease = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = queue.shift();
      if (next) next.grant();
      else active--;
    };
  };

  return {
    get active() {
      return active;
    },
    get pending() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      if (active < limit) {
        active++;
        return Promise.resolve(makeRelease());
      }
      return new Promise((resolve, reject) => {
        const entry = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(makeRelease()); // the slot passes directly from the releaser to this waiter
          },
        };
        const onAbort = () => {
          const at = queue.indexOf(entry);
          if (at >= 0) queue.splice(at, 1);
          reject(abortError(signal));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(entry);
      });
    },
  };
}
