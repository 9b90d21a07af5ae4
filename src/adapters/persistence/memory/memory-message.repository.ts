import type { Message } from '../../../domain/messages/message.js';
import type { MessageQuery, MessageRepository } from '../../../domain/messages/message.repository.js';
import type { Slice } from '../../../domain/shared/page.js';
import { MessageIndex } from './message-index.js';

export class MemoryMessageRepository implements MessageRepository {
  constructor(private readonly index = new MessageIndex()) {}

  async list(query: MessageQuery): Promise<Slice<Message>> {
    return this.index.list(query);
  }

  async findById(id: string): Promise<Message | null> {
    return this.index.get(id) ?? null;
  }

  async create(message: Message): Promise<void> {
    this.index.put(message);
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
