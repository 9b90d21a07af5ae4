import type { DomainEvent } from '../events/event.js';
import type { Profile } from './profile.js';

export interface ProfileRepository {
  get(): Promise<Profile | null>;
  /**
   * Stores the profile if the stored one still has `expectedVersion`
   * (`null`: there must be none yet); throws StaleWriteError otherwise.
   * Events as for ProjectRepository.
   */
  save(profile: Profile, expectedVersion: number | null, events?: readonly DomainEvent[]): Promise<void>;
}
