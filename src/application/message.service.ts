import { NotFoundError } from '../domain/shared/errors.js';
import { offsetOf, toPage, type Page, type PageRequest } from '../domain/shared/page.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Notification } from '../domain/events/delivery.js';
import { assertTransition, type Message, type MessageStatus } from '../domain/messages/message.js';
import type { MessageRepository } from '../domain/messages/message.repository.js';
import { ConditionalWriter } from './conditional-write.js';

export interface MessageListRequest extends PageRequest {
  readonly status?: MessageStatus;
}

/** A message as the owner reads it on its own: with the state of its email to the owner. */
export interface InboxMessage extends Message {
  /** Null when email is not configured, or none was made for this message. */
  readonly notification: Notification | null;
}

/** What the inbox needs of the notifications (NotificationService). */
export interface NotificationStates {
  notificationOf(messageId: string): Promise<Notification | null>;
}

/**
 * The owner's inbox. A message read on its own carries its notification, and
 * If-Match is checked against that same representation, so that the ETag a
 * read gave is the one a write expects.
 */
export class MessageService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly messages: MessageRepository,
    private readonly notifications: NotificationStates,
  ) {}

  async list(request: MessageListRequest): Promise<Page<Message>> {
    const slice = await this.messages.list({ status: request.status, offset: offsetOf(request), limit: request.limit });
    return toPage(slice, request);
  }

  async get(id: string): Promise<InboxMessage> {
    const message = await this.messages.findById(id);
    if (!message) throw new NotFoundError('Message', id);
    return { ...message, notification: await this.notifications.notificationOf(id) };
  }

  setStatus(id: string, status: MessageStatus, precondition?: Precondition<InboxMessage>): Promise<InboxMessage> {
    return this.writes.write({
      resource: 'message',
      key: id,
      load: () => this.get(id),
      precondition,
      write: async ({ notification, ...current }, version) => {
        assertTransition(current.status, status);
        const next: Message = { ...current, status, version: version + 1 };
        await this.messages.update(next, version);
        return { ...next, notification };
      },
    });
  }

  async delete(id: string, precondition?: Precondition<InboxMessage>): Promise<void> {
    await this.writes.write({
      resource: 'message',
      key: id,
      load: () => this.get(id),
      write: (current, version) => this.messages.delete(current.id, version),
      precondition,
    });
  }
}
