import { NotFoundError } from '../domain/shared/errors.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import type { Precondition } from '../domain/shared/precondition.js';
import {
  assertExperienceRules,
  orderExperience,
  type Experience,
  type ExperienceInput,
} from '../domain/experience/experience.js';
import type { ExperienceRepository } from '../domain/experience/experience.repository.js';
import { ConditionalWriter } from './conditional-write.js';
import type { ContentEvents } from './content-events.js';
import { withoutUndefined } from './without-undefined.js';

export class ExperienceService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly experience: ExperienceRepository,
    private readonly ids: IdGenerator,
    private readonly events: ContentEvents,
  ) {}

  async list(): Promise<Experience[]> {
    return orderExperience(await this.experience.listAll());
  }

  async get(id: string): Promise<Experience> {
    const role = await this.experience.findById(id);
    if (!role) throw new NotFoundError('Experience', id);
    return role;
  }

  async create(input: ExperienceInput): Promise<Experience> {
    const role = build(this.ids.next(), 1, input);
    await this.experience.create(role, this.events.of({ resource: 'experience', action: 'created', id: role.id }));
    this.events.stored();
    return role;
  }

  replace(id: string, input: ExperienceInput, precondition?: Precondition<Experience>): Promise<Experience> {
    return this.modify(id, precondition, () => input);
  }

  patch(id: string, patch: Partial<ExperienceInput>, precondition?: Precondition<Experience>): Promise<Experience> {
    return this.modify(id, precondition, (current) => ({ ...current, ...patch }));
  }

  async delete(id: string, precondition?: Precondition<Experience>): Promise<void> {
    await this.writes.write({
      resource: 'experience',
      key: id,
      load: () => this.get(id),
      write: (current, version) =>
        this.experience.delete(current.id, version, this.events.of({ resource: 'experience', action: 'deleted', id })),
      precondition,
    });
    this.events.stored();
  }

  private async modify(
    id: string,
    precondition: Precondition<Experience> | undefined,
    change: (current: Experience) => ExperienceInput,
  ): Promise<Experience> {
    const role = await this.writes.write({
      resource: 'experience',
      key: id,
      load: () => this.get(id),
      precondition,
      write: async (current, version) => {
        const next = build(id, version + 1, change(current));
        await this.experience.update(next, version, this.events.of({ resource: 'experience', action: 'updated', id }));
        return next;
      },
    });
    this.events.stored();
    return role;
  }
}

function build(id: string, version: number, input: ExperienceInput): Experience {
  const role: Experience = withoutUndefined({
    id,
    company: input.company,
    role: input.role,
    location: input.location,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    highlights: [...(input.highlights ?? [])],
    tech: [...(input.tech ?? [])],
    version,
  });
  assertExperienceRules(role);
  return role;
}
