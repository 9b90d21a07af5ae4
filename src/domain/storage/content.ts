import type { Experience } from '../experience/experience.js';
import type { Profile } from '../profile/profile.js';
import type { Project } from '../projects/project.js';
import type { Skill } from '../skills/skill.js';

/**
 * The whole of the owner's content, the inbox aside: what the file adapter
 * keeps as one document, what the memory adapter holds, what the sample
 * portfolio is and what a storage copy moves.
 */
export interface Content {
  readonly profile: Profile | null;
  readonly projects: readonly Project[];
  readonly skills: readonly Skill[];
  readonly experience: readonly Experience[];
}

export const EMPTY_CONTENT: Content = { profile: null, projects: [], skills: [], experience: [] };
