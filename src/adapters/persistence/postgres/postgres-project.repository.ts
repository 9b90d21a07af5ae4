import type { DomainEvent } from '../../../domain/events/event.js';
import { SlugTakenError, StaleWriteError } from '../../../domain/shared/errors.js';
import type { Slice } from '../../../domain/shared/page.js';
import type { Project } from '../../../domain/projects/project.js';
import type { ProjectListQuery } from '../../../domain/projects/project-query.js';
import type { ProjectRepository, TagCount } from '../../../domain/projects/project.repository.js';
import { StoredProjectSchema } from '../../schemas/project.schema.js';
import { writeWithEvents } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isUniqueViolation } from './postgres-errors.js';
import { projectFilter, projectOrder } from './project-list.sql.js';
import { isoDate, isoTimestamp, toEntity } from './stored-row.js';

const COLUMNS = `id, slug, title, summary, description, tags, tech, links, featured, status,
  ${isoDate('started_at')} AS "startedAt", ${isoDate('ended_at')} AS "endedAt",
  ${isoTimestamp('created_at')} AS "createdAt", ${isoTimestamp('updated_at')} AS "updatedAt", version`;

/** In the order of the columns in INSERT and of $1…$15 in UPDATE. */
function valuesOf(p: Project): unknown[] {
  return [
    p.id,
    p.slug,
    p.title,
    p.summary,
    p.description,
    [...p.tags],
    [...p.tech],
    JSON.stringify(p.links),
    p.featured,
    p.status,
    p.startedAt,
    p.endedAt,
    p.createdAt,
    p.updatedAt,
    p.version,
  ];
}

const INSERT = `INSERT INTO projects (id, slug, title, summary, description, tags, tech, links, featured, status,
  started_at, ended_at, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

const UPDATE = `UPDATE projects SET slug = $2, title = $3, summary = $4, description = $5, tags = $6, tech = $7,
  links = $8, featured = $9, status = $10, started_at = $11, ended_at = $12, created_at = $13, updated_at = $14,
  version = $15 WHERE id = $1 AND version = $16`;

function toProject(row: Record<string, unknown>): Project {
  return toEntity(StoredProjectSchema, row, 'project');
}

export class PostgresProjectRepository implements ProjectRepository {
  constructor(private readonly db: PostgresDatabase) {}

  /**
   * One statement, so the page and the total come from the same snapshot;
   * the outer join keeps the total when the page is empty.
   */
  async list(query: ProjectListQuery): Promise<Slice<Project>> {
    const values: unknown[] = [];
    const where = projectFilter(query, values);
    values.push(query.offset, query.limit ?? null);
    const offset = `$${values.length - 1}`;
    const limit = `$${values.length}`;
    const { rows } = await this.db.query(
      `WITH matches AS (SELECT * FROM projects WHERE ${where}),
       page AS (
         SELECT ${COLUMNS}, row_number() OVER (ORDER BY ${projectOrder(query.sort)}) AS position
         FROM matches ORDER BY position OFFSET ${offset} LIMIT ${limit}
       )
       SELECT counted.total, page.* FROM (SELECT count(*)::int AS total FROM matches) AS counted
       LEFT JOIN page ON true ORDER BY page.position`,
      values,
    );
    const total = (rows[0]?.total as number | undefined) ?? 0;
    const items = rows
      .filter((row) => row.id !== null)
      .map(({ total: _total, position: _position, ...row }) => toProject(row));
    return { items, total };
  }

  async findBySlug(slug: string): Promise<Project | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM projects WHERE slug = $1`, [slug]);
    return rows[0] ? toProject(rows[0]) : null;
  }

  create(project: Project, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      try {
        await run(INSERT, valuesOf(project));
      } catch (error) {
        throw isUniqueViolation(error, 'projects_slug_key') ? new SlugTakenError(project.slug) : error;
      }
    });
  }

  update(project: Project, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      let rowCount: number | null;
      try {
        ({ rowCount } = await run(UPDATE, [...valuesOf(project), expectedVersion]));
      } catch (error) {
        throw isUniqueViolation(error, 'projects_slug_key') ? new SlugTakenError(project.slug) : error;
      }
      if (rowCount === 0) throw new StaleWriteError('project');
    });
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      const { rowCount } = await run('DELETE FROM projects WHERE id = $1 AND version = $2', [id, expectedVersion]);
      if (rowCount === 0) throw new StaleWriteError('project');
    });
  }

  async tagCounts(): Promise<TagCount[]> {
    const { rows } = await this.db.query<TagCount>(
      `SELECT tag, count(*)::int AS count FROM projects CROSS JOIN LATERAL unnest(tags) AS tag
       WHERE status = 'published' GROUP BY tag ORDER BY count DESC, tag COLLATE "C"`,
    );
    return rows.map(({ tag, count }) => ({ tag, count }));
  }
}
