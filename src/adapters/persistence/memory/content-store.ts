import type { Content } from '../../../domain/storage/content.js';

export type ContentChange<R> = (current: Content) => { readonly next: Content; readonly result: R };

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
   * once the result is stored. A change that throws stores nothing.
   */
  update<R>(change: ContentChange<R>): Promise<R>;
}
