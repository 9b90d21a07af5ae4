import { endNotBeforeStart } from '../shared/dates.js';
import { RuleViolationError } from '../shared/errors.js';
import type { Versioned } from '../shared/versioned.js';

export interface ExperienceInput {
  readonly company: string;
  readonly role: string;
  readonly location?: string;
  readonly startDate: string;
  readonly endDate?: string | null;
  readonly highlights?: readonly string[];
  readonly tech?: readonly string[];
}

export interface Experience extends Versioned {
  readonly id: string;
  readonly company: string;
  readonly role: string;
  readonly location?: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly highlights: readonly string[];
  readonly tech: readonly string[];
}

export function assertExperienceRules(experience: Pick<Experience, 'startDate' | 'endDate'>): void {
  const issues = endNotBeforeStart(experience.startDate, experience.endDate, 'endDate', 'startDate');
  if (issues.length > 0) throw new RuleViolationError(issues);
}

/** Current roles (no end date) first, then by start date descending; ties by company, then id, for a stable order. */
export function orderExperience(roles: readonly Experience[]): Experience[] {
  return [...roles].sort(
    (a, b) =>
      Number(a.endDate !== null) - Number(b.endDate !== null) ||
      (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0) ||
      a.company.localeCompare(b.company, 'en') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
