import type { Project } from './project.js';

export const PROJECT_SORTS = ['-startedAt', 'startedAt', 'title', '-title', '-updatedAt', 'updatedAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const PROJECT_VISIBILITIES = ['published', 'draft', 'all'] as const;
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];

export interface ProjectCriteria {
  readonly status: ProjectVisibility;
  /** Every one of these tags (already normalised) must be present. */
  readonly tags: readonly string[];
  /** A technology, compared case-insensitively. */
  readonly tech?: string;
  readonly featured?: boolean;
  /** Whitespace-separated terms; each must occur (case-insensitively) in the title, summary, description or a tag. */
  readonly q?: string;
}

export interface ProjectListQuery extends ProjectCriteria {
  readonly sort: ProjectSort;
  readonly offset: number;
  /** Absent: every match from `offset` on. */
  readonly limit?: number;
}

export function searchTerms(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The reference semantics of ProjectCriteria, for adapters that filter in-process. */
export function projectMatcher(criteria: ProjectCriteria): (project: Project) => boolean {
  const tech = criteria.tech?.toLowerCase();
  const terms = searchTerms(criteria.q);
  return (project) => {
    if (criteria.status !== 'all' && project.status !== criteria.status) return false;
    if (criteria.featured !== undefined && project.featured !== criteria.featured) return false;
    if (!criteria.tags.every((tag) => project.tags.includes(tag))) return false;
    if (tech !== undefined && !project.tech.some((t) => t.toLowerCase() === tech)) return false;
    if (terms.length > 0) {
      const haystack = [project.title, project.summary, project.description, ...project.tags].join('\n').toLowerCase();
      if (!terms.every((term) => haystack.includes(term))) return false;
    }
    return true;
  };
}

const bySlug = (a: Project, b: Project): number => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base' });
}

/** Ties are broken by slug ascending whatever the direction, so paging is stable. */
export function projectComparator(sort: ProjectSort): (a: Project, b: Project) => number {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as 'startedAt' | 'title' | 'updatedAt';
  const direction = descending ? -1 : 1;
  const compare = field === 'title' ? compareText : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return (a, b) => direction * compare(a[field], b[field]) || bySlug(a, b);
}
