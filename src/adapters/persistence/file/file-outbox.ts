import * as v from 'valibot';
import { basename, dirname, join } from 'node:path';
import type { DomainEvent } from '../../../domain/events/event.js';
import { id } from '../../schemas/fields.js';
import { StoredDeliverySchema, StoredEventSchema } from '../../schemas/event.schema.js';
import { OutboxState, type OutboxChange } from '../memory/outbox-state.js';
import { SerialQueue } from '../memory/serial-queue.js';
import { StateOutbox } from '../memory/state-outbox.js';
import { AppendLog } from './append-log.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeIssue } from './document-issues.js';
import type { FileSystem } from './file-system.js';
import type { Logger } from './logger.js';

/** `data/portfolio.json` → `data/portfolio.outbox.jsonl`. */
export function outboxPathFor(dataFile: string): string {
  return join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.outbox.jsonl`);
}

/** It holds visitors' messages on their way to the owner: readable by the service's user alone. */
const MODE = 0o600;
const MAX_LISTED_PROBLEMS = 20;

const ChangeSchema = v.variant('op', [
  v.strictObject({ op: v.literal('record'), events: v.array(StoredEventSchema) }),
  v.strictObject({ op: v.literal('cancel'), events: v.array(id) }),
  v.strictObject({ op: v.literal('fan-out'), events: v.array(id), deliveries: v.array(StoredDeliverySchema) }),
  v.strictObject({ op: v.literal('put'), delivery: StoredDeliverySchema }),
  v.strictObject({ op: v.literal('discard'), webhookId: id }),
]);

/** Events flushed to the journal on behalf of another file's write, not in effect yet. */
export interface PreparedEvents {
  /** That write is stored: the events take effect. */
  commit(): void;
  /**
   * That write failed: a line takes the events back, so that a restart does
   * not deliver them. Never rejects: if that line cannot be written either
   * (the journal logs why), the events go out after a restart for a write
   * that was refused, which is harmless.
   */
  cancel(): Promise<void>;
}

/**
 * The outbox of the file storage: the memory adapter's OutboxState, with every
 * change appended as one line to a journal beside the data file and flushed
 * before it takes effect, so that what was acknowledged survives a crash. The
 * data file has one writer (it is locked), so claims stay in process.
 * Recording events and completing claims do not conflict with anything and
 * share flushes; fan-out and the owner's changes take turns.
 */
export class FileOutbox extends StateOutbox {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly log: AppendLog,
    state: OutboxState,
  ) {
    super(state);
  }

  /** Replays the journal (repairing a torn last line), compacts it when worthwhile, and opens it for appends. */
  static async open(options: { path: string; fs: FileSystem; logger: Logger }): Promise<FileOutbox> {
    const { path, fs, logger } = options;
    const open = () =>
      AppendLog.open({ path, what: 'outbox journal', fs, logger, mode: MODE, replay: (lines) => replay(path, lines) });
    const opened = await open();
    const state = opened.replayed;
    const live = state.size.deliveries + (state.size.events > 0 ? 1 : 0);
    if (opened.lines - live <= 2 * live + 1000) return new FileOutbox(opened.log, state);
    await opened.log.close();
    await writeFileAtomic(fs, path, state.snapshot().map(serialize).join(''), MODE);
    logger.info({ journal: path, before: opened.lines, after: live }, 'compacted the outbox journal');
    return new FileOutbox((await open()).log, state);
  }

  /**
   * The first half of recording events with a write to another file (the
   * data file, the message journal): flushed here before that write, in
   * effect once it is stored. A crash between the two leaves the events
   * recorded for a write that may not have been stored; never the reverse.
   */
  async prepare(events: readonly DomainEvent[]): Promise<PreparedEvents> {
    await this.log.append(serialize({ op: 'record', events }));
    return {
      commit: () => this.state.apply({ op: 'record', events }),
      cancel: () =>
        this.log.append(serialize({ op: 'cancel', events: events.map((event) => event.id) })).catch(() => undefined),
    };
  }

  /** Waits for the changes in flight, then closes the journal. */
  async close(): Promise<void> {
    await this.queue.drain();
    await this.log.close();
  }

  /** On disk first, then in effect: a change whose append fails changes nothing. */
  protected async commit(change: OutboxChange): Promise<void> {
    await this.log.append(serialize(change));
    this.state.apply(change);
  }

  protected serially<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }
}

function serialize(change: OutboxChange): string {
  return `${JSON.stringify(change)}\n`;
}

/** Applies every line in order; throws naming the file and each invalid line, leaving the file as it is. */
function replay(path: string, lines: readonly string[]): OutboxState {
  const state = new OutboxState();
  const problems: string[] = [];
  lines.forEach((line, index) => {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`line ${index + 1}: not valid JSON: ${(error as Error).message}`);
      return;
    }
    const result = v.safeParse(ChangeSchema, json, { abortEarly: false });
    if (result.success) state.apply(result.output);
    else problems.push(`line ${index + 1}: ${result.issues.map(describeIssue).join('; ')}`);
  });
  if (problems.length === 0) return state;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  - ${problem}`);
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`  … and ${problems.length - MAX_LISTED_PROBLEMS} more`);
  throw new Error(
    `The outbox journal ${path} is invalid:\n${listed.join('\n')}\nFix or remove those lines and start again; the file was not changed.`,
  );
}
