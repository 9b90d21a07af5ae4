import type { Skill, SkillGroup } from '../../../domain/skills/skill.js';

const LEVELS = ['Beginner', 'Familiar', 'Proficient', 'Advanced', 'Expert'] as const;

export function levelName(level: number): string {
  return LEVELS[Math.min(Math.max(Math.round(level), 1), LEVELS.length) - 1]!;
}

/** Skills by category, in the API's order (categories alphabetically, the strongest skills first). */
export function SkillsSection({ groups }: { groups: readonly SkillGroup[] }) {
  return (
    <section id="skills" class="section" aria-labelledby="skills-title">
      <h2 id="skills-title">Skills</h2>
      {groups.length === 0 ? (
        <p class="empty">No skill is listed yet.</p>
      ) : (
        <div class="skill-groups">
          {groups.map((group) => (
            <section key={group.category} class="skill-group" aria-label={group.category}>
              <h3>{group.category}</h3>
              <ul class="skills">
                {group.skills.map((skill) => (
                  <SkillItem key={skill.id} skill={skill} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function SkillItem({ skill }: { skill: Skill }) {
  const years = skill.years === undefined ? '' : `, ${skill.years} ${skill.years === 1 ? 'year' : 'years'}`;
  return (
    <li class="skill">
      <span class="skill-name">{skill.name}</span>
      <span class="skill-level">
        <span class="dots" aria-hidden="true">
          {LEVELS.map((_, index) => (
            <span key={index} class={index < skill.level ? 'dot dot-on' : 'dot'} />
          ))}
        </span>
        <span class="skill-detail">
          {levelName(skill.level)}
          {years}
        </span>
      </span>
    </li>
  );
}
