import type { Skill, SkillInput } from '../api/resources.js';
import { optional } from './lists.js';

export interface SkillValues {
  readonly name: string;
  readonly category: string;
  readonly level: string;
  readonly years: string;
}

export const SKILL_FIELDS: Readonly<Record<keyof SkillValues, string>> = {
  name: 'name',
  category: 'category',
  level: 'level',
  years: 'years',
};

export const EMPTY_SKILL: SkillValues = { name: '', category: '', level: '3', years: '' };

export function skillValues(skill: Skill): SkillValues {
  return {
    name: skill.name,
    category: skill.category,
    level: String(skill.level),
    years: skill.years === undefined ? '' : String(skill.years),
  };
}

/**
 * Numbers as typed: a value that is not a number is sent as it is, for the
 * service to name the field; blank years are left out (and so removed by a
 * replace).
 */
export function skillBody(values: SkillValues): SkillInput {
  const years = optional(values.years);
  return {
    name: values.name,
    category: values.category,
    level: numberOrText(values.level) as number,
    ...(years === undefined ? {} : { years: numberOrText(years) as number }),
  };
}

function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}
