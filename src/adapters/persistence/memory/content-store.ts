import type { DomainEvent } from '../../../domain/events/event.js';
import type { Content } from '../../../domain/storage/content.js';

export type ContentChange<R> = (current: Content) => { readonly next: Content; readonly result: R };

/** Records events in the outbox held in process, at once. */
export type RecordEvents = (events: readonly DomainEvent[]) => void;

/**
 * Holds the content in process. The repositories of the memory and file
 * adapters share it: the file store differs only in writing each change to
 * disk before it takes effect.
 */
export interface ContentStore {
  /** The current content. Never mutated: a change replaces it. */
  read(): Content;
  /**
   * Runs `change` on the current content, one change at a time, and resolves
   * once the result is stored with `events`, in the same write. A change that
   * throws, or whose write fails, stores neither.
   */
  update<R>(change: ContentChange<R>, events?: readonly DomainEvent[]): Promise<R>;
}
