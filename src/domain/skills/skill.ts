import type { Versioned } from '../shared/versioned.js';

export interface SkillInput {
  readonly name: string;
  readonly category: string;
  readonly level: number;
  readonly years?: number;
}

export interface Skill extends SkillInput, Versioned {
  readonly id: string;
}

export interface SkillGroup {
  readonly category: string;
  readonly skills: readonly Skill[];
}

/** Names are unique case-insensitively within a category. */
export function sameSkillName(a: Pick<Skill, 'name' | 'category'>, b: Pick<Skill, 'name' | 'category'>): boolean {
  return a.category === b.category && a.name.toLowerCase() === b.name.toLowerCase();
}

const byText = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/** Categories alphabetically; inside each, level descending, then name. */
export function groupSkills(skills: readonly Skill[]): SkillGroup[] {
  const groups = new Map<string, Skill[]>();
  for (const skill of skills) {
    const group = groups.get(skill.category) ?? [];
    group.push(skill);
    groups.set(skill.category, group);
  }
  return [...groups.keys()].sort(byText).map((category) => ({
    category,
    skills: groups.get(category)!.sort((a, b) => b.level - a.level || byText(a.name, b.name) || (a.id < b.id ? -1 : 1)),
  }));
}
