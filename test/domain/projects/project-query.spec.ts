import { expect } from 'chai';
import {
  PROJECT_SORTS,
  projectComparator,
  projectMatcher,
  searchTerms,
  type ProjectCriteria,
  type ProjectSort,
} from '../../../src/domain/projects/project-query.js';
import type { Project } from '../../../src/domain/projects/project.js';
import { aProject } from '../../support/builders.js';
import { expectConsistentComparator } from '../../support/comparators.js';

const matches = (criteria: Partial<ProjectCriteria>, project: Project): boolean =>
  projectMatcher({ status: 'all', tags: [], ...criteria })(project);

describe('searchTerms', () => {
  it('splits on any whitespace, lower-cases and drops empty terms', () => {
    expect(searchTerms('  Koa\tAPI \n tests ')).to.deep.equal(['koa', 'api', 'tests']);
  });

  it('when there is no query, then there are no terms', () => {
    expect(searchTerms(undefined)).to.deep.equal([]);
    expect(searchTerms('   ')).to.deep.equal([]);
  });
});

describe('projectMatcher', () => {
  const published = aProject({ slug: 'pub', status: 'published' });
  const draft = aProject({ slug: 'dra', status: 'draft' });

  describe('status', () => {
    it('when "published", then only published projects match', () => {
      expect(matches({ status: 'published' }, published)).to.equal(true);
      expect(matches({ status: 'published' }, draft)).to.equal(false);
    });

    it('when "draft", then only drafts match', () => {
      expect(matches({ status: 'draft' }, draft)).to.equal(true);
      expect(matches({ status: 'draft' }, published)).to.equal(false);
    });

    it('when "all", then both match', () => {
      expect(matches({ status: 'all' }, draft)).to.equal(true);
      expect(matches({ status: 'all' }, published)).to.equal(true);
    });
  });

  describe('tags', () => {
    const tagged = aProject({ tags: ['api', 'koa', 'postgres'] });

    it('when no tags are asked for, then every project matches', () => {
      expect(matches({ tags: [] }, aProject({ tags: [] }))).to.equal(true);
    });

    it('when several tags are asked for, then a project must carry every one of them', () => {
      expect(matches({ tags: ['api', 'postgres'] }, tagged)).to.equal(true);
      expect(matches({ tags: ['api', 'redis'] }, tagged)).to.equal(false);
    });

    it('when one tag is asked for, then a project without it does not match', () => {
      expect(matches({ tags: ['koa'] }, tagged)).to.equal(true);
      expect(matches({ tags: ['ko'] }, tagged)).to.equal(false);
    });
  });

  describe('tech', () => {
    const project = aProject({ tech: ['TypeScript', 'Node.js'] });

    it('matches a technology whatever the case on either side', () => {
      expect(matches({ tech: 'typescript' }, project)).to.equal(true);
      expect(matches({ tech: 'NODE.JS' }, project)).to.equal(true);
    });

    it('compares whole names, not parts of them', () => {
      expect(matches({ tech: 'type' }, project)).to.equal(false);
    });

    it('when the project does not use it, then it does not match', () => {
      expect(matches({ tech: 'rust' }, project)).to.equal(false);
    });
  });

  describe('featured', () => {
    const featured = aProject({ featured: true });
    const plain = aProject({ featured: false });

    it('when true, then only featured projects match', () => {
      expect(matches({ featured: true }, featured)).to.equal(true);
      expect(matches({ featured: true }, plain)).to.equal(false);
    });

    it('when false, then only projects that are not featured match', () => {
      expect(matches({ featured: false }, plain)).to.equal(true);
      expect(matches({ featured: false }, featured)).to.equal(false);
    });

    it('when absent, then both match', () => {
      expect(matches({}, featured)).to.equal(true);
      expect(matches({}, plain)).to.equal(true);
    });
  });

  describe('q', () => {
    const project = aProject({
      slug: 'slug-only-word',
      title: 'Inventory Service',
      summary: 'Tracks stock levels',
      description: 'Built with **event sourcing**',
      tags: ['warehouse'],
      tech: ['Kotlin'],
    });

    it('finds a term in the title, the summary, the description or a tag', () => {
      expect(matches({ q: 'inventory' }, project)).to.equal(true);
      expect(matches({ q: 'stock' }, project)).to.equal(true);
      expect(matches({ q: 'sourcing' }, project)).to.equal(true);
      expect(matches({ q: 'warehouse' }, project)).to.equal(true);
    });

    it('is case-insensitive on both sides', () => {
      expect(matches({ q: 'INVENTORY sErViCe' }, project)).to.equal(true);
    });

    it('matches parts of words', () => {
      expect(matches({ q: 'invent' }, project)).to.equal(true);
    });

    it('when several terms are given, then each must occur, in any of the fields', () => {
      expect(matches({ q: 'inventory stock warehouse' }, project)).to.equal(true);
      expect(matches({ q: 'inventory payroll' }, project)).to.equal(false);
    });

    it('does not match a term that only appears across two fields joined together', () => {
      // "service" ends the title and "tracks" starts the summary.
      expect(matches({ q: 'servicetracks' }, project)).to.equal(false);
      expect(matches({ q: 'sourcingwarehouse' }, project)).to.equal(false);
    });

    it('does not search technologies or the slug', () => {
      expect(matches({ q: 'kotlin' }, project)).to.equal(false);
      expect(matches({ q: 'slug-only-word' }, project)).to.equal(false);
    });

    it('when the query is blank, then it does not filter', () => {
      expect(matches({ q: '   ' }, project)).to.equal(true);
    });
  });

  describe('combined', () => {
    const criteria: ProjectCriteria = {
      status: 'published',
      tags: ['api'],
      tech: 'go',
      featured: true,
      q: 'ledger',
    };
    const fitting = aProject({
      status: 'published',
      tags: ['api', 'cli'],
      tech: ['Go'],
      featured: true,
      title: 'Ledger',
    });

    it('when every criterion holds, then the project matches', () => {
      expect(projectMatcher(criteria)(fitting)).to.equal(true);
    });

    const misses: Array<[string, Partial<Project>]> = [
      ['status', { status: 'draft' }],
      ['tags', { tags: ['cli'] }],
      ['tech', { tech: ['Rust'] }],
      ['featured', { featured: false }],
      ['q', { title: 'Journal' }],
    ];
    for (const [criterion, change] of misses) {
      it(`when only ${criterion} fails, then the project does not match`, () => {
        expect(projectMatcher(criteria)({ ...fitting, ...change })).to.equal(false);
      });
    }
  });
});

