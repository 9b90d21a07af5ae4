import type { DomainEvent } from '../../../domain/events/event.js';
import { StaleWriteError } from '../../../domain/shared/errors.js';
import type { Profile } from '../../../domain/profile/profile.js';
import type { ProfileRepository } from '../../../domain/profile/profile.repository.js';
import type { ContentStore } from './content-store.js';

export class MemoryProfileRepository implements ProfileRepository {
  constructor(private readonly store: ContentStore) {}

  async get(): Promise<Profile | null> {
    return this.store.read().profile;
  }

  save(profile: Profile, expectedVersion: number | null, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      if ((state.profile?.version ?? null) !== expectedVersion) throw new StaleWriteError('profile');
      return { next: { ...state, profile }, result: undefined };
    }, events);
  }
}
