import type { Project } from '../../../domain/projects/project.js';
import { Period } from './dates.js';
import { Markdown } from './markdown.js';

const LINK_LABELS = { repo: 'Source code', live: 'Live site', caseStudy: 'Case study' } as const;

/** Featured projects first; otherwise the order given (the API's: newest first). */
export function featuredFirst(projects: readonly Project[]): Project[] {
  return [...projects.filter((p) => p.featured), ...projects.filter((p) => !p.featured)];
}

export function ProjectsSection({ projects }: { projects: readonly Project[] }) {
  return (
    <section id="projects" class="section" aria-labelledby="projects-title">
      <h2 id="projects-title">Projects</h2>
      {projects.length === 0 ? (
        <p class="empty">No project is published yet.</p>
      ) : (
        <ul class="cards">
          {featuredFirst(projects).map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ProjectCard({ project }: { project: Project }) {
  const links = (Object.keys(LINK_LABELS) as (keyof typeof LINK_LABELS)[]).filter((key) => project.links[key]);
  const headingId = `project-${project.slug}`;
  return (
    <article class={project.featured ? 'card card-featured' : 'card'} aria-labelledby={headingId}>
      <header class="card-header">
        <h3 id={headingId}>{project.title}</h3>
        {project.featured && <span class="badge">Featured</span>}
      </header>
      <p class="meta">
        <Period start={project.startedAt} end={project.endedAt} />
      </p>
      <p class="summary">{project.summary}</p>
      {project.description && (
        <details class="more">
          <summary>More about {project.title}</summary>
          <Markdown text={project.description} />
        </details>
      )}
      {project.tech.length > 0 && (
        <ul class="chips" aria-label="Built with">
          {project.tech.map((tech) => (
            <li key={tech}>{tech}</li>
          ))}
        </ul>
      )}
      {project.tags.length > 0 && (
        <ul class="tags" aria-label="Tags">
          {project.tags.map((tag) => (
            <li key={tag}>#{tag}</li>
          ))}
        </ul>
      )}
      {links.length > 0 && (
        <ul class="card-links">
          {links.map((key) => (
            <li key={key}>
              <a href={project.links[key]} rel="noopener">
                {LINK_LABELS[key]}
                <span class="visually-hidden"> of {project.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
