import { EMPTY_CONTENT, type Content } from '../../../domain/storage/content.js';
import type { ContentChange, ContentStore } from './content-store.js';
import { SerialQueue } from './serial-queue.js';

export class MemoryContentStore implements ContentStore {
  private state: Content;
  private readonly queue = new SerialQueue();

  constructor(initial: Content = EMPTY_CONTENT) {
    this.state = initial;
  }

  read(): Content {
    return this.state;
  }

  update<R>(change: ContentChange<R>): Promise<R> {
    return this.queue.run(() => {
      const { next, result } = change(this.state);
      this.state = next;
      return result;
    });
  }
}
