import { endNotBeforeStart } from '../shared/dates.js';
import { RuleViolationError } from '../shared/errors.js';
import type { Versioned } from '../shared/versioned.js';

export const PROJECT_STATUSES = ['draft', 'published'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export interface ProjectLinks {
  readonly repo?: string;
  readonly live?: string;
  readonly caseStudy?: string;
}

/** What a client may set on a project; the service fills in what it may omit. */
export interface ProjectInput {
  readonly slug?: string;
  readonly title: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly tech?: readonly string[];
  readonly links?: ProjectLinks;
  readonly featured?: boolean;
  readonly status?: ProjectStatus;
  readonly startedAt: string;
  readonly endedAt?: string | null;
}

export type ProjectPatch = Partial<ProjectInput>;

export interface Project extends Versioned {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly tech: readonly string[];
  readonly links: ProjectLinks;
  readonly featured: boolean;
  readonly status: ProjectStatus;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const SLUG_MAX_LENGTH = 80;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Letters that Unicode does not decompose into a base letter plus accents. */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
};

/** Lower-case ASCII words joined by single hyphens; accents are folded, everything else separates words. */
export function slugify(title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[ßæœøłđðþ]/g, (letter) => TRANSLITERATIONS[letter]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX_LENGTH) break;
    slug = next;
  }
  return slug || (words[0] ?? 'project').slice(0, SLUG_MAX_LENGTH);
}

/** `base`, or `base-2`, `base-3`… — the first one `isTaken` refuses, kept within the length limit. */
export function firstFreeSlug(base: string, isTaken: (slug: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** Trimmed, lower-cased, de-duplicated, in first-occurrence order. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
}

export function assertProjectRules(project: Pick<Project, 'startedAt' | 'endedAt'>): void {
  const issues = endNotBeforeStart(project.startedAt, project.endedAt, 'endedAt', 'startedAt');
  if (issues.length > 0) throw new RuleViolationError(issues);
}
