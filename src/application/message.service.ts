import { NotFoundError } from '../domain/shared/errors.js';
import { offsetOf, toPage, type Page, type PageRequest } from '../domain/shared/page.js';
import type { Precondition } from '../domain/shared/precondition.js';
import { assertTransition, type Message, type MessageStatus } from '../domain/messages/message.js';
import type { MessageRepository } from '../domain/messages/message.repository.js';
import { ConditionalWriter } from './conditional-write.js';

export interface MessageListRequest extends PageRequest {
  readonly status?: MessageStatus;
}

/** The owner's inbox. */
export class MessageService {
  private readonly writes = new ConditionalWriter();

  constructor(private readonly messages: MessageRepository) {}

  async list(request: MessageListRequest): Promise<Page<Message>> {
    const slice = await this.messages.list({ status: request.status, offset: offsetOf(request), limit: request.limit });
    return toPage(slice, request);
  }

  async get(id: string): Promise<Message> {
    const message = await this.messages.findById(id);
    if (!message) throw new NotFoundError('Message', id);
    return message;
  }

  setStatus(id: string, status: MessageStatus, precondition?: Precondition<Message>): Promise<Message> {
    return this.writes.write({
      resource: 'message',
      key: id,
      load: () => this.get(id),
      precondition,
      write: async (current, version) => {
        assertTransition(current.status, status);
        const next: Message = { ...current, status, version: version + 1 };
        await this.messages.update(next, version);
        return next;
      },
    });
  }

  async delete(id: string, precondition?: Precondition<Message>): Promise<void> {
    await this.writes.write({
      resource: 'message',
      key: id,
      load: () => this.get(id),
      write: (current, version) => this.messages.delete(current.id, version),
      precondition,
    });
  }
}
