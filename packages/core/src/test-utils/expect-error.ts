// Test-only: capture the ReasonkitError a call throws, so tests can assert on code and details.
import { ReasonkitError } from '../errors/reasonkit-error.js';

/** The ReasonkitError `p` rejects with; fails when it resolves or rejects with anything else. */
export async function rejection(p: Promise<unknown> | (() => unknown)): Promise<ReasonkitError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ReasonkitError) return e;
    throw e;
  }
  throw new Error('expected a ReasonkitError, but nothing was thrown');
}

/** The ReasonkitError `fn` throws synchronously. */
export function catchError(fn: () => unknown): ReasonkitError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReasonkitError) return e;
    throw e;
  }
  throw new Error('expected a ReasonkitError, but nothing was thrown');
}
