import { expect } from 'chai';
import type { Project } from '../../../../src/domain/projects/project.js';
import type { ProjectListQuery, ProjectSort } from '../../../../src/domain/projects/project-query.js';
import { SlugTakenError, StaleWriteError } from '../../../../src/domain/shared/errors.js';
import type { Slice } from '../../../../src/domain/shared/page.js';
import { aProject } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

/**
 * Four projects that tell the criteria apart: a draft, mixed-case titles
 * (title order is case-insensitive), tags in a non-alphabetical order, and
 * search terms spread over title, summary, description and tags.
 */
const CATALOGUE: readonly Project[] = [
  aProject({
    id: 'p-c',
    slug: 'charlie',
    title: 'Charlie',
    summary: 'Kafka consumer',
    tags: ['backend'],
    tech: ['Go'],
    startedAt: '2022-01-01',
    updatedAt: '2025-02-01T00:00:00.000Z',
  }),
  aProject({
    id: 'p-a',
    slug: 'alpha',
    title: 'Alpha',
    summary: 'Event pipeline',
    description: 'Handles low latency streams',
    tags: ['kafka', 'backend'],
    tech: ['TypeScript', 'Kafka'],
    featured: true,
    startedAt: '2023-01-01',
    updatedAt: '2025-03-01T00:00:00.000Z',
  }),
  aProject({
    id: 'p-d',
    slug: 'delta',
    title: 'Delta',
    summary: 'Unreleased work',
    tags: ['backend', 'kafka'],
    tech: ['typescript'],
    featured: true,
    status: 'draft',
    startedAt: '2024-01-01',
    updatedAt: '2025-04-01T00:00:00.000Z',
  }),
  aProject({
    id: 'p-b',
    slug: 'bravo',
    title: 'bravo',
    summary: 'Portfolio site',
    tags: ['frontend'],
    tech: ['React'],
    startedAt: '2024-05-01',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }),
];

function query(overrides: Partial<ProjectListQuery> = {}): ProjectListQuery {
  return { status: 'all', tags: [], sort: 'title', offset: 0, ...overrides };
}

const slugsOf = (slice: Slice<Project>): string[] => slice.items.map((project) => project.slug);

