import { expect } from 'chai';
import { openMemoryStorage } from '../../../../src/adapters/persistence/memory/memory.storage.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import {
  PROJECT_SORTS,
  type ProjectCriteria,
  type ProjectListQuery,
} from '../../../../src/domain/projects/project-query.js';
import type { Project } from '../../../../src/domain/projects/project.js';
import { aProject } from '../../../support/builders.js';
import { usePostgresStorage } from './postgres-test-schema.js';

/**
 * Filtering, sorting, paging and tag counts are SQL here and JavaScript in
 * the memory adapter, which is the reference: the same projects and the same
 * queries must give the same answers. The titles, dates and tags are chosen
 * to tie and to differ only by case or accents.
 */
const PROJECTS: Project[] = [
  aProject({
    id: 'p-01',
    slug: 'alpha',
    title: 'Alpha',
    tags: ['api', 'node'],
    tech: ['Node.js', 'PostgreSQL'],
    featured: true,
    startedAt: '2024-03-01',
    updatedAt: '2025-01-03T00:00:00.000Z',
  }),
  aProject({
    id: 'p-02',
    slug: 'alpha-2',
    title: 'alpha',
    tags: ['node'],
    tech: ['node.js'],
    startedAt: '2024-03-01',
    updatedAt: '2025-01-03T00:00:00.000Z',
  }),
  aProject({
    id: 'p-03',
    slug: 'a-accent',
    title: 'Álpha',
    summary: 'Accented twin',
    tags: ['api'],
    startedAt: '2023-01-15',
    updatedAt: '2025-01-01T00:00:00.000Z',
  }),
  aProject({
    id: 'p-04',
    slug: 'beta',
    title: 'beta release',
    description: 'Uses 100% of the CPU_time',
    tags: ['cli'],
    tech: ['Go'],
    status: 'draft',
    startedAt: '2022-06-30',
    updatedAt: '2025-02-01T12:00:00.000Z',
  }),
  aProject({
    id: 'p-05',
    slug: 'zeta',
    title: 'Zeta',
    summary: 'Search ENGINE for notes',
    tags: ['search', 'api'],
    tech: ['Rust'],
    featured: true,
    startedAt: '2024-03-01',
    updatedAt: '2024-12-31T23:59:59.999Z',
  }),
  aProject({
    id: 'p-06',
    slug: 'eclair',
    title: 'Éclair',
    description: 'Pâtisserie tracker',
    tags: ['food'],
    tech: ['TypeScript'],
    startedAt: '2021-01-01',
    endedAt: '2021-12-31',
  }),
  aProject({
    id: 'p-07',
    slug: 'echo',
    title: 'echo',
    tags: ['cli', 'node'],
    tech: ['TYPESCRIPT'],
    status: 'draft',
    startedAt: '2021-01-01',
  }),
  aProject({
    id: 'p-08',
    slug: '10-things',
    title: '10 things',
    tags: ['api', 'node', 'cli'],
    tech: ['Node.js'],
    startedAt: '2020-05-05',
    updatedAt: '2025-03-01T00:00:00.000Z',
  }),
  aProject({ id: 'p-09', slug: '2-things', title: '2 things', tags: ['api'], featured: true, startedAt: '2020-05-05' }),
  aProject({
    id: 'p-10',
    slug: 'under-score',
    title: 'Under_score',
    summary: 'The 50%_solution',
    tags: [],
    startedAt: '2019-09-09',
    updatedAt: '2025-01-03T00:00:00.000Z',
  }),
  aProject({
    id: 'p-11',
    slug: 'b',
    title: 'B',
    tags: ['search'],
    tech: ['Go', 'Rust'],
    status: 'draft',
    startedAt: '2024-03-01',
  }),
  aProject({ id: 'p-12', slug: 'a', title: 'b', tags: ['node', 'api'], tech: ['Deno'], startedAt: '2018-01-01' }),
];

const CRITERIA: ProjectCriteria[] = [
  { status: 'published', tags: [] },
  { status: 'draft', tags: [] },
  { status: 'all', tags: [] },
  { status: 'all', tags: ['api'] },
  { status: 'published', tags: ['api', 'node'] },
  { status: 'all', tags: ['node', 'cli', 'api'] },
  { status: 'all', tags: ['nope'] },
  { status: 'all', tags: [], tech: 'node.js' },
  { status: 'all', tags: [], tech: 'TypeScript' },
  { status: 'all', tags: [], tech: 'node' },
  { status: 'all', tags: [], featured: true },
  { status: 'published', tags: [], featured: false },
  { status: 'all', tags: [], q: 'ALPHA' },
  { status: 'all', tags: [], q: 'álpha' },
  { status: 'all', tags: [], q: '  search   engine ' },
  { status: 'all', tags: [], q: 'engine cli' },
  { status: 'all', tags: [], q: 'node things' },
  { status: 'all', tags: [], q: 'pâtisserie' },
  { status: 'all', tags: [], q: '100%' },
  { status: 'all', tags: [], q: '%' },
  { status: 'all', tags: [], q: '_' },
  { status: 'all', tags: [], q: 'u_s' },
  { status: 'all', tags: [], q: 'accented\ntwin' },
  { status: 'all', tags: [], q: 'twin accented' },
  { status: 'all', tags: [], q: '' },
  { status: 'all', tags: ['api'], tech: 'node.js', featured: true, q: 'alpha' },
];

const PAGES: Pick<ProjectListQuery, 'offset' | 'limit'>[] = [
  { offset: 0 },
  { offset: 0, limit: 3 },
  { offset: 3, limit: 3 },
  { offset: 10, limit: 5 },
  { offset: 50, limit: 20 },
  { offset: 2 },
];

describe('PostgreSQL project queries, compared with the memory adapter', function () {
  const db = usePostgresStorage('PostgreSQL project queries');
  let memory: Storage;

  beforeEach(async function () {
    memory = openMemoryStorage();
    for (const project of PROJECTS) {
      await db.storage.projects.create(project);
      await memory.projects.create(project);
    }
  });

  for (const sort of PROJECT_SORTS) {
    it(`when sorted by ${sort}, then every filter and page gives what memory gives`, async function () {
      for (const criteria of CRITERIA) {
        for (const page of PAGES) {
          const query: ProjectListQuery = { ...criteria, ...page, sort };
          const expected = await memory.projects.list(query);
          const actual = await db.storage.projects.list(query);
          expect(actual, JSON.stringify(query)).to.deep.equal(expected);
        }
      }
    });
  }

  it('when sorted by title, then case and accents are ignored and ties go by slug', async function () {
    const slugs = async (sort: '-title' | 'title') =>
      (await db.storage.projects.list({ status: 'all', tags: [], sort, offset: 0 })).items.map((p) => p.slug);
    expect(await slugs('title')).to.deep.equal([
      '10-things',
      '2-things',
      'a-accent',
      'alpha',
      'alpha-2',
      'a',
      'b',
      'beta',
      'echo',
      'eclair',
      'under-score',
      'zeta',
    ]);
    expect(await slugs('-title')).to.deep.equal([
      'zeta',
      'under-score',
      'eclair',
      'echo',
      'beta',
      'a',
      'b',
      'a-accent',
      'alpha',
      'alpha-2',
      '2-things',
      '10-things',
    ]);
  });

  it('when counting tags, then only published projects count, most used first, ties by tag', async function () {
    const expected = await memory.projects.tagCounts();
    expect(await db.storage.projects.tagCounts()).to.deep.equal(expected);
    expect(expected.slice(0, 2)).to.deep.equal([
      { tag: 'api', count: 6 },
      { tag: 'node', count: 4 },
    ]);
  });
});
