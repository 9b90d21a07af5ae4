import type { Experience, ExperienceInput } from '../api/resources.js';
import { commaList, lineList, optional } from './lists.js';

export interface ExperienceValues {
  readonly company: string;
  readonly role: string;
  readonly location: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly highlights: string;
  readonly tech: string;
}

export const EXPERIENCE_FIELDS: Readonly<Record<keyof ExperienceValues, string>> = {
  company: 'company',
  role: 'role',
  location: 'location',
  startDate: 'startDate',
  endDate: 'endDate',
  highlights: 'highlights',
  tech: 'tech',
};

export const EMPTY_EXPERIENCE: ExperienceValues = {
  company: '',
  role: '',
  location: '',
  startDate: '',
  endDate: '',
  highlights: '',
  tech: '',
};

export function experienceValues(role: Experience): ExperienceValues {
  return {
    company: role.company,
    role: role.role,
    location: role.location ?? '',
    startDate: role.startDate,
    endDate: role.endDate ?? '',
    highlights: role.highlights.join('\n'),
    tech: role.tech.join(', '),
  };
}

/** A blank end date is a current role; highlights are one per line. */
export function experienceBody(values: ExperienceValues): ExperienceInput {
  const location = optional(values.location);
  return {
    company: values.company,
    role: values.role,
    ...(location === undefined ? {} : { location }),
    startDate: values.startDate,
    endDate: optional(values.endDate) ?? null,
    highlights: lineList(values.highlights),
    tech: commaList(values.tech),
  };
}
