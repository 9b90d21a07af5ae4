import type { DomainEvent } from '../events/event.js';
import type { Slice } from '../shared/page.js';
import type { Message, MessageStatus } from './message.js';

export interface MessageQuery {
  readonly status?: MessageStatus;
  readonly offset: number;
  readonly limit: number;
}

export interface MessageRepository {
  /** Newest first (see newestFirst). */
  list(query: MessageQuery): Promise<Slice<Message>>;
  findById(id: string): Promise<Message | null>;
  /** Resolves only once the message and `events` are durably stored, in the same write (see Outbox). */
  create(message: Message, events?: readonly DomainEvent[]): Promise<void>;
  /** Conditional on the stored version, like ProjectRepository.update. */
  update(message: Message, expectedVersion: number): Promise<void>;
  delete(id: string, expectedVersion: number): Promise<void>;
}
