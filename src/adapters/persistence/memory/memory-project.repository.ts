import type { DomainEvent } from '../../../domain/events/event.js';
import { SlugTakenError } from '../../../domain/shared/errors.js';
import type { Slice } from '../../../domain/shared/page.js';
import type { Project } from '../../../domain/projects/project.js';
import type { ProjectListQuery } from '../../../domain/projects/project-query.js';
import type { ProjectRepository, TagCount } from '../../../domain/projects/project.repository.js';
import type { ContentStore } from './content-store.js';
import { indexOf } from './project-index.js';
import { assertVersion, removeById, replaceById } from './versions.js';

export class MemoryProjectRepository implements ProjectRepository {
  constructor(private readonly store: ContentStore) {}

  async list(query: ProjectListQuery): Promise<Slice<Project>> {
    const matches = indexOf(this.store.read().projects).matching(query);
    const end = query.limit === undefined ? undefined : query.offset + query.limit;
    return { items: matches.slice(query.offset, end), total: matches.length };
  }

  async findBySlug(slug: string): Promise<Project | null> {
    return indexOf(this.store.read().projects).bySlug(slug) ?? null;
  }

  create(project: Project, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      if (indexOf(state.projects).bySlug(project.slug)) throw new SlugTakenError(project.slug);
      return { next: { ...state, projects: [...state.projects, project] }, result: undefined };
    }, events);
  }

  update(project: Project, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.projects.find((p) => p.id === project.id),
        expectedVersion,
        'project',
      );
      const holder = indexOf(state.projects).bySlug(project.slug);
      if (holder && holder.id !== project.id) throw new SlugTakenError(project.slug);
      return { next: { ...state, projects: replaceById(state.projects, project) }, result: undefined };
    }, events);
  }

  delete(id: string, expectedVersion: number, events: readonly DomainEvent[] = []): Promise<void> {
    return this.store.update((state) => {
      assertVersion(
        state.projects.find((p) => p.id === id),
        expectedVersion,
        'project',
      );
      return { next: { ...state, projects: removeById(state.projects, id) }, result: undefined };
    }, events);
  }

  async tagCounts(): Promise<TagCount[]> {
    return indexOf(this.store.read().projects).tagCounts();
  }
}
