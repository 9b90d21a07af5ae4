import type { DomainEvent } from '../../../domain/events/event.js';
import type { Profile } from '../../../domain/profile/profile.js';
import type { ProfileRepository } from '../../../domain/profile/profile.repository.js';
import { StaleWriteError } from '../../../domain/shared/errors.js';
import { StoredProfileSchema } from '../../schemas/profile.schema.js';
import { writeWithEvents } from './events.sql.js';
import type { PostgresDatabase } from './postgres-database.js';
import { isoTimestamp, toEntity } from './stored-row.js';

const COLUMNS = `name, headline, bio, location, email, avatar_url AS "avatarUrl", links,
  available_for_work AS "availableForWork", ${isoTimestamp('updated_at')} AS "updatedAt", version`;

const valuesOf = (p: Profile): unknown[] => [
  p.name,
  p.headline,
  p.bio,
  p.location ?? null,
  p.email ?? null,
  p.avatarUrl ?? null,
  JSON.stringify(p.links),
  p.availableForWork,
  p.updatedAt,
  p.version,
];

/** The table holds at most one row (its key can only be `true`). */
export class PostgresProfileRepository implements ProfileRepository {
  constructor(private readonly db: PostgresDatabase) {}

  async get(): Promise<Profile | null> {
    const { rows } = await this.db.query(`SELECT ${COLUMNS} FROM profile`);
    return rows[0] ? toEntity(StoredProfileSchema, rows[0], 'profile', ['location', 'email', 'avatarUrl']) : null;
  }

  /** `null`: an INSERT that does nothing when a profile exists; otherwise an UPDATE on the version read. */
  save(profile: Profile, expectedVersion: number | null, events: readonly DomainEvent[] = []): Promise<void> {
    return writeWithEvents(this.db, events, async (run) => {
      const { rowCount } =
        expectedVersion === null
          ? await run(
              `INSERT INTO profile (name, headline, bio, location, email, avatar_url, links, available_for_work, updated_at, version)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
              valuesOf(profile),
            )
          : await run(
              `UPDATE profile SET name = $1, headline = $2, bio = $3, location = $4, email = $5, avatar_url = $6, links = $7,
               available_for_work = $8, updated_at = $9, version = $10 WHERE version = $11`,
              [...valuesOf(profile), expectedVersion],
            );
      if (rowCount === 0) throw new StaleWriteError('profile');
    });
  }
}
