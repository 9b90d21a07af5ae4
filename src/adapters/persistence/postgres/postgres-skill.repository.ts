import type { DomainEvent } from '../../../domain/events/event.js';
import { SkillNameTakenError, StaleWriteError } from '../../../domain/shared/errors.js';
import type { Skill } from '../../../domain/skills/skill.js';
import type { SkillRepository } from '../../../domain/skills/skill.repository.js';
import { StoredSkillSchema } from '../../schemas/skill.schema.js';
import { writeWithEvents } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isUniqueViolation } from './postgres-errors.js';
import { toEntity } from './stored-row.js';

const COLUMNS = 'id, name, category, level, years, version';
/** The unique index on (category, lower(name)): see migration 0002. */
const NAME_KEY = 'skills_category_name_key';

const toSkill = (row: Record<string, unknown>): Skill => toEntity(StoredSkillSchema, row, 'skill', ['years']);

export class PostgresSkillRepository implements SkillRepository {
  constructor(private readonly db: PostgresDatabase) {}

  async listAll(): Promise<Skill[]> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM skills ORDER BY seq`);
    return rows.map(toSkill);
  }

  async findById(id: string): Promise<Skill | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM skills WHERE id = $1`, [id]);
    return rows[0] ? toSkill(rows[0]) : null;
  }

  async create(skill: Skill, events: readonly DomainEvent[] = []): Promise<void> {
    await this.write(
      skill,
      'INSERT INTO skills (id, name, category, level, years, version) VALUES ($1, $2, $3, $4, $5, $6)',
      [],
      events,
    );
  }

  async update(skill: Skill, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    await this.write(
      skill,
      'UPDATE skills SET name = $2, category = $3, level = $4, years = $5, version = $6 WHERE id = $1 AND version = $7',
      [expectedVersion],
      events,
    );
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      const { rowCount } = await run('DELETE FROM skills WHERE id = $1 AND version = $2', [id, expectedVersion]);
      if (rowCount === 0) throw new StaleWriteError('skill');
    });
  }

  /** An INSERT, or an UPDATE on the version read (`extra`), which must change a row. */
  private write(skill: Skill, sql: string, extra: unknown[], events: readonly DomainEvent[]): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      let rowCount: number | null;
      try {
        const values = [
          skill.id,
          skill.name,
          skill.category,
          skill.level,
          skill.years ?? null,
          skill.version,
          ...extra,
        ];
        ({ rowCount } = await run(sql, values));
      } catch (error) {
        throw isUniqueViolation(error, NAME_KEY) ? new SkillNameTakenError(skill.name, skill.category) : error;
      }
      if (rowCount === 0) throw new StaleWriteError('skill');
    });
  }
}
