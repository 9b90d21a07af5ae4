import type { Versioned } from '../../../domain/shared/versioned.js';
import type { Content } from '../../../domain/storage/content.js';

/**
 * Versions for content loaded from a hand edit. The owner rarely bumps
 * `version` by hand, yet clients hold ETags of what they read before the
 * edit: an entity whose content changed gets a version above the one served
 * so far, so that a write based on the old content fails as stale instead of
 * silently undoing the edit. Unchanged entities keep the version served.
 */
export function adoptVersions(previous: Content, loaded: Content): Content {
  return {
    profile: loaded.profile && adopt(previous.profile ?? undefined, loaded.profile),
    projects: adoptAll(previous.projects, loaded.projects),
    skills: adoptAll(previous.skills, loaded.skills),
    experience: adoptAll(previous.experience, loaded.experience),
  };
}

function adoptAll<T extends Versioned & { id: string }>(previous: readonly T[], loaded: readonly T[]): T[] {
  const byId = new Map(previous.map((item) => [item.id, item]));
  return loaded.map((item) => adopt(byId.get(item.id), item));
}

function adopt<T extends Versioned>(previous: T | undefined, loaded: T): T {
  if (!previous) return loaded;
  if (canonical(previous) === canonical(loaded))
    return previous.version === loaded.version ? loaded : { ...loaded, version: previous.version };
  return loaded.version > previous.version ? loaded : { ...loaded, version: previous.version + 1 };
}

/** The entity without its version, with keys sorted, so that key order and version do not count as a change. */
function canonical(entity: Versioned): string {
  const { version: _version, ...content } = entity;
  return JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}
