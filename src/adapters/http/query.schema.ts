import * as v from 'valibot';
import { DELIVERY_STATUSES } from '../../domain/events/delivery.js';
import { MESSAGE_STATUSES } from '../../domain/messages/message.js';
import { PROJECT_SORTS, PROJECT_VISIBILITIES } from '../../domain/projects/project-query.js';
import { line, maxChars, STORABLE_TEXT } from '../schemas/fields.js';
import { tag } from '../schemas/project.schema.js';

/** A repeated parameter arrives as an array, which a single-valued one must not be. */
const once = <T extends v.GenericSchema<string, unknown>>(schema: T) => v.pipe(v.string('Must be given once'), schema);

const wholeNumber = (name: string, min: number, max: number) =>
  once(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,9}$/, `${name} must be a whole number from ${min} to ${max}`),
      v.transform(Number),
      v.minValue(min, `${name} must be a whole number from ${min} to ${max}`),
      v.maxValue(max, `${name} must be a whole number from ${min} to ${max}`),
    ),
  );

const MAX_PAGE = 1_000_000;
/** No project has more tags than this, so more filters could only match nothing. */
const MAX_TAG_FILTERS = 20;

export const paging = {
  page: v.optional(wholeNumber('page', 1, MAX_PAGE), '1'),
  limit: v.optional(wholeNumber('limit', 1, 100), '20'),
};

export const ProjectListQuerySchema = v.object({
  tag: v.pipe(
    v.optional(
      v.union(
        [tag, v.pipe(v.array(tag), v.maxLength(MAX_TAG_FILTERS, `Must be given at most ${MAX_TAG_FILTERS} times`))],
        `Must be a tag of 1 to 30 characters, given at most ${MAX_TAG_FILTERS} times`,
      ),
      [],
    ),
    v.transform((tags) => [...new Set(Array.isArray(tags) ? tags : [tags])]),
  ),
  tech: v.optional(once(line(1, 40))),
  featured: v.optional(
    once(
      v.pipe(
        v.string(),
        v.picklist(['true', 'false'], 'Must be true or false'),
        v.transform((s) => s === 'true'),
      ),
    ),
  ),
  q: v.optional(once(v.pipe(v.string(), STORABLE_TEXT, maxChars(200)))),
  sort: v.optional(once(v.picklist(PROJECT_SORTS, `Must be one of ${PROJECT_SORTS.join(', ')}`)), '-startedAt'),
  status: v.optional(once(v.picklist(PROJECT_VISIBILITIES, 'Must be published, draft or all')), 'published'),
  ...paging,
});

export const MessageListQuerySchema = v.object({
  status: v.optional(once(v.picklist(MESSAGE_STATUSES, 'Must be new, read or archived'))),
  ...paging,
});

export const DeliveryListQuerySchema = v.object({
  status: v.optional(once(v.picklist(DELIVERY_STATUSES, 'Must be pending, delivered or failed'))),
  ...paging,
});

export const SkillListQuerySchema = v.object({
  category: v.optional(once(line(1, 60))),
});
