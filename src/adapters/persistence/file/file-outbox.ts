import * as v from 'valibot';
import { basename, dirname, join } from 'node:path';
import type { Delivery } from '../../../domain/events/delivery.js';
import type { DomainEvent } from '../../../domain/events/event.js';
import type { Claim, DeliveryQuery, Outbox, OutboxBacklog, Receivers } from '../../../domain/events/outbox.js';
import type { Slice } from '../../../domain/shared/page.js';
import { id } from '../../schemas/fields.js';
import { StoredDeliverySchema, StoredEventSchema } from '../../schemas/event.schema.js';
import { OutboxState, type OutboxChange } from '../memory/outbox-state.js';
import { SerialQueue } from '../memory/serial-queue.js';
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
export class FileOutbox implements Outbox {
  private readonly queue = new SerialQueue();

  private constructor(
    private readonly log: AppendLog,
    private readonly state: OutboxState,
  ) {}

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

  async record(events: readonly DomainEvent[]): Promise<void> {
    if (events.length > 0) await this.commit({ op: 'record', events });
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

  fanOut(request: Parameters<Outbox['fanOut']>[0]): Promise<number> {
    return this.queue.run(async () => {
      const change = this.state.fanOutChange(request);
      if (change?.op !== 'fan-out') return 0;
      await this.commit(change);
      return change.events.length;
    });
  }

  async claimDue(request: Parameters<Outbox['claimDue']>[0]): Promise<Claim[]> {
    return this.state.claim(request);
  }

  async complete(claim: Claim, next: Delivery): Promise<boolean> {
    if (!this.state.holds(claim)) return false;
    await this.commit({ op: 'put', delivery: next });
    this.state.release(claim);
    return true;
  }

  async release(claim: Claim): Promise<void> {
    this.state.release(claim);
  }

  async nextDueAt(receivers: Receivers): Promise<string | null> {
    return this.state.nextDueAt(receivers);
  }

  enqueue(delivery: Delivery): Promise<void> {
    return this.queue.run(() => this.commit({ op: 'put', delivery }));
  }

  async listDeliveries(webhookId: string, query: DeliveryQuery): Promise<Slice<Delivery>> {
    return this.state.listDeliveries(webhookId, query);
  }

  async findDelivery(id: string): Promise<Delivery | null> {
    return this.state.find(id);
  }

  redeliver(id: string, now: Date): Promise<Delivery | null> {
    return this.queue.run(async () => {
      const change = this.state.redeliveryChange(id, now);
      if (change?.op !== 'put') return null;
      await this.commit(change);
      return change.delivery;
    });
  }

  async emailDeliveryOf(messageId: string): Promise<Delivery | null> {
    return this.state.emailDeliveryOf(messageId);
  }

  async awaitsFanOut(messageId: string): Promise<boolean> {
    return this.state.awaitsFanOut(messageId);
  }

  discardDeliveriesOf(webhookId: string): Promise<void> {
    return this.queue.run(() => this.commit({ op: 'discard', webhookId }));
  }

  async backlog(): Promise<OutboxBacklog> {
    return this.state.backlog();
  }

  /** Waits for the changes in flight, then closes the journal. */
  async close(): Promise<void> {
    await this.queue.drain();
    await this.log.close();
  }

  /** On disk first, then in effect: a change whose append fails changes nothing. */
  private async commit(change: OutboxChange): Promise<void> {
    await this.log.append(serialize(change));
    this.state.apply(change);
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
