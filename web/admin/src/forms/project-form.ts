import type { Project, ProjectInput } from '../api/resources.js';
import { commaList, optional } from './lists.js';

export interface ProjectValues {
  readonly title: string;
  readonly slug: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: string;
  readonly tech: string;
  readonly repo: string;
  readonly live: string;
  readonly caseStudy: string;
  readonly featured: boolean;
  readonly status: Project['status'];
  readonly startedAt: string;
  readonly endedAt: string;
}

/** Each input's field path in the API, where its validation messages point. */
export const PROJECT_FIELDS: Readonly<Record<keyof ProjectValues, string>> = {
  title: 'title',
  slug: 'slug',
  summary: 'summary',
  description: 'description',
  tags: 'tags',
  tech: 'tech',
  repo: 'links.repo',
  live: 'links.live',
  caseStudy: 'links.caseStudy',
  featured: 'featured',
  status: 'status',
  startedAt: 'startedAt',
  endedAt: 'endedAt',
};

export const EMPTY_PROJECT: ProjectValues = {
  title: '',
  slug: '',
  summary: '',
  description: '',
  tags: '',
  tech: '',
  repo: '',
  live: '',
  caseStudy: '',
  featured: false,
  status: 'draft',
  startedAt: '',
  endedAt: '',
};

export function projectValues(project: Project): ProjectValues {
  return {
    title: project.title,
    slug: project.slug,
    summary: project.summary,
    description: project.description,
    tags: project.tags.join(', '),
    tech: project.tech.join(', '),
    repo: project.links.repo ?? '',
    live: project.links.live ?? '',
    caseStudy: project.links.caseStudy ?? '',
    featured: project.featured,
    status: project.status,
    startedAt: project.startedAt,
    endedAt: project.endedAt ?? '',
  };
}

/**
 * The body of a create or a replace (`PUT`): every field, so that what the
 * form shows is what is stored. A blank slug is left out (the service
 * derives one on create and keeps the current one on replace); a blank end
 * date means the project is ongoing.
 */
export function projectBody(values: ProjectValues): ProjectInput {
  const links = { repo: optional(values.repo), live: optional(values.live), caseStudy: optional(values.caseStudy) };
  return {
    ...(optional(values.slug) === undefined ? {} : { slug: values.slug.trim() }),
    title: values.title,
    summary: values.summary,
    description: values.description,
    tags: commaList(values.tags),
    tech: commaList(values.tech),
    links: Object.fromEntries(Object.entries(links).filter(([, url]) => url !== undefined)),
    featured: values.featured,
    status: values.status,
    startedAt: values.startedAt,
    endedAt: optional(values.endedAt) ?? null,
  };
}
