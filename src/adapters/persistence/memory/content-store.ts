import type { Experience } from '../../../domain/experience/experience.js';
import type { Profile } from '../../../domain/profile/profile.js';
import type { Project } from '../../../domain/projects/project.js';
import type { Skill } from '../../../domain/skills/skill.js';

/** The owner's content as one document: what the file adapter keeps on disk. */
export interface ContentState {
  readonly profile: Profile | null;
  readonly projects: readonly Project[];
  readonly skills: readonly Skill[];
  readonly experience: readonly Experience[];
}

export type ContentChange<R> = (current: ContentState) => { readonly next: ContentState; readonly result: R };

/**
 * Holds the content in process. The repositories of the memory and file
 * adapters share it: the file store differs only in writing each change to
 * disk before it takes effect.
 */
export interface ContentStore {
  /** The current content. Never mutated: a change replaces it. */
  read(): ContentState;
  /**
   * Runs `change` on the current content, one change at a time, and resolves
   * once the result is stored. A change that throws stores nothing.
   */
  update<R>(change: ContentChange<R>): Promise<R>;
}

export const EMPTY_CONTENT: ContentState = { profile: null, projects: [], skills: [], experience: [] };
