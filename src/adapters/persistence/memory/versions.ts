import { StaleWriteError } from '../../../domain/shared/errors.js';
import type { Versioned } from '../../../domain/shared/versioned.js';

/** The stored entity must still exist at the version the writer read. */
export function assertVersion<T extends Versioned>(
  stored: T | undefined,
  expectedVersion: number,
  resource: string,
): T {
  if (!stored || stored.version !== expectedVersion) throw new StaleWriteError(resource);
  return stored;
}

export function replaceById<T extends { id: string }>(items: readonly T[], next: T): T[] {
  return items.map((item) => (item.id === next.id ? next : item));
}

export function removeById<T extends { id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((item) => item.id !== id);
}
