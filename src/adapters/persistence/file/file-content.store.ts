import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import type { ContentChange, ContentStore } from '../memory/content-store.js';
import { SerialQueue } from '../memory/serial-queue.js';
import { writeFileAtomic } from './atomic-write.js';
import { parseContentDocument, serializeContent } from './content-document.js';
import { errorCode, type FileStat, type FileSystem } from './file-system.js';
import { adoptVersions } from './hand-edit-versions.js';
import type { Logger } from './logger.js';
import { toWriteError } from './write-errors.js';

export interface FileContentStoreOptions {
  readonly path: string;
  readonly fs: FileSystem;
  readonly logger: Logger;
  readonly seed?: () => Content;
}

interface PendingChange {
  readonly change: ContentChange<unknown>;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** A hand edit that does not load: kept so that it is reported once, not at every poll. */
interface InvalidFile {
  readonly hash: string | null;
  readonly problems: readonly string[];
}

/**
 * The content held in process, as in the memory adapter, but every change is
 * written to the data file before it takes effect. Commits, and checks of the
 * file for hand edits, run one at a time.
 *
 * A hand edit saved in the instant between a commit's check of the file and
 * its rename is overwritten: closing that window would need the editor to
 * take the lock too. Editors save in well under a poll interval, and the
 * window is one write long.
 */
export class FileContentStore implements ContentStore {
  /** Commits and checks for hand edits, one at a time. */
  private readonly queue = new SerialQueue();
  private waiting: PendingChange[] = [];
  private commitScheduled = false;
  private invalid: InvalidFile | null = null;
  /**
   * The file's identity, size and change times when it was last read. A poll
   * that finds them unchanged skips reading and hashing the whole file: with
   * a large document that read, every second, was most of an idle instance's
   * work. Times are in nanoseconds, so an edit that keeps the size is still
   * seen on any file system with fine timestamps (ext4, XFS, Btrfs, APFS).
   */
  private lastRead: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private closed = false;

  private constructor(
    private readonly options: FileContentStoreOptions,
    private state: Content,
    /** Hash of the file as we last wrote or loaded it: anything else on disk is a hand edit. */
    private knownHash: string,
  ) {}

  /** Loads the data file, or creates it from the seed when it does not exist. Never overwrites an existing file. */
  static async open(options: FileContentStoreOptions): Promise<FileContentStore> {
    const { path, fs, logger } = options;
    const bytes = await fs.readFile(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    });
    if (bytes === null) {
      const state = options.seed?.() ?? EMPTY_CONTENT;
      const text = serializeContent(state);
      const check = parseContentDocument(text);
      if (!check.ok) throw new Error(invalidMessage(`The seed content for ${path}`, check.problems));
      await writeFileAtomic(fs, path, text);
      logger.info({ dataFile: path }, `created the data file ${path}`);
      return new FileContentStore(options, state, hash(text));
    }
    const loaded = parseContentDocument(bytes.toString('utf8'));
    if (!loaded.ok) {
      throw new Error(
        `${invalidMessage(`The data file ${path}`, loaded.problems)}\nFix the file and start again; it was not changed.`,
      );
    }
    return new FileContentStore(options, loaded.state, hash(bytes));
  }

  read(): Content {
    return this.state;
  }

