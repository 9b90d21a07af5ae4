import { NotFoundError, SlugTakenError } from '../domain/shared/errors.js';
import type { Clock } from '../domain/shared/clock.js';
import type { IdGenerator } from '../domain/shared/id-generator.js';
import { offsetOf, toPage, type Page, type PageRequest } from '../domain/shared/page.js';
import type { Precondition } from '../domain/shared/precondition.js';
import {
  assertProjectRules,
  firstFreeSlug,
  normalizeTags,
  slugify,
  type Project,
  type ProjectInput,
  type ProjectPatch,
} from '../domain/projects/project.js';
import type { ProjectCriteria, ProjectSort } from '../domain/projects/project-query.js';
import type { ProjectRepository, TagCount } from '../domain/projects/project.repository.js';
import { ConditionalWriter } from './conditional-write.js';
import type { ContentEvents } from './content-events.js';

export interface ProjectListRequest extends ProjectCriteria, PageRequest {
  readonly sort: ProjectSort;
}

export class ProjectService {
  private readonly writes = new ConditionalWriter();

  constructor(
    private readonly projects: ProjectRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly events: ContentEvents,
  ) {}

  async list(request: ProjectListRequest): Promise<Page<Project>> {
    const slice = await this.projects.list({ ...request, offset: offsetOf(request) });
    return toPage(slice, request);
  }

  /** Every published project, newest first: what a portfolio page shows. */
  async listPublished(): Promise<readonly Project[]> {
    const slice = await this.projects.list({ status: 'published', tags: [], sort: '-startedAt', offset: 0 });
    return slice.items;
  }

  /** Drafts exist only for callers allowed to see them. */
  async get(slug: string, { includeDrafts }: { includeDrafts: boolean }): Promise<Project> {
    const project = await this.projects.findBySlug(slug);
    if (!project || (project.status === 'draft' && !includeDrafts)) throw new NotFoundError('Project', slug);
    return project;
  }

  tags(): Promise<TagCount[]> {
    return this.projects.tagCounts();
  }

  async create(input: ProjectInput): Promise<Project> {
    const now = this.clock.now().toISOString();
    let project = this.build(
      { id: this.ids.next(), createdAt: now, updatedAt: now, version: 1, slug: input.slug ?? '' },
      input,
    );
    if (input.slug !== undefined) {
      await this.projects.create(project, this.eventOf(project, 'created'));
    } else {
      project = await this.createWithDerivedSlug(project);
    }
    this.events.stored();
    return project;
  }

  /** PUT: the body replaces every field it defines; without a slug the current one stays. */
  replace(slug: string, input: ProjectInput, precondition?: Precondition<Project>): Promise<Project> {
    return this.modify(slug, precondition, (current) => ({ ...input, slug: input.slug ?? current.slug }));
  }

  patch(slug: string, patch: ProjectPatch, precondition?: Precondition<Project>): Promise<Project> {
    return this.modify(slug, precondition, (current) => ({ ...current, ...patch }));
  }

  async delete(slug: string, precondition?: Precondition<Project>): Promise<void> {
    await this.writes.write({
      resource: 'project',
      key: slug,
      load: () => this.get(slug, { includeDrafts: true }),
      write: (current, version) =>
        this.projects.delete(
          current.id,
          version,
          this.events.of({ resource: 'project', action: 'deleted', ...ids(current) }),
        ),
      precondition,
    });
    this.events.stored();
  }

  private async modify(
    slug: string,
    precondition: Precondition<Project> | undefined,
    change: (current: Project) => ProjectInput,
  ): Promise<Project> {
    const project = await this.writes.write({
      resource: 'project',
      key: slug,
      load: () => this.get(slug, { includeDrafts: true }),
      precondition,
      write: async (current, version) => {
        const next = this.build(
          { ...current, updatedAt: this.clock.now().toISOString(), version: version + 1 },
          change(current),
        );
        await this.projects.update(next, version, this.eventOf(next, 'updated'));
        return next;
      },
    });
    this.events.stored();
    return project;
  }

  private eventOf(project: Project, action: 'created' | 'updated') {
    return this.events.of({ resource: 'project', action, ...ids(project), at: project.updatedAt });
  }

  private build(
    meta: Pick<Project, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'slug'>,
    input: ProjectInput,
  ): Project {
    const project: Project = {
      id: meta.id,
      slug: input.slug ?? meta.slug,
      title: input.title,
      summary: input.summary,
      description: input.description ?? '',
      tags: normalizeTags(input.tags ?? []),
      tech: [...(input.tech ?? [])],
      links: { ...input.links },
      featured: input.featured ?? false,
      status: input.status ?? 'draft',
      startedAt: input.startedAt,
      endedAt: input.endedAt ?? null,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      version: meta.version,
    };
    assertProjectRules(project);
    return project;
  }

  /** A derived slug that collides gets a numeric suffix instead of a 409: the client did not choose it. */
  private async createWithDerivedSlug(draft: Project): Promise<Project> {
    const base = slugify(draft.title);
    const taken = new Set<string>();
    for (;;) {
      const slug = firstFreeSlug(base, (candidate) => taken.has(candidate));
      const project = { ...draft, slug };
      if (await this.projects.findBySlug(slug)) {
        taken.add(slug);
        continue;
      }
      try {
        await this.projects.create(project, this.eventOf(project, 'created'));
        return project;
      } catch (error) {
        if (!(error instanceof SlugTakenError)) throw error;
        taken.add(slug);
      }
    }
  }
}

/** What a project's change names it by: its id, and its slug (after the change, or before a delete). */
const ids = (project: Project) => ({ id: project.id, slug: project.slug });
