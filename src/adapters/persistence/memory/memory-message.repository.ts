import type { DomainEvent } from '../../../domain/events/event.js';
import type { Message } from '../../../domain/messages/message.js';
import type { MessageQuery, MessageRepository } from '../../../domain/messages/message.repository.js';
import type { Slice } from '../../../domain/shared/page.js';
import type { RecordEvents } from './content-store.js';
import { MessageIndex } from './message-index.js';

export class MemoryMessageRepository implements MessageRepository {
  constructor(
    private readonly index = new MessageIndex(),
    private readonly record: RecordEvents = () => {},
  ) {}

  async list(query: MessageQuery): Promise<Slice<Message>> {
    return this.index.list(query);
  }

  async findById(id: string): Promise<Message | null> {
    return this.index.get(id) ?? null;
  }

  /** The message and its events take effect in one synchronous step. */
  async create(message: Message, events: readonly DomainEvent[] = []): Promise<void> {
    this.index.put(message);
    if (events.length > 0) this.record(events);
  }

  async update(message: Message, expectedVersion: number): Promise<void> {
    this.index.checkUpdate(message.id, expectedVersion);
    this.index.replace(message);
  }

  async delete(id: string, expectedVersion: number): Promise<void> {
    this.index.checkUpdate(id, expectedVersion);
    this.index.remove(id);
  }
}
