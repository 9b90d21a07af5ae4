import type { DomainEvent } from '../../../domain/events/event.js';
import type { Message } from '../../../domain/messages/message.js';
import type { MessageQuery, MessageRepository } from '../../../domain/messages/message.repository.js';
import type { Slice } from '../../../domain/shared/page.js';
import type { MessageIndex } from '../memory/message-index.js';
import { SerialQueue } from '../memory/serial-queue.js';
import type { FileOutbox } from './file-outbox.js';
import type { MessageJournal } from './message-journal.js';

/**
 * The inbox in process (the memory adapter's index) with every change
 * appended to the journal first: a message becomes visible only once it is
 * on disk. Its events are flushed to the outbox journal before it, and take
 * effect with it (see FileOutbox.prepare).
 */
export class FileMessageRepository implements MessageRepository {
  /** Conditional writes check and write one at a time, or two could pass the same version check. */
  private readonly conditional = new SerialQueue();

  constructor(
    private readonly index: MessageIndex,
    private readonly journal: MessageJournal,
    private readonly outbox: Pick<FileOutbox, 'prepare'>,
  ) {}

  async list(query: MessageQuery): Promise<Slice<Message>> {
    return this.index.list(query);
  }

  async findById(id: string): Promise<Message | null> {
    return this.index.get(id) ?? null;
  }

  /** Not queued: new messages have new ids, so concurrent ones share a flush. */
  async create(message: Message, events: readonly DomainEvent[] = []): Promise<void> {
    const prepared = events.length > 0 ? await this.outbox.prepare(events) : null;
    try {
      await this.journal.append({ op: 'put', message });
    } catch (error) {
      await prepared?.cancel();
      throw error;
    }
    this.index.put(message);
    prepared?.commit();
  }

  update(message: Message, expectedVersion: number): Promise<void> {
    return this.conditional.run(async () => {
      this.index.checkUpdate(message.id, expectedVersion);
      await this.journal.append({ op: 'put', message });
      this.index.replace(message);
    });
  }

  delete(id: string, expectedVersion: number): Promise<void> {
    return this.conditional.run(async () => {
      this.index.checkUpdate(id, expectedVersion);
      await this.journal.append({ op: 'delete', id });
      this.index.remove(id);
    });
  }
}
