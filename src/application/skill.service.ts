import { NotFoundError } from '../domain/shared/errors.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import type { Precondition } from '../domain/shared/precondition.js';
import { groupSkills, type Skill, type SkillGroup, type SkillInput } from '../domain/skills/skill.js';
import type { SkillRepository } from '../domain/skills/skill.repository.js';
import { ConditionalWriter } from './conditional-write.js';
import type { ContentEvents } from './content-events.js';
import { withoutUndefined } from './without-undefined.js';

export class SkillService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly skills: SkillRepository,
    private readonly ids: IdGenerator,
    private readonly events: ContentEvents,
  ) {}

  async listGrouped(category?: string): Promise<SkillGroup[]> {
    const groups = groupSkills(await this.skills.listAll());
    return category === undefined ? groups : groups.filter((group) => group.category === category);
  }

  async get(id: string): Promise<Skill> {
    const skill = await this.skills.findById(id);
    if (!skill) throw new NotFoundError('Skill', id);
    return skill;
  }

  async create(input: SkillInput): Promise<Skill> {
    const skill: Skill = { ...withoutUndefined(input), id: this.ids.next(), version: 1 };
    await this.skills.create(skill, this.events.of({ resource: 'skill', action: 'created', id: skill.id }));
    this.events.stored();
    return skill;
  }

  replace(id: string, input: SkillInput, precondition?: Precondition<Skill>): Promise<Skill> {
    return this.modify(id, precondition, () => input);
  }

  patch(id: string, patch: Partial<SkillInput>, precondition?: Precondition<Skill>): Promise<Skill> {
    return this.modify(id, precondition, (current) => ({ ...current, ...patch }));
  }

  async delete(id: string, precondition?: Precondition<Skill>): Promise<void> {
    await this.writes.write({
      resource: 'skill',
      key: id,
      load: () => this.get(id),
      write: (current, version) =>
        this.skills.delete(current.id, version, this.events.of({ resource: 'skill', action: 'deleted', id })),
      precondition,
    });
    this.events.stored();
  }

  private async modify(
    id: string,
    precondition: Precondition<Skill> | undefined,
    change: (current: Skill) => SkillInput,
  ): Promise<Skill> {
    const skill = await this.writes.write({
      resource: 'skill',
      key: id,
      load: () => this.get(id),
      precondition,
      write: async (current, version) => {
        const { name, category, level, years } = change(current);
        const next: Skill = { ...withoutUndefined({ name, category, level, years }), id, version: version + 1 };
        await this.skills.update(next, version, this.events.of({ resource: 'skill', action: 'updated', id }));
        return next;
      },
    });
    this.events.stored();
    return skill;
  }
}
