import { expect } from 'chai';
import sinon from 'sinon';
import { ProjectService } from '../../src/application/project.service.js';
import type { Project, ProjectInput } from '../../src/domain/projects/project.js';
import { NotFoundError, RuleViolationError, SlugTakenError, StaleWriteError } from '../../src/domain/shared/errors.js';
import { aProject } from '../support/builders.js';
import {
  FixedClock,
  NOW,
  SequentialIds,
  fakeContentEvents,
  rejectionOf,
  stubProjectRepository,
  type Stubbed,
} from '../support/fakes.js';
import type { ProjectRepository } from '../../src/domain/projects/project.repository.js';

describe('ProjectService', () => {
  let repo: Stubbed<ProjectRepository>;
  let service: ProjectService;
  let wake: sinon.SinonStub<[], void>;

  beforeEach(() => {
    repo = stubProjectRepository();
    const events = fakeContentEvents();
    wake = events.wake;
    service = new ProjectService(repo, new FixedClock(), new SequentialIds(), events.events);
  });

  /** The content.changed event a write passed to the repository, as its last argument. */
  const changed = (id: string, change: object) => [
    { id, type: 'content.changed', occurredAt: NOW, data: { changes: [{ ...change, at: NOW }] } },
  ];

  afterEach(() => sinon.restore());

  const minimalInput: ProjectInput = { title: 'My App', summary: 'Does things', startedAt: '2024-02-01' };

  /** What create stores for minimalInput: every default filled in. */
  const createdFromMinimal = (slug: string): Project => ({
    id: 'id-1',
    slug,
    title: 'My App',
    summary: 'Does things',
    description: '',
    tags: [],
    tech: [],
    links: {},
    featured: false,
    status: 'draft',
    startedAt: '2024-02-01',
    endedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
  });

  describe('list', () => {
    it('asks the repository for the requested page and returns it with its totals', async () => {
      const items = [aProject({ slug: 'a' }), aProject({ slug: 'b' })];
      repo.list.resolves({ items, total: 12 });

      const page = await service.list({
        status: 'published',
        tags: ['api'],
        tech: 'go',
        sort: 'title',
        page: 3,
        limit: 5,
      });

      expect(repo.list.callCount).to.equal(1);
      const query = repo.list.firstCall.args[0];
      expect(query).to.include({ status: 'published', tech: 'go', sort: 'title', offset: 10, limit: 5 });
      expect(query.tags).to.deep.equal(['api']);
      expect(page).to.include({ items, total: 12, page: 3, limit: 5, totalPages: 3 });
    });
  });

  describe('listPublished', () => {
    it('asks for every published project, newest first, with no limit, and returns the items', async () => {
      const items = [aProject({ slug: 'a' })];
      repo.list.resolves({ items, total: 1 });

      const result = await service.listPublished();

      expect(result).to.deep.equal(items);
      expect(repo.list.firstCall.args[0]).to.deep.equal({
        status: 'published',
        tags: [],
        sort: '-startedAt',
        offset: 0,
      });
    });
  });

  describe('get', () => {
    it('when the project is published, then it is returned', async () => {
      const project = aProject({ slug: 'seen', status: 'published' });
      repo.findBySlug.withArgs('seen').resolves(project);

      expect(await service.get('seen', { includeDrafts: false })).to.equal(project);
    });

    it('when there is no such project, then NotFoundError names the slug', async () => {
      const error = await rejectionOf(service.get('ghost', { includeDrafts: true }));

      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Project', key: 'ghost' });
    });

    it('when the project is a draft and drafts are not included, then it does not exist', async () => {
      repo.findBySlug.withArgs('secret').resolves(aProject({ slug: 'secret', status: 'draft' }));

      expect(await rejectionOf(service.get('secret', { includeDrafts: false }))).to.be.instanceOf(NotFoundError);
    });

    it('when the project is a draft and drafts are included, then it is returned', async () => {
      const draft = aProject({ slug: 'secret', status: 'draft' });
      repo.findBySlug.withArgs('secret').resolves(draft);

      expect(await service.get('secret', { includeDrafts: true })).to.equal(draft);
    });
  });

  describe('tags', () => {
    it('returns the tag counts of the repository', async () => {
      const counts = [{ tag: 'api', count: 3 }];
      repo.tagCounts.resolves(counts);

      expect(await service.tags()).to.equal(counts);
    });
  });

  describe('create', () => {
    it('when the slug is given, then it stores the project with every default filled in and returns it', async () => {
      const project = await service.create({ ...minimalInput, slug: 'chosen' });

      expect(project).to.deep.equal(createdFromMinimal('chosen'));
      expect(repo.create.callCount).to.equal(1);
      expect(repo.create.firstCall.args[0]).to.deep.equal(createdFromMinimal('chosen'));
      expect(repo.findBySlug.called).to.equal(false);
    });

    it('stores every given field, with tags normalised', async () => {
      await service.create({
        slug: 'full',
        title: 'Full',
        summary: 'All fields',
        description: '# Notes',
        tags: [' API ', 'Koa', 'api'],
        tech: ['TypeScript'],
        links: { repo: 'https://example.com/repo' },
        featured: true,
        status: 'published',
        startedAt: '2023-01-01',
        endedAt: '2023-12-31',
      });

      expect(repo.create.firstCall.args[0]).to.deep.equal({
        id: 'id-1',
        slug: 'full',
        title: 'Full',
        summary: 'All fields',
        description: '# Notes',
        tags: ['api', 'koa'],
        tech: ['TypeScript'],
        links: { repo: 'https://example.com/repo' },
        featured: true,
        status: 'published',
        startedAt: '2023-01-01',
        endedAt: '2023-12-31',
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
      });
    });

    it('when the given slug is taken, then SlugTakenError propagates and no other slug is tried', async () => {
      repo.create.rejects(new SlugTakenError('chosen'));

      const error = await rejectionOf(service.create({ ...minimalInput, slug: 'chosen' }));

      expect(error).to.be.instanceOf(SlugTakenError);
      expect(repo.create.callCount).to.equal(1);
    });

    it('when no slug is given, then it derives one from the title', async () => {
      const project = await service.create(minimalInput);

      expect(project).to.deep.equal(createdFromMinimal('my-app'));
      expect(repo.findBySlug.calledOnceWithExactly('my-app')).to.equal(true);
      expect(repo.create.firstCall.args[0]).to.deep.equal(createdFromMinimal('my-app'));
    });

    it('when the derived slug and its -2 variant exist, then the project gets the -3 variant', async () => {
      repo.findBySlug.withArgs('my-app').resolves(aProject({ slug: 'my-app' }));
      repo.findBySlug.withArgs('my-app-2').resolves(aProject({ slug: 'my-app-2', status: 'draft' }));

      const project = await service.create(minimalInput);

      expect(project.slug).to.equal('my-app-3');
      expect(repo.findBySlug.args.map(([slug]) => slug)).to.deep.equal(['my-app', 'my-app-2', 'my-app-3']);
      expect(repo.create.callCount).to.equal(1);
      expect(repo.create.firstCall.args[0]).to.deep.equal(createdFromMinimal('my-app-3'));
    });

    it('when the derived slug is taken between the check and the write, then it tries the next variant', async () => {
      repo.create.onFirstCall().rejects(new SlugTakenError('my-app'));

      const project = await service.create(minimalInput);

      expect(project.slug).to.equal('my-app-2');
      expect(repo.create.args.map(([stored]) => stored.slug)).to.deep.equal(['my-app', 'my-app-2']);
    });

    it('when storing a derived slug fails otherwise, then that error propagates', async () => {
      const boom = new Error('storage down');
      repo.create.rejects(boom);

      expect(await rejectionOf(service.create(minimalInput))).to.equal(boom);
      expect(repo.create.callCount).to.equal(1);
    });

    it('when endedAt is before startedAt, then RuleViolationError at endedAt and nothing is stored', async () => {
      const error = await rejectionOf(service.create({ ...minimalInput, slug: 'x', endedAt: '2024-01-31' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues.map((issue) => issue.path)).to.deep.equal(['endedAt']);
      expect(repo.create.called).to.equal(false);
    });

    it('when endedAt equals startedAt, then it is stored', async () => {
      const project = await service.create({ ...minimalInput, slug: 'x', endedAt: '2024-02-01' });

      expect(project.endedAt).to.equal('2024-02-01');
      expect(repo.create.callCount).to.equal(1);
    });
  });

  describe('replace', () => {
    const current = aProject({
      id: 'p-7',
      slug: 'my-app',
      title: 'Old title',
      description: 'Old description',
      tags: ['old'],
      tech: ['Perl'],
      links: { live: 'https://old.example' },
      featured: true,
      status: 'published',
      endedAt: '2024-12-31',
      createdAt: '2024-01-05T10:00:00.000Z',
      updatedAt: '2024-01-06T10:00:00.000Z',
      version: 4,
    });

    beforeEach(() => {
      repo.findBySlug.withArgs('my-app').resolves(current);
    });

    it('replaces every field, fills in defaults, keeps id, slug and createdAt and writes on the version read', async () => {
      const result = await service.replace('my-app', minimalInput);

      const expected: Project = {
        ...createdFromMinimal('my-app'),
        id: 'p-7',
        createdAt: '2024-01-05T10:00:00.000Z',
        updatedAt: NOW,
        version: 5,
      };
      expect(result).to.deep.equal(expected);
      expect(repo.update.callCount).to.equal(1);
      expect(repo.update.firstCall.args.slice(0, 2)).to.deep.equal([expected, 4]);
    });

    it('when the body has a slug, then the project takes it', async () => {
      const result = await service.replace('my-app', { ...minimalInput, slug: 'renamed', tags: ['X', 'x'] });

      expect(result.slug).to.equal('renamed');
      expect(result.tags).to.deep.equal(['x']);
      expect(repo.update.firstCall.args[0].slug).to.equal('renamed');
    });

    it('when the project is a draft, then it can still be replaced', async () => {
      repo.findBySlug.withArgs('draft-app').resolves(aProject({ slug: 'draft-app', status: 'draft', version: 2 }));

      await service.replace('draft-app', minimalInput);

      expect(repo.update.firstCall.args[1]).to.equal(2);
    });

    it('when the project does not exist, then NotFoundError and no write', async () => {
      expect(await rejectionOf(service.replace('ghost', minimalInput))).to.be.instanceOf(NotFoundError);
      expect(repo.update.called).to.equal(false);
    });

    it('checks the precondition against the current project', async () => {
      const precondition = sinon.stub<[Project], boolean>().returns(true);

      await service.replace('my-app', minimalInput, precondition);

      expect(precondition.calledOnceWithExactly(current)).to.equal(true);
      expect(repo.update.callCount).to.equal(1);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      const error = await rejectionOf(service.replace('my-app', minimalInput, () => false));

      expect(error).to.be.instanceOf(StaleWriteError);
      expect(repo.update.called).to.equal(false);
    });

    it('when endedAt is before startedAt, then RuleViolationError and no write', async () => {
      const error = await rejectionOf(service.replace('my-app', { ...minimalInput, endedAt: '2020-01-01' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect(repo.update.called).to.equal(false);
    });
  });

  describe('patch', () => {
    const current = aProject({
      id: 'p-7',
      slug: 'my-app',
      title: 'Title',
      summary: 'Summary',
      description: 'Description',
      tags: ['api'],
      tech: ['Go'],
      links: { repo: 'https://example.com/r' },
      featured: true,
      status: 'published',
      startedAt: '2024-01-01',
      endedAt: '2024-06-30',
      createdAt: '2024-01-05T10:00:00.000Z',
      updatedAt: '2024-01-06T10:00:00.000Z',
      version: 4,
    });

    beforeEach(() => {
      repo.findBySlug.withArgs('my-app').resolves(current);
    });

    it('changes only the given fields, normalises tags, stamps updatedAt and writes on the version read', async () => {
      const result = await service.patch('my-app', { title: 'New title', tags: [' CLI ', 'cli'] });

      const expected: Project = { ...current, title: 'New title', tags: ['cli'], updatedAt: NOW, version: 5 };
      expect(result).to.deep.equal(expected);
      expect(repo.update.firstCall.args.slice(0, 2)).to.deep.equal([expected, 4]);
    });

    it('when endedAt is set to null, then the project is ongoing', async () => {
      const result = await service.patch('my-app', { endedAt: null });

      expect(result.endedAt).to.equal(null);
      expect(repo.update.firstCall.args[0].endedAt).to.equal(null);
    });

    it('when the patched startedAt falls after the kept endedAt, then RuleViolationError and no write', async () => {
      const error = await rejectionOf(service.patch('my-app', { startedAt: '2024-07-01' }));

      expect(error).to.be.instanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues.map((issue) => issue.path)).to.deep.equal(['endedAt']);
      expect(repo.update.called).to.equal(false);
    });

    it('when the new slug is taken, then SlugTakenError propagates without retry', async () => {
      repo.update.rejects(new SlugTakenError('taken'));

      expect(await rejectionOf(service.patch('my-app', { slug: 'taken' }))).to.be.instanceOf(SlugTakenError);
      expect(repo.update.callCount).to.equal(1);
    });

    it('when the precondition is false, then StaleWriteError and no write', async () => {
      expect(await rejectionOf(service.patch('my-app', { title: 'x' }, () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The project has changed since it was read');
      expect(repo.update.called).to.equal(false);
    });
  });

  describe('delete', () => {
    beforeEach(() => {
      repo.findBySlug.withArgs('my-app').resolves(aProject({ id: 'p-7', slug: 'my-app', status: 'draft', version: 3 }));
    });

    it('deletes by id on condition of the version read, drafts included', async () => {
      await service.delete('my-app');

      expect(repo.delete.firstCall.args.slice(0, 2)).to.deep.equal(['p-7', 3]);
    });

    it('when the project does not exist, then NotFoundError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('ghost'))).to.be.instanceOf(NotFoundError);
      expect(repo.delete.called).to.equal(false);
    });

    it('when the precondition is false, then StaleWriteError and nothing is deleted', async () => {
      expect(await rejectionOf(service.delete('my-app', () => false)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The project has changed since it was read');
      expect(repo.delete.called).to.equal(false);
    });
  });

  describe('events', () => {
    const current = aProject({ id: 'p-7', slug: 'my-app', version: 4 });
    beforeEach(() => repo.findBySlug.withArgs('my-app').resolves(current));

    it('when a project is created, then the write records content.changed created with its id and slug, and wakes the dispatcher', async () => {
      await service.create({ ...minimalInput, slug: 'chosen' });

      expect(repo.create.firstCall.args[1]).to.deep.equal(
        changed('ev-1', { resource: 'project', action: 'created', id: 'id-1', slug: 'chosen' }),
      );
      expect(wake.calledOnce).to.equal(true);
      expect(wake.calledAfter(repo.create)).to.equal(true);
    });

    it('when a derived slug was taken in between, then the stored attempt records an event with the slug it got', async () => {
      repo.create.onFirstCall().rejects(new SlugTakenError('my-app'));

      await service.create(minimalInput);

      expect(repo.create.secondCall.args[1]).to.deep.equal(
        changed('ev-2', { resource: 'project', action: 'created', id: 'id-1', slug: 'my-app-3' }),
      );
      expect(wake.calledOnce).to.equal(true);
    });

    it('when a project is replaced or patched, then the write records updated with the slug after the change', async () => {
      await service.replace('my-app', { ...minimalInput, slug: 'renamed' });
      await service.patch('my-app', { title: 'New' });

      expect(repo.update.firstCall.args[2]).to.deep.equal(
        changed('ev-1', { resource: 'project', action: 'updated', id: 'p-7', slug: 'renamed' }),
      );
      expect(repo.update.secondCall.args[2]).to.deep.equal(
        changed('ev-2', { resource: 'project', action: 'updated', id: 'p-7', slug: 'my-app' }),
      );
      expect(wake.callCount).to.equal(2);
    });

    it('when a project is deleted, then the write records deleted with the slug it had', async () => {
      await service.delete('my-app');

      expect(repo.delete.firstCall.args[2]).to.deep.equal(
        changed('ev-1', { resource: 'project', action: 'deleted', id: 'p-7', slug: 'my-app' }),
      );
      expect(wake.calledOnce).to.equal(true);
    });

    it('when a write lost a race and was retried, then the stored attempt carries its own event', async () => {
      repo.update.onFirstCall().rejects(new StaleWriteError('project'));
      repo.findBySlug
        .withArgs('my-app')
        .onSecondCall()
        .resolves({ ...current, version: 5 });

      await service.patch('my-app', { title: 'New' });

      expect(repo.update.firstCall.args[2]).to.deep.equal(
        changed('ev-1', { resource: 'project', action: 'updated', id: 'p-7', slug: 'my-app' }),
      );
      expect(repo.update.secondCall.args[2]).to.deep.equal(
        changed('ev-2', { resource: 'project', action: 'updated', id: 'p-7', slug: 'my-app' }),
      );
    });

    it('when a write is refused (precondition, rules, storage), then the dispatcher is not woken', async () => {
      await rejectionOf(service.patch('my-app', { title: 'x' }, () => false));
      await rejectionOf(service.create({ ...minimalInput, startedAt: '2024-02-01', endedAt: '2023-01-01' }));
      repo.delete.rejects(new Error('disk on fire'));
      await rejectionOf(service.delete('my-app'));

      expect(wake.called).to.equal(false);
    });
  });
});
