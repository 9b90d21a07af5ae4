import type { DomainEvent } from '../../../domain/events/event.js';
import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import type { ContentChange, ContentStore, RecordEvents } from './content-store.js';
import { SerialQueue } from './serial-queue.js';

export class MemoryContentStore implements ContentStore {
  private state: Content;
  private readonly queue = new SerialQueue();

  constructor(
    initial: Content = EMPTY_CONTENT,
    private readonly record: RecordEvents = () => {},
  ) {
    this.state = initial;
  }

  read(): Content {
    return this.state;
  }

  /** The change and its events take effect in one synchronous step. */
  update<R>(change: ContentChange<R>, events: readonly DomainEvent[] = []): Promise<R> {
    return this.queue.run(() => {
      const { next, result } = change(this.state);
      this.state = next;
      if (events.length > 0) this.record(events);
      return result;
    });
  }
}
