import { ConflictError, StaleWriteError } from '../domain/shared/errors.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Versioned } from '../domain/shared/versioned.js';

/**
 * Without a client precondition a lost race is retried; with one it is the
 * client's 412. Writers that start together win one per round (the file
 * storage commits a batch of them on one version), so this is how many may
 * race on one entity before one of them is told to try again.
 */
const ATTEMPTS = 10;

interface ConditionalWrite<T extends Versioned, R> {
  resource: string;
  /** Reads the current state; throws NotFoundError when there is none. */
  load(): Promise<T>;
  /** Writes on condition that the stored version is still `expectedVersion`. */
  write(current: T, expectedVersion: number): Promise<R>;
  precondition?: Precondition<T> | undefined;
}

/**
 * Read, check the caller's precondition, then write conditionally on the
 * version read: the storage refuses the write if anyone wrote in between, so
 * the check and the write act as one even across processes.
 */
export async function writeConditionally<T extends Versioned, R>(op: ConditionalWrite<T, R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const current = await op.load();
    if (op.precondition && !op.precondition(current)) throw new StaleWriteError(op.resource);
    try {
      return await op.write(current, current.version);
    } catch (error) {
      if (!(error instanceof StaleWriteError) || op.precondition) throw error;
      // 412 answers a client's If-Match; this client sent none, so it learns of a conflict instead.
      if (attempt === ATTEMPTS) {
        throw new ConflictError(`The ${op.resource} kept changing while this write was being applied; try again`);
      }
    }
  }
}
