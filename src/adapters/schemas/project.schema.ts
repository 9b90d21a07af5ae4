import * as v from 'valibot';
import { PROJECT_STATUSES, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../domain/projects/project.js';
import {
  calendarDate,
  flag,
  httpsUrl,
  id,
  line,
  list,
  maxChars,
  minChars,
  prose,
  STORABLE_TEXT,
  timestamp,
  version,
} from './fields.js';

export const slug = v.pipe(
  v.string('Must be a string'),
  v.minLength(1, 'Must not be empty'),
  v.maxLength(SLUG_MAX_LENGTH, `Must be at most ${SLUG_MAX_LENGTH} characters`),
  v.regex(SLUG_PATTERN, 'Must be lowercase a-z, 0-9 and single hyphens'),
);

export const tag = v.pipe(
  v.string('Must be a string'),
  v.trim(),
  v.toLowerCase(),
  STORABLE_TEXT,
  minChars(1),
  maxChars(30),
);

export const techName = line(1, 40);

const links = v.strictObject(
  { repo: v.optional(httpsUrl), live: v.optional(httpsUrl), caseStudy: v.optional(httpsUrl) },
  'Unknown field',
);

const writable = {
  slug: v.optional(slug),
  title: line(1, 120),
  summary: line(1, 300),
  description: v.optional(prose(20000)),
  tags: v.optional(list(tag, 20)),
  tech: v.optional(list(techName, 30)),
  links: v.optional(links),
  featured: v.optional(flag),
  status: v.optional(v.picklist(PROJECT_STATUSES, 'Must be draft or published')),
  startedAt: calendarDate,
  endedAt: v.optional(v.nullable(calendarDate)),
};

/** POST and PUT: defaults are filled in by the service, so that PUT can keep the current slug. */
export const ProjectInputSchema = v.strictObject(writable, 'Unknown field');
export const ProjectPatchSchema = v.strictObject(
  {
    ...writable,
    title: v.optional(writable.title),
    summary: v.optional(writable.summary),
    startedAt: v.optional(writable.startedAt),
  },
  'Unknown field',
);
export const PROJECT_READ_ONLY = ['id', 'createdAt', 'updatedAt'] as const;

export const StoredProjectSchema = v.strictObject(
  {
    id,
    slug,
    title: writable.title,
    summary: writable.summary,
    description: v.optional(prose(20000), ''),
    tags: v.optional(list(tag, 20), []),
    tech: v.optional(list(techName, 30), []),
    links: v.optional(links, {}),
    featured: v.optional(flag, false),
    status: v.optional(v.picklist(PROJECT_STATUSES, 'Must be draft or published'), 'draft'),
    startedAt: calendarDate,
    endedAt: v.optional(v.nullable(calendarDate), null),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  },
  'Unknown field',
);
