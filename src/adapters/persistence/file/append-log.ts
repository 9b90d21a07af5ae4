import { dirname } from 'node:path';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import { syncDirectory } from './atomic-write.js';
import { readIfExists, type FileHandleLike, type FileSystem } from './file-system.js';
import { GroupCommit, type Pending } from './group-commit.js';
import type { Logger } from './logger.js';
import { toWriteError } from './write-errors.js';

/**
 * A file of JSON lines that only grows: each append resolves once it is
 * flushed to disk. Appends that arrive while a flush runs wait for the next
 * one and share it (GroupCommit). A failed append is cut back, so that the
 * next one starts on a fresh line; a torn last line left by a crash was never
 * acknowledged and is dropped when the file is opened.
 */
export class AppendLog {
  private readonly appends = new GroupCommit<string, void>((batch) => this.flush(batch));
  /** Set when a failed append could not be undone: the file end is unknown, so nothing more is appended. */
  private broken: Error | null = null;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly what: string,
    private readonly handle: FileHandleLike,
    /** Bytes known to be complete lines. */
    private size: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Reads the complete lines already in the file and hands them to `replay`,
   * which throws to refuse them: the file is then left exactly as it is.
   * Otherwise a torn last line is cut off and the log is opened for appends,
   * the file created (with `mode`) when missing.
   */
  static async open<T>(options: {
    path: string;
    what: string;
    fs: FileSystem;
    logger: Logger;
    mode: number;
    replay: (lines: string[]) => T;
  }): Promise<{ log: AppendLog; replayed: T; lines: number }> {
    const { path, fs, logger } = options;
    const existing = await readIfExists(fs, path);
    const bytes = existing ?? Buffer.alloc(0);
    const complete = bytes.lastIndexOf(0x0a) + 1;
    const lines = completeLines(bytes);
    const replayed = options.replay(lines);
    if (complete < bytes.length) {
      logger.warn({ file: path, bytes: bytes.length - complete }, `dropping the torn last line of the ${options.what}`);
      const repair = await fs.open(path, 'r+');
      try {
        await repair.truncate(complete);
        await repair.sync();
      } finally {
        await repair.close();
      }
    }
    const handle = await fs.open(path, 'a', options.mode);
    if (existing === null) await syncDirectory(fs, dirname(path));
    return { log: new AppendLog(path, options.what, handle, complete, logger), replayed, lines: lines.length };
  }

  /** Resolves once `lines` (each ending in a newline) are on disk. */
  append(lines: string): Promise<void> {
    if (this.closed) return Promise.reject(new StorageUnavailableError('The storage is closed'));
    if (this.broken) return Promise.reject(this.unavailable());
    return this.appends.submit(lines);
  }

  /** Waits for appends in flight, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.appends.drain();
    await this.handle.close();
  }

  /** Appends the batch's lines with one write and one flush. */
  private async flush(batch: readonly Pending<string, void>[]): Promise<void> {
    if (this.broken) {
      for (const append of batch) append.reject(this.unavailable());
      return;
    }
    const data = batch.map((append) => append.item).join('');
    try {
      await this.handle.writeFile(data);
      await this.handle.datasync();
      this.size += Buffer.byteLength(data);
      for (const append of batch) append.resolve();
    } catch (error) {
      this.logger.error({ err: error, file: this.path }, `appending to the ${this.what} failed`);
      await this.cutBack();
      const failure = toWriteError(error, this.what);
      for (const append of batch) append.reject(failure);
    }
  }

  private async cutBack(): Promise<void> {
    try {
      await this.handle.truncate(this.size);
      await this.handle.datasync();
    } catch (error) {
      this.broken = error as Error;
      this.logger.error(
        { err: error, file: this.path },
        `cannot repair the ${this.what}; refusing changes until restart`,
      );
    }
  }

  private unavailable(): StorageUnavailableError {
    return new StorageUnavailableError(`The ${this.what} cannot be written; restart the service`);
  }
}

/** The complete, non-blank lines of a log's bytes: a torn last line (no newline yet) is left out. */
export function completeLines(bytes: Buffer): string[] {
  return bytes
    .subarray(0, bytes.lastIndexOf(0x0a) + 1)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
