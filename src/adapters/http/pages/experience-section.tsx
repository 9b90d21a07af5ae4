import type { Experience } from '../../../domain/experience/experience.js';
import { Period } from './dates.js';

/** Roles in the API's order: current ones first, then the most recent. */
export function ExperienceSection({ roles }: { roles: readonly Experience[] }) {
  return (
    <section id="experience" class="section" aria-labelledby="experience-title">
      <h2 id="experience-title">Experience</h2>
      {roles.length === 0 ? (
        <p class="empty">No role is listed yet.</p>
      ) : (
        <ol class="timeline">
          {roles.map((role) => (
            <li key={role.id} class="role">
              <h3>
                {role.role} <span class="at">at {role.company}</span>
              </h3>
              <p class="meta">
                <Period start={role.startDate} end={role.endDate} />
                {role.location && <span class="location">{role.location}</span>}
              </p>
              {role.highlights.length > 0 && (
                <ul class="highlights">
                  {role.highlights.map((highlight, index) => (
                    <li key={index}>{highlight}</li>
                  ))}
                </ul>
              )}
              {role.tech.length > 0 && (
                <ul class="chips" aria-label="Technologies">
                  {role.tech.map((tech) => (
                    <li key={tech}>{tech}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