export function describeProjectRepositoryContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`ProjectRepository contract (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const projects = () => storage().projects;

    async function createAll(list: readonly Project[]): Promise<void> {
      for (const project of list) await projects().create(project);
    }

    describe('create and findBySlug', () => {
      it('when nothing has the slug, then findBySlug resolves null', async () => {
        expect(await projects().findBySlug('nothing-here')).to.equal(null);
      });

      it('when a minimal project is created, then it comes back exactly, with no optional field added', async () => {
        const project = aProject({ id: 'p-1', slug: 'minimal' });
        await projects().create(project);
        const stored = await projects().findBySlug('minimal');
        expect(stored).to.deep.equal(project);
        expect(stored?.links).to.deep.equal({});
      });

      it('when every field is set, then every field comes back, lists in their order', async () => {
        const project = aProject({
          id: 'p-full',
          slug: 'full-project',
          title: 'Full project',
          summary: 'Every field set',
          description: '# Heading\n\nSome *Markdown* with `code`.',
          tags: ['zeta', 'alpha', 'mid'],
          tech: ['TypeScript', 'PostgreSQL', 'Koa'],
          links: { repo: 'https://github.com/x/y', live: 'https://y.example.com', caseStudy: 'https://example.com/y' },
          featured: true,
          status: 'draft',
          startedAt: '2023-02-28',
          endedAt: '2024-12-31',
          createdAt: '2025-01-02T03:04:05.678Z',
          updatedAt: '2025-06-07T08:09:10.111Z',
          version: 7,
        });
        await projects().create(project);
        expect(await projects().findBySlug('full-project')).to.deep.equal(project);
      });

      it('when the slug is taken, then SlugTakenError and the first project is unchanged', async () => {
        const first = aProject({ id: 'p-1', slug: 'taken', title: 'First' });
        await projects().create(first);
        const error = await expectRejection(
          projects().create(aProject({ id: 'p-2', slug: 'taken', title: 'Second' })),
          SlugTakenError,
        );
        expect(error.slug).to.equal('taken');
        expect(await projects().findBySlug('taken')).to.deep.equal(first);
        expect((await projects().list(query())).total).to.equal(1);
      });

      it('when many are created at once, then every one is kept', async () => {
        const many = Array.from({ length: 20 }, (_, i) => aProject({ id: `p-${i}`, slug: `project-${i}` }));
        await Promise.all(many.map((project) => projects().create(project)));
        const listed = await projects().list(query());
        expect(listed.total).to.equal(20);
        expect(listed.items).to.have.deep.members(many);
      });
    });

    describe('update', () => {
      const original = aProject({ id: 'p-1', slug: 'original', title: 'Original', version: 1 });

      it('when the expected version is the stored one, then the new content is stored', async () => {
        await projects().create(original);
        const next = {
          ...original,
          title: 'Changed',
          tags: ['new'],
          updatedAt: '2025-05-05T00:00:00.000Z',
          version: 2,
        };
        await projects().update(next, 1);
        expect(await projects().findBySlug('original')).to.deep.equal(next);
      });

      it('when an optional field is dropped, then it is absent afterwards', async () => {
        const withLinks = { ...original, links: { repo: 'https://github.com/x/y' }, endedAt: '2024-06-01' };
        await projects().create(withLinks);
        await projects().update({ ...withLinks, links: {}, endedAt: null, version: 2 }, 1);
        const stored = await projects().findBySlug('original');
        expect(stored?.links).to.deep.equal({});
        expect(stored?.endedAt).to.equal(null);
      });

      it('when the slug changes to a free one, then the project moves to it', async () => {
        await projects().create(original);
        const moved = { ...original, slug: 'renamed', version: 2 };
        await projects().update(moved, 1);
        expect(await projects().findBySlug('original')).to.equal(null);
        expect(await projects().findBySlug('renamed')).to.deep.equal(moved);
      });

      it('when the project keeps its own slug, then that is not a conflict', async () => {
        await projects().create(original);
        await projects().update({ ...original, title: 'Same slug', version: 2 }, 1);
        expect((await projects().findBySlug('original'))?.title).to.equal('Same slug');
      });

      it('when the slug changes to a taken one, then SlugTakenError and both are unchanged', async () => {
        const other = aProject({ id: 'p-2', slug: 'other' });
        await createAll([original, other]);
        await expectRejection(projects().update({ ...original, slug: 'other', version: 2 }, 1), SlugTakenError);
        expect(await projects().findBySlug('original')).to.deep.equal(original);
        expect(await projects().findBySlug('other')).to.deep.equal(other);
      });

      it('when the expected version is not the stored one, then StaleWriteError and nothing changes', async () => {
        const stored = { ...original, version: 3 };
        await projects().create(stored);
        await expectRejection(projects().update({ ...stored, title: 'Late', version: 3 }, 2), StaleWriteError);
        expect(await projects().findBySlug('original')).to.deep.equal(stored);
      });

      it('when no project has the id, then StaleWriteError and nothing is created', async () => {
        await expectRejection(projects().update({ ...original, id: 'p-gone' }, 1), StaleWriteError);
        expect(await projects().findBySlug('original')).to.equal(null);
        expect((await projects().list(query())).total).to.equal(0);
      });

      it('when two updates race on the same version, then exactly one wins and the other gets StaleWriteError', async () => {
        await projects().create(original);
        const outcome = await settleAll([
          projects().update({ ...original, title: 'One', version: 2 }, 1),
          projects().update({ ...original, title: 'Two', version: 2 }, 1),
        ]);
        expect(outcome.fulfilled).to.equal(1);
        expect(outcome.rejected).to.have.length(1);
        expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      });
    });

    describe('delete', () => {
      const project = aProject({ id: 'p-1', slug: 'doomed', version: 2 });

      it('when the expected version is the stored one, then the project is gone and its slug is free', async () => {
        await projects().create(project);
        await projects().delete('p-1', 2);
        expect(await projects().findBySlug('doomed')).to.equal(null);
        expect((await projects().list(query())).total).to.equal(0);
        await projects().create(aProject({ id: 'p-2', slug: 'doomed' }));
        expect((await projects().findBySlug('doomed'))?.id).to.equal('p-2');
      });

      it('when the expected version is not the stored one, then StaleWriteError and it is still there', async () => {
        await projects().create(project);
        await expectRejection(projects().delete('p-1', 1), StaleWriteError);
        expect(await projects().findBySlug('doomed')).to.deep.equal(project);
      });

      it('when no project has the id, then StaleWriteError', async () => {
        await projects().create(project);
        await expectRejection(projects().delete('p-gone', 2), StaleWriteError);
        expect((await projects().list(query())).total).to.equal(1);
      });
    });

    describe('list', () => {
      beforeEach(async () => {
        await createAll(CATALOGUE);
      });

      it('when nothing matches, then an empty slice with total 0', async () => {
        expect(await projects().list(query({ tags: ['nope'] }))).to.deep.equal({ items: [], total: 0 });
      });

      it('returns the stored projects exactly', async () => {
        const listed = await projects().list(query());
        expect(listed.items).to.deep.equal([...CATALOGUE].sort((a, b) => (a.slug < b.slug ? -1 : 1)));
      });

      describe('status', () => {
        it('published: only published projects', async () => {
          expect(slugsOf(await projects().list(query({ status: 'published' })))).to.deep.equal([
            'alpha',
            'bravo',
            'charlie',
          ]);
        });
        it('draft: only drafts', async () => {
          expect(slugsOf(await projects().list(query({ status: 'draft' })))).to.deep.equal(['delta']);
        });
        it('all: both', async () => {
          expect(slugsOf(await projects().list(query({ status: 'all' })))).to.deep.equal([
            'alpha',
            'bravo',
            'charlie',
            'delta',
          ]);
        });
      });

      describe('tags', () => {
        it('one tag: the projects carrying it', async () => {
          expect(slugsOf(await projects().list(query({ tags: ['backend'] })))).to.deep.equal([
            'alpha',
            'charlie',
            'delta',
          ]);
        });
        it('several tags: only projects carrying every one (AND)', async () => {
          expect(slugsOf(await projects().list(query({ tags: ['backend', 'kafka'] })))).to.deep.equal([
            'alpha',
            'delta',
          ]);
          expect(slugsOf(await projects().list(query({ tags: ['kafka', 'frontend'] })))).to.deep.equal([]);
        });
      });

      describe('tech', () => {
        it('matches case-insensitively, whole names only', async () => {
          expect(slugsOf(await projects().list(query({ tech: 'TYPESCRIPT' })))).to.deep.equal(['alpha', 'delta']);
          expect(slugsOf(await projects().list(query({ tech: 'kafka' })))).to.deep.equal(['alpha']);
          expect(slugsOf(await projects().list(query({ tech: 'type' })))).to.deep.equal([]);
        });
      });

      describe('featured', () => {
        it('true and false each select their side; absent selects both', async () => {
          expect(slugsOf(await projects().list(query({ featured: true })))).to.deep.equal(['alpha', 'delta']);
          expect(slugsOf(await projects().list(query({ featured: false })))).to.deep.equal(['bravo', 'charlie']);
          expect((await projects().list(query())).total).to.equal(4);
        });
      });

      describe('q', () => {
        it('one term: case-insensitive, in title, summary, description or tags', async () => {
          expect(slugsOf(await projects().list(query({ q: 'KAFKA' })))).to.deep.equal(['alpha', 'charlie', 'delta']);
          expect(slugsOf(await projects().list(query({ q: 'bravo' })))).to.deep.equal(['bravo']);
          expect(slugsOf(await projects().list(query({ q: 'portfolio' })))).to.deep.equal(['bravo']);
          expect(slugsOf(await projects().list(query({ q: 'latency' })))).to.deep.equal(['alpha']);
          expect(slugsOf(await projects().list(query({ q: 'frontend' })))).to.deep.equal(['bravo']);
        });
        it('several terms: every one must occur, each in any of the fields', async () => {
          expect(slugsOf(await projects().list(query({ q: 'latency kafka' })))).to.deep.equal(['alpha']);
          expect(slugsOf(await projects().list(query({ q: '  Kafka   CONSUMER ' })))).to.deep.equal(['charlie']);
          expect(slugsOf(await projects().list(query({ q: 'kafka portfolio' })))).to.deep.equal([]);
        });
        it('does not search technologies', async () => {
          expect(slugsOf(await projects().list(query({ q: 'react' })))).to.deep.equal([]);
        });
        it('matches parts of words', async () => {
          expect(slugsOf(await projects().list(query({ q: 'pipe' })))).to.deep.equal(['alpha']);
        });
      });

      it('combines every criterion', async () => {
        const slice = await projects().list(
          query({ status: 'published', tags: ['backend'], tech: 'go', featured: false, q: 'consumer' }),
        );
        expect(slugsOf(slice)).to.deep.equal(['charlie']);
        expect(slice.total).to.equal(1);
      });

      describe('sort', () => {
        const expected: Record<ProjectSort, string[]> = {
          '-startedAt': ['bravo', 'delta', 'alpha', 'charlie'],
          startedAt: ['charlie', 'alpha', 'delta', 'bravo'],
          title: ['alpha', 'bravo', 'charlie', 'delta'],
          '-title': ['delta', 'charlie', 'bravo', 'alpha'],
          '-updatedAt': ['delta', 'alpha', 'charlie', 'bravo'],
          updatedAt: ['bravo', 'charlie', 'alpha', 'delta'],
        };
        for (const [sort, slugs] of Object.entries(expected) as [ProjectSort, string[]][]) {
          it(`${sort}`, async () => {
            expect(slugsOf(await projects().list(query({ sort })))).to.deep.equal(slugs);
          });
        }
      });

      describe('offset and limit', () => {
        it('return the requested window and the total of every match', async () => {
          const slice = await projects().list(query({ offset: 1, limit: 2 }));
          expect(slugsOf(slice)).to.deep.equal(['bravo', 'charlie']);
          expect(slice.total).to.equal(4);
        });
        it('the last window may be short', async () => {
          const slice = await projects().list(query({ offset: 3, limit: 2 }));
          expect(slugsOf(slice)).to.deep.equal(['delta']);
          expect(slice.total).to.equal(4);
        });
        it('past the end: no items, the total still counted', async () => {
          expect(await projects().list(query({ offset: 4, limit: 2 }))).to.deep.equal({ items: [], total: 4 });
          expect(await projects().list(query({ offset: 50, limit: 10 }))).to.deep.equal({ items: [], total: 4 });
        });
        it('without a limit: every match from the offset on', async () => {
          const slice = await projects().list(query({ offset: 2 }));
          expect(slugsOf(slice)).to.deep.equal(['charlie', 'delta']);
          expect(slice.total).to.equal(4);
        });
        it('the total counts the filtered matches, not every project', async () => {
          const slice = await projects().list(query({ status: 'published', offset: 0, limit: 1 }));
          expect(slugsOf(slice)).to.deep.equal(['alpha']);
          expect(slice.total).to.equal(3);
        });
      });
    });

    describe('ties in the sort order', () => {
      // Inserted out of slug order so that insertion order cannot pass for slug order.
      const twins = ['zulu', 'alpha', 'mike'].map((slug, i) =>
        aProject({
          id: `p-${slug}`,
          slug,
          title: 'Same title',
          startedAt: '2024-01-01',
          updatedAt: '2025-01-01T00:00:00.000Z',
          version: i + 1,
        }),
      );

      for (const sort of ['-startedAt', 'startedAt', 'title', '-title', '-updatedAt', 'updatedAt'] as const) {
        it(`${sort}: broken by slug ascending`, async () => {
          await createAll(twins);
          expect(slugsOf(await projects().list(query({ sort })))).to.deep.equal(['alpha', 'mike', 'zulu']);
        });
      }

      it('titles equal but for case count as a tie', async () => {
        await createAll([
          aProject({ id: 'p-2', slug: 'second', title: 'Same' }),
          aProject({ id: 'p-1', slug: 'first', title: 'same' }),
        ]);
        expect(slugsOf(await projects().list(query({ sort: 'title' })))).to.deep.equal(['first', 'second']);
        expect(slugsOf(await projects().list(query({ sort: '-title' })))).to.deep.equal(['first', 'second']);
      });

      it('pages through ties without skipping or repeating', async () => {
        await createAll(twins);
        const pages = [];
        for (let offset = 0; offset < 3; offset++)
          pages.push(...slugsOf(await projects().list(query({ sort: '-startedAt', offset, limit: 1 }))));
        expect(pages).to.deep.equal(['alpha', 'mike', 'zulu']);
      });
    });

    describe('tagCounts', () => {
      it('when there are no projects, then no tags', async () => {
        expect(await projects().tagCounts()).to.deep.equal([]);
      });

      it('counts tags of published projects only, most used first, ties by tag', async () => {
        await createAll(CATALOGUE);
        expect(await projects().tagCounts()).to.deep.equal([
          { tag: 'backend', count: 2 },
          { tag: 'frontend', count: 1 },
          { tag: 'kafka', count: 1 },
        ]);
      });

      it('follows writes: publishing a draft counts its tags', async () => {
        await createAll(CATALOGUE);
        const draft = CATALOGUE.find((project) => project.slug === 'delta')!;
        await projects().update({ ...draft, status: 'published', version: 2 }, 1);
        expect(await projects().tagCounts()).to.deep.equal([
          { tag: 'backend', count: 3 },
          { tag: 'kafka', count: 2 },
          { tag: 'frontend', count: 1 },
        ]);
      });
    });
  });
}