describe('projectComparator', () => {
  const sortSlugs = (sort: ProjectSort, projects: Project[]): string[] =>
    [...projects].sort(projectComparator(sort)).map((project) => project.slug);

  const byStart = [
    aProject({ slug: 'mid', startedAt: '2023-06-01' }),
    aProject({ slug: 'old', startedAt: '2021-01-01' }),
    aProject({ slug: 'new', startedAt: '2024-12-31' }),
  ];
  const byTitle = [
    aProject({ slug: 'b', title: 'Banana' }),
    aProject({ slug: 'c', title: 'cherry' }),
    aProject({ slug: 'a', title: 'apple' }),
  ];
  const byUpdate = [
    aProject({ slug: 'mid', updatedAt: '2025-03-01T12:00:00.000Z' }),
    aProject({ slug: 'new', updatedAt: '2025-03-01T12:00:00.001Z' }),
    aProject({ slug: 'old', updatedAt: '2024-01-01T00:00:00.000Z' }),
  ];

  it('"startedAt" orders oldest first', () => {
    expect(sortSlugs('startedAt', byStart)).to.deep.equal(['old', 'mid', 'new']);
  });

  it('"-startedAt" orders newest first', () => {
    expect(sortSlugs('-startedAt', byStart)).to.deep.equal(['new', 'mid', 'old']);
  });

  it('"title" orders alphabetically, ignoring case', () => {
    expect(sortSlugs('title', byTitle)).to.deep.equal(['a', 'b', 'c']);
  });

  it('"-title" orders reverse-alphabetically, ignoring case', () => {
    expect(sortSlugs('-title', byTitle)).to.deep.equal(['c', 'b', 'a']);
  });

  it('"updatedAt" orders least recently updated first', () => {
    expect(sortSlugs('updatedAt', byUpdate)).to.deep.equal(['old', 'mid', 'new']);
  });

  it('"-updatedAt" orders most recently updated first', () => {
    expect(sortSlugs('-updatedAt', byUpdate)).to.deep.equal(['new', 'mid', 'old']);
  });

  const ties: Record<ProjectSort, Partial<Project>> = {
    startedAt: { startedAt: '2024-01-01' },
    '-startedAt': { startedAt: '2024-01-01' },
    title: { title: 'Same' },
    '-title': { title: 'Same' },
    updatedAt: { updatedAt: '2025-01-01T00:00:00.000Z' },
    '-updatedAt': { updatedAt: '2025-01-01T00:00:00.000Z' },
  };
  for (const sort of PROJECT_SORTS) {
    it(`"${sort}" breaks ties by slug ascending`, () => {
      const tied = ['delta', 'alpha', 'charlie', 'bravo'].map((slug) => aProject({ slug, ...ties[sort] }));
      expect(sortSlugs(sort, tied)).to.deep.equal(['alpha', 'bravo', 'charlie', 'delta']);
    });
  }

  it('treats titles that differ only in case as a tie, broken by slug ascending in both directions', () => {
    const projects = [aProject({ slug: 'z', title: 'api' }), aProject({ slug: 'y', title: 'API' })];
    expect(sortSlugs('title', projects)).to.deep.equal(['y', 'z']);
    expect(sortSlugs('-title', projects)).to.deep.equal(['y', 'z']);
  });

  for (const sort of PROJECT_SORTS) {
    it(`"${sort}" is a consistent comparator: either way round, opposite signs`, () => {
      const projects = [
        aProject({ slug: 'a', title: 'Same', startedAt: '2024-01-01', updatedAt: '2025-01-01T00:00:00.000Z' }),
        aProject({ slug: 'b', title: 'same', startedAt: '2024-01-01', updatedAt: '2025-01-01T00:00:00.000Z' }),
        aProject({ slug: 'c', title: 'Other', startedAt: '2023-01-01', updatedAt: '2025-02-01T00:00:00.000Z' }),
      ];
      expectConsistentComparator(projectComparator(sort), projects, (project) => project.slug);
    });
  }

  it('applies the slug tie-break only among equals', () => {
    const projects = [
      aProject({ slug: 'a', startedAt: '2020-01-01' }),
      aProject({ slug: 'c', startedAt: '2024-01-01' }),
      aProject({ slug: 'b', startedAt: '2024-01-01' }),
    ];
    expect(sortSlugs('-startedAt', projects)).to.deep.equal(['b', 'c', 'a']);
    expect(sortSlugs('startedAt', projects)).to.deep.equal(['a', 'b', 'c']);
  });
});
