import { EMPTY_CONTENT, type ContentChange, type ContentState, type ContentStore } from './content-store.js';
import { SerialQueue } from './serial-queue.js';

export class MemoryContentStore implements ContentStore {
  private state: ContentState;
  private readonly queue = new SerialQueue();

  constructor(initial: ContentState = EMPTY_CONTENT) {
    this.state = initial;
  }

  read(): ContentState {
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
