import * as v from 'valibot';
import { id, line, version } from './fields.js';

const writable = {
  name: line(1, 60),
  category: line(1, 60),
  level: v.pipe(
    v.number('Must be a number'),
    v.integer('Must be an integer'),
    v.minValue(1, 'Must be between 1 and 5'),
    v.maxValue(5, 'Must be between 1 and 5'),
  ),
  years: v.optional(
    v.pipe(
      v.number('Must be a number'),
      v.minValue(0, 'Must be between 0 and 60'),
      v.maxValue(60, 'Must be between 0 and 60'),
    ),
  ),
};

export const SkillInputSchema = v.strictObject(writable, 'Unknown field');
export const SkillPatchSchema = v.strictObject(
  {
    name: v.optional(writable.name),
    category: v.optional(writable.category),
    level: v.optional(writable.level),
    years: writable.years,
  },
  'Unknown field',
);
export const SKILL_READ_ONLY = ['id'] as const;
export const StoredSkillSchema = v.strictObject({ id, ...writable, version }, 'Unknown field');
