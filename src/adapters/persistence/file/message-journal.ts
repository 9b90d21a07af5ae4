import * as v from 'valibot';
import { basename, dirname, join } from 'node:path';
import { newestFirst, type Message } from '../../../domain/messages/message.js';
import { id } from '../../schemas/fields.js';
import { StoredMessageSchema } from '../../schemas/message.schema.js';
import { AppendLog, completeLines } from './append-log.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeIssue } from './document-issues.js';
import { readIfExists, type FileSystem } from './file-system.js';
import type { Logger } from './logger.js';

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
 * that arrive while a flush runs share the next one (group commit, see
 * AppendLog): a burst of contact messages costs a few flushes, not one each.
 */
export class MessageJournal {
  private constructor(private readonly log: AppendLog) {}

  /** Reads the journal (messages oldest first), repairs a torn last line, compacts when worthwhile, and opens it for appends. */
  static async open(options: {
    path: string;
    fs: FileSystem;
    logger: Logger;
  }): Promise<{ journal: MessageJournal; messages: Message[] }> {
    const { path, fs, logger } = options;
    const open = () =>
      AppendLog.open({ ...options, what: 'message journal', mode: 0o644, replay: (lines) => replay(path, lines) });
    const opened = await open();
    const messages = opened.replayed;
    if (!needsCompaction(opened.lines, messages.length)) return { journal: new MessageJournal(opened.log), messages };
    await opened.log.close();
    await writeFileAtomic(fs, path, messages.map((message) => serializeEvent({ op: 'put', message })).join(''));
    logger.info({ journal: path, before: opened.lines, after: messages.length }, 'compacted the message journal');
    return { journal: new MessageJournal((await open()).log), messages };
  }

  /**
   * The messages of the journal as it is now (oldest first), for reading
   * only: nothing is repaired, compacted or opened for appends, so a process
   * that appends to it meanwhile is not disturbed. A last line not yet ended
   * is an append in flight, and is left out.
   */
  static async read(options: { path: string; fs: FileSystem }): Promise<Message[]> {
    const bytes = (await readIfExists(options.fs, options.path)) ?? Buffer.alloc(0);
    return replay(options.path, completeLines(bytes));
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
    return this.log.append(serializeEvent(event));
  }

  /** Waits for appends in flight, then closes the file. */
  close(): Promise<void> {
    return this.log.close();
  }
}

/** The live messages, oldest first. Throws on the first invalid line(s), naming file and line. */
function replay(path: string, lines: readonly string[]): Message[] {
  const live = new Map<string, Message>();
  const problems: string[] = [];
  lines.forEach((line, index) => {
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
  return [...live.values()].sort((a, b) => newestFirst(b, a));
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
