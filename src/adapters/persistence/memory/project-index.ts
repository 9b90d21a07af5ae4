import type { Project } from '../../../domain/projects/project.js';
import {
  projectComparator,
  projectMatcher,
  searchTerms,
  type ProjectListQuery,
  type ProjectSort,
  type ProjectVisibility,
} from '../../../domain/projects/project-query.js';
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
  /** How many projects, of any status, carry each tag. */
  private tagSizes?: Map<string, number>;
  /**
   * Projects of one visibility in one order, optionally only those with one
   * tag. Keys come from the data (a tag no project has is answered without an
   * entry), so this stays bounded by sorts × visibilities × distinct tags.
   */
  private readonly orderings = new Map<string, readonly Project[]>();

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

  /**
   * Every project matching the query, in its order: the precomputed ordering
   * for its visibility and rarest tag, filtered further only when the query
   * asks for more than that. Same result as filtering and sorting everything.
   */
  matching(query: ProjectListQuery): readonly Project[] {
    const { sort, status, tags } = query;
    let rarest: string | undefined;
    if (tags.length > 0) {
      this.tagSizes ??= this.countTags();
      let smallest = Infinity;
      for (const tag of tags) {
        const size = this.tagSizes.get(tag) ?? 0;
        if (size === 0) return [];
        if (size < smallest) [rarest, smallest] = [tag, size];
      }
    }
    const candidates = this.ordering(sort, status, rarest);
    const narrower =
      tags.length > 1 || query.tech !== undefined || query.featured !== undefined || searchTerms(query.q).length > 0;
    return narrower ? candidates.filter(projectMatcher(query)) : candidates;
  }

  private ordering(sort: ProjectSort, status: ProjectVisibility, tag: string | undefined): readonly Project[] {
    const key = `${sort}\n${status}\n${tag ?? ''}`;
    let projects = this.orderings.get(key);
    if (!projects) {
      if (tag !== undefined) projects = this.ordering(sort, status, undefined).filter((p) => p.tags.includes(tag));
      else if (status === 'all') projects = this.sortedBy(sort);
      else projects = this.sortedBy(sort).filter((p) => p.status === status);
      this.orderings.set(key, projects);
    }
    return projects;
  }

  private countTags(): Map<string, number> {
    const sizes = new Map<string, number>();
    for (const project of this.projects) for (const tag of project.tags) sizes.set(tag, (sizes.get(tag) ?? 0) + 1);
    return sizes;
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
