import { newestFirst, type Message } from '../../../domain/messages/message.js';
import type { MessageQuery } from '../../../domain/messages/message.repository.js';
import type { Slice } from '../../../domain/shared/page.js';
import { assertVersion } from './versions.js';

/**
 * The inbox held in process, kept newest first. Messages arrive in time order,
 * so an insert is almost always an append at the front: no re-sort per message.
 */
export class MessageIndex {
  private readonly byId = new Map<string, Message>();
  /** Oldest first, so that the common insert is a push. */
  private ordered: Message[] = [];

  get size(): number {
    return this.byId.size;
  }

  all(): readonly Message[] {
    return [...this.ordered].reverse();
  }

  get(id: string): Message | undefined {
    return this.byId.get(id);
  }

  list(query: MessageQuery): Slice<Message> {
    const newest = this.ordered.length - 1;
    if (query.status === undefined) {
      const items: Message[] = [];
      for (let i = newest - query.offset; i >= 0 && items.length < query.limit; i--) items.push(this.ordered[i]!);
      return { items, total: this.ordered.length };
    }
    const matches = this.all().filter((message) => message.status === query.status);
    return { items: matches.slice(query.offset, query.offset + query.limit), total: matches.length };
  }

  /** Inserts or replaces without checks: for loading a stored inbox. */
  put(message: Message): void {
    if (this.byId.has(message.id)) this.ordered = this.ordered.filter((m) => m.id !== message.id);
    this.byId.set(message.id, message);
    let i = this.ordered.length;
    // Step back over messages newer than this one; in time order that is none, so a push.
    while (i > 0 && newestFirst(this.ordered[i - 1]!, message) < 0) i--;
    this.ordered.splice(i, 0, message);
  }

  remove(id: string): void {
    if (this.byId.delete(id)) this.ordered = this.ordered.filter((m) => m.id !== id);
  }

  /** Throws what the repository port promises, changes nothing. */
  checkUpdate(id: string, expectedVersion: number): void {
    assertVersion(this.byId.get(id), expectedVersion, 'message');
  }

  replace(message: Message): void {
    const index = this.ordered.findIndex((m) => m.id === message.id);
    this.ordered[index] = message;
    this.byId.set(message.id, message);
  }
}
