import type { DomainEvent } from '../../../domain/events/event.js';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import type { ContentChange, ContentStore } from '../memory/content-store.js';
import { SerialQueue } from '../memory/serial-queue.js';
import { writeFileAtomic } from './atomic-write.js';
import { invalidMessage, parseContentDocument, serializeContent } from './content-document.js';
import { errorCode, type FileSystem } from './file-system.js';
import type { FileOutbox, PreparedEvents } from './file-outbox.js';
import { GroupCommit, type Pending } from './group-commit.js';
import { contentHash, HandEditWatcher } from './hand-edit-watcher.js';
import type { Logger } from './logger.js';
import { toWriteError } from './write-errors.js';

export interface FileContentStoreOptions {
  readonly path: string;
  readonly fs: FileSystem;
  readonly logger: Logger;
  readonly seed?: () => Content;
  /** Where the events of each change are recorded, before the data file is renamed into place. */
  readonly outbox: Pick<FileOutbox, 'prepare'>;
}

interface ContentWrite {
  readonly change: ContentChange<unknown>;
  readonly events: readonly DomainEvent[];
}

type PendingChange = Pending<ContentWrite, unknown>;

/**
 * The content held in process, as in the memory adapter, but every change is
 * written to the data file before it takes effect. Changes that queue up
 * while a write runs are stored together (group commit); commits and checks
 * of the file for hand edits take turns. The events of a batch's changes are
 * flushed to the outbox journal before the data file is renamed into place,
 * and take effect with it (see FileOutbox.prepare).
 *
 * A hand edit saved in the instant between a commit's check of the file and
 * its rename is overwritten: closing that window would need the editor to
 * take the lock too. Editors save in well under a poll interval, and the
 * window is one write long.
 */
export class FileContentStore implements ContentStore {
  /** Commits and checks for hand edits, one at a time. */
  private readonly turns = new SerialQueue();
  private readonly commits = new GroupCommit<ContentWrite, unknown>(
    (batch) => this.commit(batch),
    (task) => this.turns.run(task),
  );
  private closed = false;

  private constructor(
    private readonly options: FileContentStoreOptions,
    private state: Content,
    private readonly handEdits: HandEditWatcher,
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
      return new FileContentStore(options, state, new HandEditWatcher(options, contentHash(text)));
    }
    const loaded = parseContentDocument(bytes.toString('utf8'));
    if (!loaded.ok) {
      throw new Error(
        `${invalidMessage(`The data file ${path}`, loaded.problems)}\nFix the file and start again; it was not changed.`,
      );
    }
    return new FileContentStore(options, loaded.state, new HandEditWatcher(options, contentHash(bytes)));
  }

  read(): Content {
    return this.state;
  }

  update<R>(change: ContentChange<R>, events: readonly DomainEvent[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new StorageUnavailableError('The storage is closed'));
    return this.commits.submit({ change, events }) as Promise<R>;
  }

  /** True while the data file is an invalid hand edit, as of the last check. */
  refusesWrites(): boolean {
    return this.handEdits.refusal() !== null;
  }

  /** Checks the file for hand edits every `intervalMs`. */
  watch(intervalMs: number): void {
    this.handEdits.start(intervalMs, () => this.refresh());
  }

  /** Checks the file for a hand edit now, in turn with writes. */
  refresh(): Promise<void> {
    return this.turns.run(async () => {
      this.state = await this.handEdits.check(this.state);
    });
  }

  /** Stops watching and waits for the writes already queued. */
  async close(): Promise<void> {
    this.closed = true;
    this.handEdits.stop();
    await this.commits.drain();
    await this.turns.drain();
  }

  /**
   * Applies the changes of the batch in order and stores their result with
   * one write. A change that throws is left out; a failed write rejects every
   * change of the batch.
   */
  private async commit(batch: readonly PendingChange[]): Promise<void> {
    // A hand edit saved just before this write is loaded first and the write applies to it, rather than
    // erasing it or being refused: both changes were meant. A write based on what was read before the edit
    // still fails as stale, since adoptVersions bumps the version of what the edit changed.
    this.state = await this.handEdits.check(this.state);
    const refusal = this.handEdits.refusal();
    if (refusal) {
      for (const pending of batch) pending.reject(refusal);
      return;
    }
    let next = this.state;
    const applied: { pending: PendingChange; result: unknown }[] = [];
    const refused: { pending: PendingChange; error: unknown }[] = [];
    for (const pending of batch) {
      try {
        const outcome = pending.item.change(next);
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
    const { fs, path, logger, outbox } = this.options;
    const events = applied.flatMap(({ pending }) => pending.item.events);
    let prepared: PreparedEvents | null = null;
    try {
      if (events.length > 0) prepared = await outbox.prepare(events);
    } catch (error) {
      // The outbox journal said why (and logged it); the data file was not touched.
      for (const { pending } of applied) pending.reject(error);
      return;
    }
    try {
      await writeFileAtomic(fs, path, text);
    } catch (error) {
      logger.error({ err: error, dataFile: path }, 'writing the data file failed');
      await prepared?.cancel();
      const failure = toWriteError(error, 'data file');
      for (const { pending } of applied) pending.reject(failure);
      return;
    }
    this.state = next;
    prepared?.commit();
    this.handEdits.wrote(text);
    for (const { pending, result } of applied) pending.resolve(result);
  }
}