  update<R>(change: ContentChange<R>): Promise<R> {
    if (this.closed) return Promise.reject(new StorageUnavailableError('The storage is closed'));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ change, resolve: resolve as (result: unknown) => void, reject });
      if (this.commitScheduled) return;
      this.commitScheduled = true;
      void this.queue.run(() => {
        this.commitScheduled = false;
        return this.commit(this.waiting.splice(0));
      });
    });
  }

  /**
   * Applies the changes that queued up while the previous write ran, in
   * order, and stores their result with one write (group commit): a burst of
   * admin writes costs a few file rewrites, not one each. A change that throws
   * is left out; a failed write rejects every change of the batch.
   */
  private async commit(batch: readonly PendingChange[]): Promise<void> {
    // A hand edit saved just before this write is loaded first and the write applies to it, rather than
    // erasing it or being refused: both changes were meant. A write based on what was read before the edit
    // still fails as stale, since adoptVersions bumps the version of what the edit changed.
    await this.syncWithDisk();
    if (this.invalid) {
      const refusal = new StorageUnavailableError(
        `The data file ${basename(this.options.path)} is invalid; fix it to allow changes again (the log lists the problems)`,
      );
      for (const pending of batch) pending.reject(refusal);
      return;
    }
    let next = this.state;
    const applied: { pending: PendingChange; result: unknown }[] = [];
    const refused: { pending: PendingChange; error: unknown }[] = [];
    for (const pending of batch) {
      try {
        const outcome = pending.change(next);
        next = outcome.next;
        applied.push({ pending, result: outcome.result });
      } catch (error) {
        refused.push({ pending, error });
      }
    }
    try {
      await this.store(applied, next);
    } finally {
      // Told only once the batch is stored: a writer that lost the race to an earlier change of
      // this batch then reloads that change, not the state before it, and its retry can win.
      for (const { pending, error } of refused) pending.reject(error);
    }
  }

  /** Writes the batch's result, then answers each applied change: stored, or the write's failure. */
  private async store(applied: readonly { pending: PendingChange; result: unknown }[], next: Content) {
    if (applied.length === 0) return;
    const text = serializeContent(next);
    const check = parseContentDocument(text);
    if (!check.ok) {
      // Only a bug gets here; alone, each change either passes or takes the blame.
      if (applied.length > 1) {
        for (const { pending } of applied) await this.commit([pending]);
      } else {
        applied[0]!.pending.reject(
          new Error(invalidMessage('The change would make the data file invalid', check.problems)),
        );
      }
      return;
    }
    try {
      await writeFileAtomic(this.options.fs, this.options.path, text);
    } catch (error) {
      this.options.logger.error({ err: error, dataFile: this.options.path }, 'writing the data file failed');
      const failure = toWriteError(error, 'data file');
      for (const { pending } of applied) pending.reject(failure);
      return;
    }
    this.state = next;
    this.knownHash = hash(text);
    // The next poll reads the file we wrote once, rather than trust that no edit landed right after the rename.
    this.lastRead = undefined;
    for (const { pending, result } of applied) pending.resolve(result);
  }

  /** Polls the file for hand edits every `intervalMs`. */
  watch(intervalMs: number): void {
    this.timer = setInterval(() => void this.poll(), intervalMs);
    this.timer.unref();
  }

  /** Checks the file for a hand edit now, in turn with writes. */
  refresh(): Promise<void> {
    return this.queue.run(() => this.syncWithDisk());
  }

  /** Stops watching and waits for the writes already queued. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.queue.drain();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.closed) return;
    this.polling = true;
    try {
      await this.refresh();
    } catch (error) {
      this.options.logger.error(
        { err: error, dataFile: this.options.path },
        'checking the data file for changes failed',
      );
    } finally {
      this.polling = false;
    }
  }

  /** Compares the file with what we last wrote or loaded and loads a valid hand edit; never writes. */
  private async syncWithDisk(): Promise<void> {
    const { path, fs, logger } = this.options;
    let seen: string;
    let bytes: Buffer;
    try {
      seen = signature(await fs.stat(path));
      if (seen === this.lastRead) return;
      bytes = await fs.readFile(path);
    } catch (error) {
      this.lastRead = undefined;
      const problem =
        errorCode(error) === 'ENOENT'
          ? 'the file is missing'
          : `the file cannot be read (${errorCode(error) ?? String(error)})`;
      this.markInvalid(null, [problem]);
      return;
    }
    // Stat before read: a change in between makes the next poll read again, never miss it.
    this.lastRead = seen;
    const current = hash(bytes);
    if (current === this.knownHash) {
      if (this.invalid) logger.info({ dataFile: path }, 'the data file is valid again; changes are accepted');
      this.invalid = null;
      return;
    }
    if (this.invalid?.hash === current) return;
    const loaded = parseContentDocument(bytes.toString('utf8'));
    if (!loaded.ok) {
      this.markInvalid(current, loaded.problems);
      return;
    }
    this.state = adoptVersions(this.state, loaded.state);
    this.knownHash = current;
    this.invalid = null;
    logger.info({ dataFile: path }, 'the data file was edited; serving its new content');
  }

  private markInvalid(fileHash: string | null, problems: readonly string[]): void {
    const again =
      this.invalid && this.invalid.hash === fileHash && this.invalid.problems.join('\n') === problems.join('\n');
    this.invalid = { hash: fileHash, problems };
    if (again) return;
    this.options.logger.error(
      { dataFile: this.options.path, problems },
      `${invalidMessage(`The data file ${this.options.path}`, problems)}\n` +
        'Still serving the last good content; changes are refused until the file is fixed. The file was not changed.',
    );
  }
}

function invalidMessage(subject: string, problems: readonly string[]): string {
  return `${subject} is invalid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}

function signature(stat: FileStat): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

function hash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
