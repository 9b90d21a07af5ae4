import { NotFoundError, StaleWriteError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Profile, ProfileInput } from '../domain/profile/profile.js';
import type { ProfileRepository } from '../domain/profile/profile.repository.js';
import { withoutUndefined } from './without-undefined.js';

export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<Profile> {
    const profile = await this.profiles.get();
    if (!profile) throw new NotFoundError('Profile', 'profile');
    return profile;
  }

  /** PUT creates the profile when there is none yet; a precondition needs one to exist. */
  async replace(input: ProfileInput, precondition?: Precondition<Profile>): Promise<Profile> {
    const current = await this.profiles.get();
    if (precondition && (!current || !precondition(current))) throw new StaleWriteError('profile');
    const profile: Profile = {
      ...withoutUndefined(input),
      links: { ...input.links },
      updatedAt: this.clock.now().toISOString(),
      version: (current?.version ?? 0) + 1,
    };
    await this.profiles.save(profile, current?.version ?? null);
    return profile;
  }
}
