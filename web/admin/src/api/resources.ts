import type { Api, Schemas } from './client.js';
import { eventResources } from './event-resources.js';
import { pageAsData, resultOf, type ListPage, type Result } from './results.js';

export type Profile = Schemas['Profile'];
export type ProfileInput = Schemas['ProfileInput'];
export type Project = Schemas['Project'];
export type ProjectInput = Schemas['ProjectInput'];
export type Skill = Schemas['Skill'];
export type SkillGroup = Schemas['SkillGroup'];
export type SkillInput = Schemas['SkillInput'];
export type Experience = Schemas['Experience'];
export type ExperienceInput = Schemas['ExperienceInput'];
export type Message = Schemas['Message'];
export type MessageStatus = Message['status'];
export type PageMeta = Schemas['PageMeta'];
export type { ListPage };

/** `If-Match` with the ETag last read; none when nothing was read (the profile before it exists). */
const ifMatch = (etag: string | undefined) => (etag ? { 'If-Match': etag } : {});

/**
 * Every call the console makes, one function per operation, each answering a
 * Result. Writes to an existing item take the ETag it was read with, so a
 * change made elsewhere in between is refused (`412`) rather than lost.
 */
export function resources(api: Api) {
  return {
    /** A cheap admin read that tells whether the token is accepted. */
    checkToken: () =>
      resultOf(api.GET('/api/v1/messages', { params: { query: { limit: 1 } } }).then(pageAsData<Message>)),

    profile: {
      get: () => resultOf(api.GET('/api/v1/profile')),
      put: (body: ProfileInput, etag: string | undefined) =>
        resultOf(api.PUT('/api/v1/profile', { params: { header: ifMatch(etag) }, body })),
    },

    projects: {
      list: (page: number): Promise<Result<ListPage<Project>>> =>
        resultOf(
          api
            .GET('/api/v1/projects', { params: { query: { status: 'all', sort: '-updatedAt', page, limit: 20 } } })
            .then(pageAsData),
        ),
      get: (slug: string) => resultOf(api.GET('/api/v1/projects/{slug}', { params: { path: { slug } } })),
      create: (body: ProjectInput) => resultOf(api.POST('/api/v1/projects', { body })),
      replace: (slug: string, body: ProjectInput, etag: string | undefined) =>
        resultOf(api.PUT('/api/v1/projects/{slug}', { params: { path: { slug }, header: ifMatch(etag) }, body })),
      setStatus: (slug: string, status: Project['status'], etag: string | undefined) =>
        resultOf(
          api.PATCH('/api/v1/projects/{slug}', { params: { path: { slug }, header: ifMatch(etag) }, body: { status } }),
        ),
      delete: (slug: string, etag: string | undefined) =>
        resultOf(api.DELETE('/api/v1/projects/{slug}', { params: { path: { slug }, header: ifMatch(etag) } })),
    },

    skills: {
      list: () => resultOf(api.GET('/api/v1/skills')),
      get: (id: string) => resultOf(api.GET('/api/v1/skills/{id}', { params: { path: { id } } })),
      create: (body: SkillInput) => resultOf(api.POST('/api/v1/skills', { body })),
      replace: (id: string, body: SkillInput, etag: string | undefined) =>
        resultOf(api.PUT('/api/v1/skills/{id}', { params: { path: { id }, header: ifMatch(etag) }, body })),
      delete: (id: string, etag: string | undefined) =>
        resultOf(api.DELETE('/api/v1/skills/{id}', { params: { path: { id }, header: ifMatch(etag) } })),
    },

    experience: {
      list: () => resultOf(api.GET('/api/v1/experience')),
      get: (id: string) => resultOf(api.GET('/api/v1/experience/{id}', { params: { path: { id } } })),
      create: (body: ExperienceInput) => resultOf(api.POST('/api/v1/experience', { body })),
      replace: (id: string, body: ExperienceInput, etag: string | undefined) =>
        resultOf(api.PUT('/api/v1/experience/{id}', { params: { path: { id }, header: ifMatch(etag) }, body })),
      delete: (id: string, etag: string | undefined) =>
        resultOf(api.DELETE('/api/v1/experience/{id}', { params: { path: { id }, header: ifMatch(etag) } })),
    },

    messages: {
      list: (status: MessageStatus | undefined, page: number): Promise<Result<ListPage<Message>>> =>
        resultOf(
          api
            .GET('/api/v1/messages', { params: { query: { ...(status ? { status } : {}), page, limit: 20 } } })
            .then(pageAsData<Message>),
        ),
      get: (id: string) => resultOf(api.GET('/api/v1/messages/{id}', { params: { path: { id } } })),
      setStatus: (id: string, status: MessageStatus, etag: string | undefined) =>
        resultOf(
          api.PATCH('/api/v1/messages/{id}', { params: { path: { id }, header: ifMatch(etag) }, body: { status } }),
        ),
      delete: (id: string, etag: string | undefined) =>
        resultOf(api.DELETE('/api/v1/messages/{id}', { params: { path: { id }, header: ifMatch(etag) } })),
    },

    ...eventResources(api),
  };
}

export type Resources = ReturnType<typeof resources>;
