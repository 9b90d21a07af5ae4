import { NotFoundError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Precondition } from '../domain/shared/precondition.js';
import type { Profile, ProfileInput } from '../domain/profile/profile.js';
import type { ProfileRepository } from '../domain/profile/profile.repository.js';
import { PROFILE_ID } from '../domain/events/event.js';
import { ConditionalWriter } from './conditional-write.js';
import type { ContentEvents } from './content-events.js';
import { withoutUndefined } from './without-undefined.js';

export class ProfileService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
    private readonly events: ContentEvents,
  ) {}

  async get(): Promise<Profile> {
    const profile = await this.profiles.get();
    if (!profile) throw new NotFoundError('Profile', 'profile', 'No profile has been set yet');
    return profile;
  }

  /** PUT creates the profile when there is none yet; a precondition needs one to exist. */
  async replace(input: ProfileInput, precondition?: Precondition<Profile>): Promise<Profile> {
    const stored = await this.writes.write({
      resource: 'profile',
      key: PROFILE_ID,
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
        const action = current ? 'updated' : 'created';
        const events = this.events.of({ resource: 'profile', action, id: PROFILE_ID, at: profile.updatedAt });
        await this.profiles.save(profile, current?.version ?? null, events);
        return profile;
      },
    });
    this.events.stored();
    return stored;
  }
}
