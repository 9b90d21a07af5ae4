import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import type { Content } from '../../../domain/storage/content.js';
import { invalidMessage, parseContentDocument } from './content-document.js';
import { errorCode, type FileStat, type FileSystem } from './file-system.js';
import { adoptVersions } from './hand-edit-versions.js';
import type { Logger } from './logger.js';

export interface WatchedFile {
  readonly path: string;
  readonly fs: FileSystem;
  readonly logger: Logger;
}

/** A hand edit that does not load: kept so that it is reported once, not at every poll. */
interface InvalidFile {
  readonly hash: string | null;
  readonly problems: readonly string[];
}

/**
 * Tells the owner's hand edits of the data file from the service's own
 * writes, by the hash of what was last written or loaded. A valid edit is
 * served (with versions adopted, see hand-edit-versions.ts); an invalid one
 * is reported once and makes writes refused until the file is fixed. It
 * never writes the file.
 */
export class HandEditWatcher {
  private invalid: InvalidFile | null = null;
  /**
   * The file's identity, size and change times when it was last read. A check
   * that finds them unchanged skips reading and hashing the whole file: with
   * a large document that read, every second, was most of an idle instance's
   * work. Times are in nanoseconds, so an edit that keeps the size is still
   * seen on any file system with fine timestamps (ext4, XFS, Btrfs, APFS).
   */
  private lastRead: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly file: WatchedFile,
    /** Hash of the file as last written or loaded: anything else on disk is a hand edit. */
    private knownHash: string,
  ) {}

  /** Why writes are refused now (the file is an invalid hand edit), or null. */
  refusal(): StorageUnavailableError | null {
    if (!this.invalid) return null;
    return new StorageUnavailableError(
      `The data file ${basename(this.file.path)} is invalid; fix it to allow changes again (the log lists the problems)`,
    );
  }

  /** Records the service's own write, so that it is not taken for a hand edit. */
  wrote(text: string): void {
    this.knownHash = contentHash(text);
    // The next check reads the file we wrote once, rather than trust that no edit landed right after the rename.
    this.lastRead = undefined;
  }

  /** What to serve now: `current`, or the content of a valid hand edit. */
  async check(current: Content): Promise<Content> {
    const { path, fs, logger } = this.file;
    let seen: string;
    let bytes: Buffer;
    try {
      seen = signature(await fs.stat(path));
      if (seen === this.lastRead) return current;
      bytes = await fs.readFile(path);
    } catch (error) {
      this.lastRead = undefined;
      const problem =
        errorCode(error) === 'ENOENT'
          ? 'the file is missing'
          : `the file cannot be read (${errorCode(error) ?? String(error)})`;
      this.markInvalid(null, [problem]);
      return current;
    }
    // Stat before read: a change in between makes the next check read again, never miss it.
    this.lastRead = seen;
    const hash = contentHash(bytes);
    if (hash === this.knownHash) {
      if (this.invalid) logger.info({ dataFile: path }, 'the data file is valid again; changes are accepted');
      this.invalid = null;
      return current;
    }
    if (this.invalid?.hash === hash) return current;
    const loaded = parseContentDocument(bytes.toString('utf8'));
    if (!loaded.ok) {
      this.markInvalid(hash, loaded.problems);
      return current;
    }
    this.knownHash = hash;
    this.invalid = null;
    logger.info({ dataFile: path }, 'the data file was edited; serving its new content');
    return adoptVersions(current, loaded.state);
  }

  /** Runs `poll` every `intervalMs` (the store checks in turn with its writes), one at a time; a failure is logged. */
  start(intervalMs: number, poll: () => Promise<void>): void {
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      poll()
        .catch((error: unknown) =>
          this.file.logger.error({ err: error, dataFile: this.file.path }, 'checking the data file for changes failed'),
        )
        .finally(() => (this.polling = false));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private markInvalid(fileHash: string | null, problems: readonly string[]): void {
    const again =
      this.invalid && this.invalid.hash === fileHash && this.invalid.problems.join('\n') === problems.join('\n');
    this.invalid = { hash: fileHash, problems };
    if (again) return;
    this.file.logger.error(
      { dataFile: this.file.path, problems },
      `${invalidMessage(`The data file ${this.file.path}`, problems)}\n` +
        'Still serving the last good content; changes are refused until the file is fixed. The file was not changed.',
    );
  }
}

export function contentHash(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function signature(stat: FileStat): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}
