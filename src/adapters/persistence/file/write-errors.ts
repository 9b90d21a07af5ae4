import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import { errorCode } from './file-system.js';

/**
 * Conditions of the disk rather than of the code: the operator fixes them
 * (permissions, space, a read-only mount) and the same request then succeeds,
 * which is what 503 tells a client. Anything else is a bug and stays a 500.
 */
const ENVIRONMENTAL = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'ENOENT',
  'EMFILE',
  'ENFILE',
  'EBUSY',
]);

/** The error a failed write rejects with; the message names no path, the cause keeps the details. */
export function toWriteError(error: unknown, what: string): Error {
  const code = errorCode(error);
  if (code !== undefined && ENVIRONMENTAL.has(code)) {
    // DomainError takes no options; the cause is kept for the log all the same.
    return Object.assign(
      new StorageUnavailableError(`The ${what} cannot be written (${code}); the change was not stored`),
      { cause: error },
    );
  }
  return new Error(`Writing the ${what} failed; the change was not stored`, { cause: error });
}
