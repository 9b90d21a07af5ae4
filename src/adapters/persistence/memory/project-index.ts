import type { Project } from '../../../domain/projects/project.js';
import { projectComparator, type ProjectSort } from '../../../domain/projects/project-query.js';
import type { TagCount } from '../../../domain/projects/project.repository.js';

/**
 * Lookups derived from one immutable list of projects, built on first use and
 * dropped with the list: reads stay cheap however many projects there are,
 * and no write has to keep an index up to date.
 */
class ProjectIndex {
  private bySlugMap?: Map<string, Project>;
  private readonly sorted = new Map<ProjectSort, readonly Project[]>();
  private tags?: TagCount[];

  constructor(private readonly projects: readonly Project[]) {}

  bySlug(slug: string): Project | undefined {
    this.bySlugMap ??= new Map(this.projects.map((project) => [project.slug, project]));
    return this.bySlugMap.get(slug);
  }

  sortedBy(sort: ProjectSort): readonly Project[] {
    let sorted = this.sorted.get(sort);
    if (!sorted) {
      sorted = [...this.projects].sort(projectComparator(sort));
      this.sorted.set(sort, sorted);
    }
    return sorted;
  }

  tagCounts(): TagCount[] {
    if (!this.tags) {
      const counts = new Map<string, number>();
      for (const project of this.projects) {
        if (project.status !== 'published') continue;
        for (const tag of project.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      this.tags = [...counts]
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    }
    return this.tags;
  }
}

const indexes = new WeakMap<readonly Project[], ProjectIndex>();

export function indexOf(projects: readonly Project[]): ProjectIndex {
  let index = indexes.get(projects);
  if (!index) {
    index = new ProjectIndex(projects);
    indexes.set(projects, index);
  }
  return index;
}
