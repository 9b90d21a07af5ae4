import { StaleWriteError } from '../domain/shared/errors.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Versioned } from '../domain/shared/versioned.js';

export interface ConditionalWrite<T extends Versioned, R> {
  resource: string;
  /** The entity written (its id, its slug): writes of one key take turns. */
  key: string;
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
 *
 * The writes of one entity take turns in this process, in the order they
 * arrive, so they never race each other: on the memory and file storages,
 * which one process owns, nothing is left to race but a hand edit of the
 * data file; on PostgreSQL, the writes of other instances.
 *
 * A write with a precondition (If-Match) that loses such a race is the
 * client's 412. One without asked for its write to be applied, so it is
 * retried on the new version for as long as the entity keeps moving: each
 * lost round means another write went through, so no number of concurrent
 * writers can make it give up. A refusal on a version that did not move is a
 * fault of the storage, not a race, and is thrown rather than retried.
 */
export class ConditionalWriter {
  /** Per key, the end of the last write queued; removed once it is the last and has ended. */
  private readonly turns = new Map<string, Promise<void>>();

  write<T extends Versioned, R>(op: ConditionalWrite<T, R>): Promise<R> {
    const previous = this.turns.get(op.key) ?? Promise.resolve();
    const result = previous.then(() => attempt(op));
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(op.key, done);
    void done.then(() => {
      if (this.turns.get(op.key) === done) this.turns.delete(op.key);
    });
    return result;
  }
}

async function attempt<T extends Versioned, R>(op: ConditionalWrite<T, R>): Promise<R> {
  let refusedVersion: number | undefined;
  for (;;) {
    const current = await op.load();
    if (op.precondition && !op.precondition(current)) throw new StaleWriteError(op.resource);
    if (current.version === refusedVersion) {
      throw new Error(
        `The storage refused a write of the ${op.resource} on version ${refusedVersion}, which it still holds`,
      );
    }
    try {
      return await op.write(current, current.version);
    } catch (error) {
      if (!(error instanceof StaleWriteError) || op.precondition) throw error;
      refusedVersion = current.version;
    }
  }
}
