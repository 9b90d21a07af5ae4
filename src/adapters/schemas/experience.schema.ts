import * as v from 'valibot';
import { calendarDate, id, line, list, version } from './fields.js';
import { techName } from './project.schema.js';

const writable = {
  company: line(1, 120),
  role: line(1, 120),
  location: v.optional(line(0, 100)),
  startDate: calendarDate,
  endDate: v.optional(v.nullable(calendarDate)),
  highlights: v.optional(list(line(1, 300), 20)),
  tech: v.optional(list(techName, 30)),
};

export const ExperienceInputSchema = v.strictObject(writable, 'Unknown field');
export const ExperiencePatchSchema = v.strictObject(
  {
    ...writable,
    company: v.optional(writable.company),
    role: v.optional(writable.role),
    startDate: v.optional(writable.startDate),
  },
  'Unknown field',
);
export const EXPERIENCE_READ_ONLY = ['id'] as const;
export const StoredExperienceSchema = v.strictObject(
  {
    id,
    ...writable,
    endDate: v.optional(v.nullable(calendarDate), null),
    highlights: v.optional(list(line(1, 300), 20), []),
    tech: v.optional(list(techName, 30), []),
    version,
  },
  'Unknown field',
);
