import { searchTerms, type ProjectCriteria, type ProjectSort } from '../../../domain/projects/project-query.js';

/**
 * ProjectCriteria and ProjectSort in SQL, with the semantics of projectMatcher
 * and projectComparator. Values go into `values`; the text holds placeholders.
 */

/** What a `q` term is looked for in, lower-cased like JavaScript's toLowerCase (see migration 0001). */
const HAYSTACK = `lower(concat_ws(E'\\n', title, summary, description, array_to_string(tags, E'\\n')) COLLATE portfolio_case)`;

export function projectFilter(criteria: ProjectCriteria, values: unknown[]): string {
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  if (criteria.status !== 'all') conditions.push(`status = ${param(criteria.status)}`);
  if (criteria.featured !== undefined) conditions.push(`featured = ${param(criteria.featured)}`);
  if (criteria.tags.length > 0) conditions.push(`tags @> ${param([...criteria.tags])}::text[]`);
  if (criteria.tech !== undefined) {
    conditions.push(
      `EXISTS (SELECT FROM unnest(tech) AS t WHERE lower(t COLLATE portfolio_case) = ${param(criteria.tech.toLowerCase())})`,
    );
  }
  const terms = searchTerms(criteria.q);
  if (terms.length > 0) {
    conditions.push(
      `NOT EXISTS (SELECT FROM unnest(${param(terms)}::text[]) AS term WHERE strpos(${HAYSTACK}, term) = 0)`,
    );
  }
  return conditions.length > 0 ? conditions.join(' AND ') : 'true';
}

/**
 * Titles compare case- and accent-insensitively like `localeCompare(…, 'en',
 * { sensitivity: 'base' })`; slugs are "C", so ties go by slug ascending in
 * either direction, as in JavaScript.
 */
export function projectOrder(sort: ProjectSort): string {
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const field = sort.replace(/^-/, '');
  const key =
    field === 'title'
      ? 'lower(title COLLATE portfolio_case) COLLATE portfolio_title'
      : field === 'startedAt'
        ? 'started_at'
        : 'updated_at';
  return `${key} ${direction}, slug ASC`;
}
