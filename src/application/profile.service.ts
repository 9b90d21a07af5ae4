import { NotFoundError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Profile, ProfileInput } from '../domain/profile/profile.js';
import type { ProfileRepository } from '../domain/profile/profile.repository.js';
import { ConditionalWriter } from './conditional-write.js';
import { withoutUndefined } from './without-undefined.js';

export class ProfileService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<Profile> {
    const profile = await this.profiles.get();
    if (!profile) throw new NotFoundError('Profile', 'profile', 'No profile has been set yet');
    return profile;
  }

  /** PUT creates the profile when there is none yet; a precondition needs one to exist. */
  replace(input: ProfileInput, precondition?: Precondition<Profile>): Promise<Profile> {
    return this.writes.write({
      resource: 'profile',
      key: 'profile',
      // Version 0 stands for "no profile yet", so that creating one races like any other write.
      load: async () => {
        const current = await this.profiles.get();
        return { current, version: current?.version ?? 0 };
      },
      precondition: precondition && (({ current }) => current !== null && precondition(current)),
      write: async ({ current }) => {
        const profile: Profile = {
          ...withoutUndefined(input),
          links: { ...input.links },
          updatedAt: this.clock.now().toISOString(),
          version: (current?.version ?? 0) + 1,
        };
        await this.profiles.save(profile, current?.version ?? null);
        return profile;
      },
    });
  }
}
