import type { DomainEvent } from '../../../domain/events/event.js';
import type { Experience } from '../../../domain/experience/experience.js';
import type { ExperienceRepository } from '../../../domain/experience/experience.repository.js';
import { StaleWriteError } from '../../../domain/shared/errors.js';
import { StoredExperienceSchema } from '../../schemas/experience.schema.js';
import { writeWithEvents } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isoDate, toEntity } from './stored-row.js';

const COLUMNS = `id, company, role, location, ${isoDate('start_date')} AS "startDate", ${isoDate('end_date')} AS "endDate",
  highlights, tech, version`;

const valuesOf = (e: Experience): unknown[] => [
  e.id,
  e.company,
  e.role,
  e.location ?? null,
  e.startDate,
  e.endDate,
  [...e.highlights],
  [...e.tech],
  e.version,
];

const toExperience = (row: Record<string, unknown>): Experience =>
  toEntity(StoredExperienceSchema, row, 'experience', ['location']);

export class PostgresExperienceRepository implements ExperienceRepository {
  constructor(private readonly db: PostgresDatabase) {}

  async listAll(): Promise<Experience[]> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM experience ORDER BY seq`);
    return rows.map(toExperience);
  }

  async findById(id: string): Promise<Experience | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM experience WHERE id = $1`, [id]);
    return rows[0] ? toExperience(rows[0]) : null;
  }

  create(experience: Experience, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      await run(
        `INSERT INTO experience (id, company, role, location, start_date, end_date, highlights, tech, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        valuesOf(experience),
      );
    });
  }

  update(experience: Experience, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      const { rowCount } = await run(
        `UPDATE experience SET company = $2, role = $3, location = $4, start_date = $5, end_date = $6,
         highlights = $7, tech = $8, version = $9 WHERE id = $1 AND version = $10`,
        [...valuesOf(experience), expectedVersion],
      );
      if (rowCount === 0) throw new StaleWriteError('experience');
    });
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      const { rowCount } = await run('DELETE FROM experience WHERE id = $1 AND version = $2', [id, expectedVersion]);
      if (rowCount === 0) throw new StaleWriteError('experience');
    });
  }
}
