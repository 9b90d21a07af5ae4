import type { DomainEvent } from '../events/event.js';
import type { Slice } from '../shared/page.js';
import type { Project } from './project.js';
import type { ProjectListQuery } from './project-query.js';

export interface TagCount {
  readonly tag: string;
  readonly count: number;
}

export interface ProjectRepository {
  list(query: ProjectListQuery): Promise<Slice<Project>>;
  findBySlug(slug: string): Promise<Project | null>;
  /**
   * Throws SlugTakenError when the slug is in use. Every write stores
   * `events` with the change, in the same write: both or neither (see Outbox).
   */
  create(project: Project, events?: readonly DomainEvent[]): Promise<void>;
  /**
   * Replaces the project with the same id if its stored version is still
   * `expectedVersion`; throws StaleWriteError otherwise (also when it is gone),
   * SlugTakenError when a changed slug is in use.
   */
  update(project: Project, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
  /** Same condition as update. */
  delete(id: string, expectedVersion: number, events?: readonly DomainEvent[]): Promise<void>;
  /** Tags of published projects, most used first, ties by tag. */
  tagCounts(): Promise<TagCount[]>;
}
