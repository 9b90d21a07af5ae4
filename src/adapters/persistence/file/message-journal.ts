import * as v from 'valibot';
import { basename, dirname, join } from 'node:path';
import { newestFirst, type Message } from '../../../domain/messages/message.js';
import { StorageUnavailableError } from '../../../domain/shared/errors.js';
import { id } from '../../schemas/fields.js';
import { StoredMessageSchema } from '../../schemas/message.schema.js';
import { syncDirectory, writeFileAtomic } from './atomic-write.js';
import { describeIssue } from './document-issues.js';
import { readIfExists, type FileHandleLike, type FileSystem } from './file-system.js';
import { GroupCommit, type Pending } from './group-commit.js';
import type { Logger } from './logger.js';
import { toWriteError } from './write-errors.js';

export type JournalEvent =
  { readonly op: 'put'; readonly message: Message } | { readonly op: 'delete'; readonly id: string };

const JournalEventSchema = v.variant(
  'op',
  [
    v.strictObject({ op: v.literal('put'), message: StoredMessageSchema }, 'Unknown field'),
    v.strictObject({ op: v.literal('delete'), id }, 'Unknown field'),
  ],
  'Must be an event with op "put" or "delete"',
);

const MESSAGE_KEYS = Object.keys(StoredMessageSchema.entries);
/** At most this many problems are listed when the journal is invalid; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

/** `data/portfolio.json` → `data/portfolio.messages.jsonl`. */
export function journalPathFor(dataFile: string): string {
  return join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.messages.jsonl`);
}

/** Rewrite the journal at start-up once superseded lines outnumber this (`live` is the number of messages kept). */
export function needsCompaction(lines: number, live: number): boolean {
  return lines - live > 2 * live + 1000;
}

/**
 * The contact inbox as an append-only log of JSON lines, so that accepting a
 * message costs one append and one flush however large the inbox is. Appends
 * that arrive while a flush runs share the next one (group commit): a burst of
 * contact messages costs a few flushes, not one each.
 */
export class MessageJournal {
  private readonly appends = new GroupCommit<string, void>((batch) => this.flush(batch));
  /** Set when a failed append could not be undone: the file end is unknown, so nothing more is appended. */
  private broken: Error | null = null;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandleLike,
    /** Bytes known to be complete lines: a failed append is cut back to here. */
    private size: number,
    private readonly logger: Logger,
  ) {}

  /** Reads the journal (messages oldest first), repairs a torn last line, compacts when worthwhile, and opens it for appends. */
  static async open(options: {
    path: string;
    fs: FileSystem;
    logger: Logger;
  }): Promise<{ journal: MessageJournal; messages: Message[] }> {
    const { path, fs, logger } = options;
    const existing = await readIfExists(fs, path);
    const bytes = existing ?? Buffer.alloc(0);
    const complete = bytes.lastIndexOf(0x0a) + 1;
    const { messages, lines } = replay(path, bytes.subarray(0, complete).toString('utf8'));
    let size = complete;
    if (complete < bytes.length) {
      // A write cut short by a crash: it was never acknowledged, since an append resolves only after its flush.
      logger.warn(
        { journal: path, bytes: bytes.length - complete },
        'dropping the torn last line of the message journal',
      );
      await truncate(fs, path, complete);
    }
    if (needsCompaction(lines, messages.length)) {
      const text = messages.map((message) => serializeEvent({ op: 'put', message })).join('');
      await writeFileAtomic(fs, path, text);
      logger.info({ journal: path, before: lines, after: messages.length }, 'compacted the message journal');
      size = Buffer.byteLength(text);
    }
    const handle = await fs.open(path, 'a', 0o644);
    if (existing === null) await syncDirectory(fs, dirname(path));
    return { journal: new MessageJournal(path, handle, size, logger), messages };
  }

  /**
   * The messages of the journal as it is now (oldest first), for reading
   * only: nothing is repaired, compacted or opened for appends, so a process
   * that appends to it meanwhile is not disturbed. A last line not yet ended
   * is an append in flight, and is left out.
   */
  static async read(options: { path: string; fs: FileSystem }): Promise<Message[]> {
    const bytes = (await readIfExists(options.fs, options.path)) ?? Buffer.alloc(0);
    const complete = bytes.lastIndexOf(0x0a) + 1;
    return replay(options.path, bytes.subarray(0, complete).toString('utf8')).messages;
  }

  /** Resolves once the event is on disk. A message that would not load again is refused before anything is written. */
  append(event: JournalEvent): Promise<void> {
    if (event.op === 'put') {
      const check = v.safeParse(StoredMessageSchema, event.message, { abortEarly: false });
      if (!check.success) {
        return Promise.reject(
          new Error(`Refusing to store an invalid message: ${check.issues.map(describeIssue).join('; ')}`),
        );
      }
    }
    if (this.closed) return Promise.reject(new StorageUnavailableError('The storage is closed'));
    if (this.broken) return Promise.reject(this.unavailable());
    return this.appends.submit(serializeEvent(event));
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
      this.logger.error({ err: error, journal: this.path }, 'appending to the message journal failed');
      await this.cutBack();
      const failure = toWriteError(error, 'message journal');
      for (const append of batch) append.reject(failure);
    }
  }

  /** Removes what a failed append may have left, so that the next append starts on a fresh line. */
  private async cutBack(): Promise<void> {
    try {
      await this.handle.truncate(this.size);
      await this.handle.datasync();
    } catch (error) {
      this.broken = error as Error;
      this.logger.error(
        { err: error, journal: this.path },
        'cannot repair the message journal; refusing messages until restart',
      );
    }
  }

  private unavailable(): StorageUnavailableError {
    return new StorageUnavailableError('The message journal cannot be written; restart the service');
  }
}

/** The live messages, oldest first, and the number of events read. Throws on the first invalid line(s), naming file and line. */
function replay(path: string, text: string): { messages: Message[]; lines: number } {
  const live = new Map<string, Message>();
  const problems: string[] = [];
  let lines = 0;
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    lines++;
    const problem = applyLine(live, line);
    if (problem !== null) problems.push(`line ${index + 1}: ${problem}`);
  });
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  - ${problem}`);
    if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`  … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
    throw new Error(
      `The message journal ${path} is invalid:\n${listed.join('\n')}\nFix or remove those lines and start again; the file was not changed.`,
    );
  }
  return { messages: [...live.values()].sort((a, b) => newestFirst(b, a)), lines };
}

function applyLine(live: Map<string, Message>, line: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const result = v.safeParse(JournalEventSchema, json, { abortEarly: false });
  if (!result.success) return result.issues.map(describeIssue).join('; ');
  const event = result.output;
  if (event.op === 'put') live.set(event.message.id, event.message);
  else live.delete(event.id);
  return null;
}

function serializeEvent(event: JournalEvent): string {
  const body = event.op === 'put' ? { op: 'put', message: ordered(event.message) } : { op: 'delete', id: event.id };
  return `${JSON.stringify(body)}\n`;
}

/** Fields in schema order, absent ones left out, so that the lines of one journal look alike. */
function ordered(message: Message): Record<string, unknown> {
  const record = message as unknown as Record<string, unknown>;
  return Object.fromEntries(MESSAGE_KEYS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]]));
}

async function truncate(fs: FileSystem, path: string, length: number): Promise<void> {
  const handle = await fs.open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
