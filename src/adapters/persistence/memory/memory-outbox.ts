import { OutboxState, type OutboxChange } from './outbox-state.js';
import { StateOutbox } from './state-outbox.js';

/** The outbox in process: nothing survives a restart, as for the rest of the memory storage. */
export class MemoryOutbox extends StateOutbox {
  constructor(state = new OutboxState()) {
    super(state);
  }

  // Applied before the returned promise exists: nothing can come between reading the state and changing it.
  protected async commit(change: OutboxChange): Promise<void> {
    this.state.apply(change);
  }

  protected serially<T>(task: () => Promise<T>): Promise<T> {
    return task();
  }
}
