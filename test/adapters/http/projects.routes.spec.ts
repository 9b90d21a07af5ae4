import { expect } from 'chai';
import type { Project } from '../../../src/domain/projects/project.js';
import { aProject } from '../../support/builders.js';
import { NOW } from '../../support/fakes.js';
import { AUTH, testApp } from '../../support/http-app.js';
import {
  JSON_UTF8,
  content,
  expectNotFound,
  expectProblem,
  expectQueryValidation,
  expectUnauthorized,
  expectValidation,
  view,
} from './http-expectations.js';

const BASE = '/api/v1/projects';
const MALFORMED_IF_MATCH =
  'Must be * or one or more ETags exactly as the ETag header gives them, quotes included (If-Match: "abc"), not wrapped in a second pair of quotes';

/** Four published projects and a draft that differ in exactly the fields the filters look at. */
const gateway = aProject({
  id: 'p-gateway',
  slug: 'api-gateway',
  title: 'API gateway',
  summary: 'Routes requests to services',
  tags: ['node', 'api'],
  tech: ['TypeScript', 'Koa'],
  featured: true,
  startedAt: '2024-05-01',
});
const site = aProject({
  id: 'p-site',
  slug: 'static-site',
  title: 'Static site',
  summary: 'A personal web site',
  description: 'Written in **Markdown**',
  tags: ['web'],
  tech: ['Astro'],
  startedAt: '2024-03-01',
});
const cli = aProject({
  id: 'p-cli',
  slug: 'cli-tool',
  title: 'CLI tool',
  summary: 'A command line helper',
  tags: ['node', 'cli'],
  tech: ['Rust'],
  startedAt: '2023-09-01',
});
const draft = aProject({
  id: 'p-draft',
  slug: 'secret-plan',
  title: 'Secret plan',
  summary: 'Not ready yet',
  tags: ['node', 'api'],
  tech: ['typescript'],
  status: 'draft',
  startedAt: '2025-01-01',
});

const filterContent = content({ projects: [cli, draft, site, gateway] });

const listOf = (
  projects: Project[],
  meta: { page?: number; limit?: number; total?: number; totalPages?: number } = {},
) => ({
  data: projects.map(view),
  meta: { page: 1, limit: 20, total: projects.length, totalPages: projects.length === 0 ? 0 : 1, ...meta },
});

/** The smallest valid POST body. */
const minimal = { title: 'My App', summary: 'Does things', startedAt: '2024-02-01' };

/** What POST makes of `minimal`: every default filled in. */
const createdFromMinimal = (slug: string, id = 'id-1') => ({
  id,
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
});

describe('GET /api/v1/projects', () => {
  describe('filters', () => {
    it('when no filter is given, then every published project comes, newest start first, drafts left out', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(BASE);
      expect(res.status).to.equal(200);
      expect(res.headers['content-type']).to.equal(JSON_UTF8);
      expect(res.headers['x-total-count']).to.equal('3');
      expect(res.body).to.deep.equal(listOf([gateway, site, cli]));
    });

    it('when one tag is given, then only projects carrying it come', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tag=node`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([gateway, cli]));
    });

    it('when the tag is repeated, then a project must carry every one of them (AND)', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tag=node&tag=api`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('1');
      expect(res.body).to.deep.equal(listOf([gateway]));
    });

    it('when a tag is given in capitals with spaces, then it is normalised like stored tags', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tag=%20NODE%20`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([gateway, cli]));
    });

    it('when no project carries every tag, then data is empty with a total of 0', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tag=web&tag=cli`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('0');
      expect(res.body).to.deep.equal(listOf([]));
    });

    it('when tech is given in another case, then it matches case-insensitively', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tech=typescript`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([gateway]));
    });

    it('when featured=true, then only featured projects come', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?featured=true`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([gateway]));
    });

    it('when featured=false, then only projects that are not featured come', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?featured=false`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([site, cli]));
    });

    it('when q names a word of the description in another case, then the project is found', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?q=markdown`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([site]));
    });

    it('when q names a word of the summary, a title or a tag, then those projects are found', async () => {
      const { request } = testApp({ content: filterContent });
      expect((await request.get(`${BASE}?q=ROUTES`)).body).to.deep.equal(listOf([gateway]));
      expect((await request.get(`${BASE}?q=tool`)).body).to.deep.equal(listOf([cli]));
      expect((await request.get(`${BASE}?q=cli`)).body).to.deep.equal(listOf([cli]));
    });

    it('when q has several words, then every word must occur', async () => {
      const { request } = testApp({ content: filterContent });
      expect((await request.get(`${BASE}?q=node%20gateway`)).body).to.deep.equal(listOf([gateway]));
      expect((await request.get(`${BASE}?q=node%20markdown`)).body).to.deep.equal(listOf([]));
    });

    it('when q matches only a draft, then nothing comes publicly', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?q=secret`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([]));
    });

    it('when filters are combined, then a project must pass all of them', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?tag=node&featured=false&tech=RUST`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([cli]));
    });

    it('when an unknown query parameter is sent, then it is ignored', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?colour=blue&tag=web`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([site]));
    });
  });

  describe('sorting', () => {
    // Every sort field has a tie, and the stored order is the reverse of the slug order.
    const alpha = aProject({
      id: 'p-a',
      slug: 'alpha',
      title: 'Alpha',
      startedAt: '2024-01-01',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    const bravo = aProject({
      id: 'p-b',
      slug: 'bravo',
      title: 'Bravo',
      startedAt: '2024-01-01',
      updatedAt: '2025-03-01T00:00:00.000Z',
    });
    const charlie = aProject({
      id: 'p-c',
      slug: 'charlie',
      title: 'alpha',
      startedAt: '2023-01-01',
      updatedAt: '2025-03-01T00:00:00.000Z',
    });
    const delta = aProject({
      id: 'p-d',
      slug: 'delta',
      title: 'Delta',
      startedAt: '2025-01-01',
      updatedAt: '2024-06-01T00:00:00.000Z',
    });
    const sortContent = content({ projects: [delta, charlie, bravo, alpha] });

    const cases: [string, Project[]][] = [
      ['-startedAt', [delta, alpha, bravo, charlie]],
      ['startedAt', [charlie, alpha, bravo, delta]],
      ['title', [alpha, charlie, bravo, delta]],
      ['-title', [delta, bravo, alpha, charlie]],
      ['-updatedAt', [bravo, charlie, alpha, delta]],
      ['updatedAt', [delta, alpha, bravo, charlie]],
    ];
    for (const [sort, expected] of cases) {
      it(`when sort=${sort}, then projects come in that order with ties broken by slug ascending`, async () => {
        const { request } = testApp({ content: sortContent });
        const res = await request.get(`${BASE}?sort=${encodeURIComponent(sort)}`);
        expect(res.status).to.equal(200);
        expect(res.body).to.deep.equal(listOf(expected));
      });
    }

    it('when no sort is given, then the order is -startedAt', async () => {
      const { request } = testApp({ content: sortContent });
      const res = await request.get(BASE);
      expect(res.body).to.deep.equal(listOf([delta, alpha, bravo, charlie]));
    });

    it('when sort names no known order, then 400 names sort', async () => {
      const { request } = testApp({ content: sortContent });
      const res = await request.get(`${BASE}?sort=name`);
      expectQueryValidation(res, BASE, [
        { path: 'sort', message: 'Must be one of -startedAt, startedAt, title, -title, -updatedAt, updatedAt' },
      ]);
    });
  });

  describe('paging', () => {
    // p-1 … p-5, all starting the same day: the slug decides the order.
    const five = [5, 4, 3, 2, 1].map((n) =>
      aProject({ id: `p-${n}`, slug: `p-${n}`, title: `Project ${n}`, tags: ['web'] }),
    );
    const [p1, p2, p3, p4, p5] = [...five].reverse() as [Project, Project, Project, Project, Project];
    const pageContent = content({ projects: five });

    it('when the first of three pages is asked for, then Link has first, next and last but no prev', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?limit=2`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('5');
      expect(res.headers.link).to.equal(
        '</api/v1/projects?limit=2&page=1>; rel="first", ' +
          '</api/v1/projects?limit=2&page=2>; rel="next", ' +
          '</api/v1/projects?limit=2&page=3>; rel="last"',
      );
      expect(res.body).to.deep.equal(listOf([p1, p2], { page: 1, limit: 2, total: 5, totalPages: 3 }));
    });

    it('when a middle page is asked for, then Link has all four relations', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?page=2&limit=2`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('5');
      expect(res.headers.link).to.equal(
        '</api/v1/projects?page=1&limit=2>; rel="first", ' +
          '</api/v1/projects?page=1&limit=2>; rel="prev", ' +
          '</api/v1/projects?page=3&limit=2>; rel="next", ' +
          '</api/v1/projects?page=3&limit=2>; rel="last"',
      );
      expect(res.body).to.deep.equal(listOf([p3, p4], { page: 2, limit: 2, total: 5, totalPages: 3 }));
    });

    it('when the last page is asked for, then Link has first, prev and last but no next', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?page=3&limit=2`);
      expect(res.status).to.equal(200);
      expect(res.headers.link).to.equal(
        '</api/v1/projects?page=1&limit=2>; rel="first", ' +
          '</api/v1/projects?page=2&limit=2>; rel="prev", ' +
          '</api/v1/projects?page=3&limit=2>; rel="last"',
      );
      expect(res.body).to.deep.equal(listOf([p5], { page: 3, limit: 2, total: 5, totalPages: 3 }));
    });

    it('when everything fits on one page, then Link has only first and last', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(BASE);
      expect(res.headers.link).to.equal(
        '</api/v1/projects?page=1>; rel="first", </api/v1/projects?page=1>; rel="last"',
      );
      expect(res.body).to.deep.equal(listOf([p1, p2, p3, p4, p5]));
    });

    it('when other parameters are given, then every link keeps them, repeated tags included', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?tag=web&tag=WEB&featured=false&page=2&limit=2&sort=title`);
      expect(res.status).to.equal(200);
      const q = (page: number) => `/api/v1/projects?tag=web&tag=WEB&featured=false&page=${page}&limit=2&sort=title`;
      expect(res.headers.link).to.equal(
        `<${q(1)}>; rel="first", <${q(1)}>; rel="prev", <${q(3)}>; rel="next", <${q(3)}>; rel="last"`,
      );
      expect(res.body).to.deep.equal(listOf([p3, p4], { page: 2, limit: 2, total: 5, totalPages: 3 }));
    });

    it('when a page past the last is asked for, then data is empty and meta still tells the truth', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?page=9&limit=2`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('5');
      expect(res.headers.link).to.equal(
        '</api/v1/projects?page=1&limit=2>; rel="first", ' +
          '</api/v1/projects?page=3&limit=2>; rel="prev", ' +
          '</api/v1/projects?page=3&limit=2>; rel="last"',
      );
      expect(res.body).to.deep.equal({ data: [], meta: { page: 9, limit: 2, total: 5, totalPages: 3 } });
    });

    it('when nothing matches, then meta says 0 pages and Link has only first and last', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?tag=none`);
      expect(res.status).to.equal(200);
      expect(res.headers['x-total-count']).to.equal('0');
      expect(res.headers.link).to.equal(
        '</api/v1/projects?tag=none&page=1>; rel="first", </api/v1/projects?tag=none&page=1>; rel="last"',
      );
      expect(res.body).to.deep.equal({ data: [], meta: { page: 1, limit: 20, total: 0, totalPages: 0 } });
    });

    it('when limit is 100, then it is accepted', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?limit=100`);
      expect(res.status).to.equal(200);
      expect(res.body.meta).to.deep.equal({ page: 1, limit: 100, total: 5, totalPages: 1 });
    });

    const badPaging: [string, string, string][] = [
      ['limit=1000000', 'limit', 'limit must be a whole number from 1 to 100'],
      ['limit=101', 'limit', 'limit must be a whole number from 1 to 100'],
      ['limit=0', 'limit', 'limit must be a whole number from 1 to 100'],
      ['page=-1', 'page', 'page must be a whole number from 1 to 1000000'],
      ['page=abc', 'page', 'page must be a whole number from 1 to 1000000'],
      ['page=0', 'page', 'page must be a whole number from 1 to 1000000'],
      ['page=1.5', 'page', 'page must be a whole number from 1 to 1000000'],
      ['page=1&page=2', 'page', 'Must be given once'],
      [Array.from({ length: 21 }, (_, i) => `tag=t${i}`).join('&'), 'tag', 'Must be given at most 20 times'],
    ];
    for (const [query, path, message] of badPaging) {
      it(`when ${query.length > 40 ? `${query.slice(0, 40)}…` : query}, then 400 names ${path}`, async () => {
        const { request } = testApp({ content: pageContent });
        const res = await request.get(`${BASE}?${query}`);
        expectQueryValidation(res, BASE, [{ path, message }]);
      });
    }

    it('when several parameters are bad, then 400 names every one of them', async () => {
      const { request } = testApp({ content: pageContent });
      const res = await request.get(`${BASE}?featured=yes&limit=0&page=x`);
      expectQueryValidation(res, BASE, [
        { path: 'featured', message: 'Must be true or false' },
        { path: 'page', message: 'page must be a whole number from 1 to 1000000' },
        { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
      ]);
    });
  });

  describe('status', () => {
    it('when status=draft comes without a token, then 401 with WWW-Authenticate', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=draft`);
      expectUnauthorized(res, BASE, 'Listing drafts requires a valid admin token');
    });

    it('when status=all comes with a wrong token, then 401', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=all`).set('Authorization', 'Bearer wrong');
      expectUnauthorized(res, BASE, 'Listing drafts requires a valid admin token');
    });

    it('when status is not a known value and there is no token, then 401 rather than 400', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=everything`);
      expectUnauthorized(res, BASE, 'Listing drafts requires a valid admin token');
    });

    it('when status is not a known value and the token is valid, then 400 names status', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=everything`).set(AUTH);
      expectQueryValidation(res, BASE, [{ path: 'status', message: 'Must be published, draft or all' }]);
    });

    it('when status=published comes without a token, then it is the public list', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=published`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([gateway, site, cli]));
    });

    it('when status=draft comes with the token, then only drafts come', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=draft`).set(AUTH);
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.body).to.deep.equal(listOf([draft]));
    });

    it('when status=all comes with the token, then drafts and published projects come together', async () => {
      const { request } = testApp({ content: filterContent });
      const res = await request.get(`${BASE}?status=all&tag=api`).set(AUTH);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal(listOf([draft, gateway]));
    });
  });
});

describe('GET /api/v1/projects/{slug}', () => {
  it('when the project is published, then 200 with the project', async () => {
    const { request } = testApp({ content: filterContent });
    const res = await request.get(`${BASE}/api-gateway`);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.headers.etag).to.match(/^"[^"]+"$/);
    expect(res.body).to.deep.equal({ data: view(gateway) });
  });

  it('when the project has links, then they come as stored', async () => {
    const linked = aProject({ links: { repo: 'https://example.com/repo', live: 'https://example.com' } });
    const { request } = testApp({ content: content({ projects: [linked] }) });
    const res = await request.get(`${BASE}/sample-project`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: view(linked) });
  });

  it('when the slug is unknown, then 404 names it', async () => {
    const { request } = testApp({ content: filterContent });
    const res = await request.get(`${BASE}/nope`);
    expectNotFound(res, `${BASE}/nope`, "Project 'nope' does not exist");
  });

  it('when the project is a draft and there is no token, then 404 as if it did not exist', async () => {
    const { request } = testApp({ content: filterContent });
    const res = await request.get(`${BASE}/secret-plan`);
    expectNotFound(res, `${BASE}/secret-plan`, "Project 'secret-plan' does not exist");
  });

  it('when the project is a draft and the token is wrong, then 404', async () => {
    const { request } = testApp({ content: filterContent });
    const res = await request.get(`${BASE}/secret-plan`).set('Authorization', 'Bearer nope');
    expectNotFound(res, `${BASE}/secret-plan`, "Project 'secret-plan' does not exist");
  });

  it('when the project is a draft and the token is valid, then 200 with the draft', async () => {
    const { request } = testApp({ content: filterContent });
    const res = await request.get(`${BASE}/secret-plan`).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: view(draft) });
  });
});

describe('POST /api/v1/projects', () => {
  it('when the body is minimal, then 201 with Location, a slug derived from the title and every default', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send(minimal);
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal('/api/v1/projects/my-app');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers.etag).to.match(/^"[^"]+"$/);
    expect(res.body).to.deep.equal({ data: createdFromMinimal('my-app') });

    const read = await request.get('/api/v1/projects/my-app').set(AUTH);
    expect(read.status).to.equal(200);
    expect(read.body).to.deep.equal({ data: createdFromMinimal('my-app') });
    expect(read.headers.etag).to.equal(res.headers.etag);
  });

  it('when every field is given, then each is stored as sent, tags normalised', async () => {
    const { request } = testApp();
    const body = {
      slug: 'full-project',
      title: '  Full project  ',
      summary: 'Everything set',
      description: '# Heading\n\nText',
      tags: [' TypeScript ', 'typescript', 'Web', 'API', 'web'],
      tech: ['Node.js', 'PostgreSQL'],
      links: { repo: 'https://github.com/x/y', live: 'https://y.example', caseStudy: 'https://y.example/case' },
      featured: true,
      status: 'published',
      startedAt: '2024-01-15',
      endedAt: '2024-06-30',
    };
    const res = await request.post(BASE).set(AUTH).send(body);
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal('/api/v1/projects/full-project');
    const expected = {
      id: 'id-1',
      ...body,
      title: 'Full project',
      tags: ['typescript', 'web', 'api'],
      createdAt: NOW,
      updatedAt: NOW,
    };
    expect(res.body).to.deep.equal({ data: expected });
    expect((await request.get('/api/v1/projects/full-project')).body).to.deep.equal({ data: expected });
  });

  it('when the derived slug is taken, then the new project gets -2, then -3', async () => {
    const { request } = testApp({ content: content({ projects: [aProject({ slug: 'my-app', title: 'My App' })] }) });
    const second = await request.post(BASE).set(AUTH).send(minimal);
    expect(second.status).to.equal(201);
    expect(second.headers.location).to.equal('/api/v1/projects/my-app-2');
    expect(second.body).to.deep.equal({ data: createdFromMinimal('my-app-2', 'id-1') });
    const third = await request.post(BASE).set(AUTH).send(minimal);
    expect(third.status).to.equal(201);
    expect(third.body.data.slug).to.equal('my-app-3');

    const all = await request.get(`${BASE}?status=all&sort=title`).set(AUTH);
    expect(all.body.data.map((p: { slug: string }) => p.slug)).to.deep.equal(['my-app', 'my-app-2', 'my-app-3']);
  });

  it('when the title has accents and punctuation, then the derived slug is plain lowercase words', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, title: 'Café  Crème: the App!' });
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal('/api/v1/projects/cafe-creme-the-app');
    expect(res.body.data.slug).to.equal('cafe-creme-the-app');
  });

  it('when an explicit slug is taken, then 409 conflict and nothing is created', async () => {
    const existing = aProject({ slug: 'taken' });
    const { request } = testApp({ content: content({ projects: [existing] }) });
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, slug: 'taken' });
    expectProblem(res, 'conflict', {
      detail: "The slug 'taken' is already taken by another project",
      instance: BASE,
    });
    const all = await request.get(`${BASE}?status=all`).set(AUTH);
    expect(all.body).to.deep.equal(listOf([existing]));
  });

  it('when required fields are missing, then 400 lists each as Required and nothing is created', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send({ description: 'only this' });
    expectValidation(res, BASE, [
      { path: 'title', message: 'Required' },
      { path: 'summary', message: 'Required' },
      { path: 'startedAt', message: 'Required' },
    ]);
    expect((await request.get(`${BASE}?status=all`).set(AUTH)).body).to.deep.equal(listOf([]));
  });

  it('when fields have bad values, then 400 names every one with its dotted path', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({
        slug: 'Not A Slug',
        title: '   ',
        summary: 'x'.repeat(301),
        tags: ['ok', ''],
        links: { repo: 'http://github.com/x', live: 'not a url' },
        featured: 'yes',
        status: 'public',
        startedAt: '2024-02-30',
        endedAt: '2024/06/01',
      });
    expectValidation(res, BASE, [
      { path: 'slug', message: 'Must be lowercase a-z, 0-9 and single hyphens' },
      { path: 'title', message: 'Must not be empty' },
      { path: 'summary', message: 'Must be at most 300 characters' },
      { path: 'tags.1', message: 'Must not be empty' },
      { path: 'links.repo', message: 'Must be an https URL' },
      { path: 'links.live', message: 'Must be an https URL' },
      { path: 'featured', message: 'Must be true or false' },
      { path: 'status', message: 'Must be draft or published' },
      { path: 'startedAt', message: 'Must be a date (YYYY-MM-DD)' },
      { path: 'endedAt', message: 'Must be a date (YYYY-MM-DD)' },
    ]);
    expect((await request.get(`${BASE}?status=all`).set(AUTH)).body).to.deep.equal(listOf([]));
  });

  it('when links is not an object, then 400 says so rather than calling it missing', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ title: 'T', summary: 'S', startedAt: '2024-01-01', links: 5 });
    expectValidation(res, BASE, [{ path: 'links', message: 'Must be an object' }]);
  });

  it('when there are more than 20 tags, then 400 names tags', async () => {
    const { request } = testApp();
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`);
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, tags });
    expectValidation(res, BASE, [{ path: 'tags', message: 'Must have at most 20 items' }]);
  });

  it('when endedAt is before startedAt, then 400 names endedAt and nothing is created', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, startedAt: '2024-05-01', endedAt: '2024-04-30' });
    expectValidation(res, BASE, [{ path: 'endedAt', message: 'Must not be before startedAt' }]);
    expect((await request.get(`${BASE}?status=all`).set(AUTH)).body).to.deep.equal(listOf([]));
  });

  it('when endedAt equals startedAt, then the project is created', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, endedAt: minimal.startedAt });
    expect(res.status).to.equal(201);
    expect(res.body.data.endedAt).to.equal(minimal.startedAt);
  });

  it('when read-only and unknown fields are sent, then 400 names each and nothing is created', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({
        ...minimal,
        id: 'mine',
        createdAt: NOW,
        updatedAt: NOW,
        colour: 'blue',
        links: { blog: 'https://b.example' },
      });
    expectValidation(res, BASE, [
      { path: 'links.blog', message: 'Unknown field' },
      { path: 'id', message: 'Read-only field' },
      { path: 'createdAt', message: 'Read-only field' },
      { path: 'updatedAt', message: 'Read-only field' },
      { path: 'colour', message: 'Unknown field' },
    ]);
    expect((await request.get(`${BASE}?status=all`).set(AUTH)).body).to.deep.equal(listOf([]));
  });

  it('when there is no token, then 401 and nothing is created', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).send(minimal);
    expectUnauthorized(res, BASE);
    expect((await request.get(`${BASE}?status=all`).set(AUTH)).body).to.deep.equal(listOf([]));
  });

  it('when there is no token and the body is invalid too, then 401 tells nothing about the body', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).type('json').send('{not json');
    expectUnauthorized(res, BASE);
  });
});

describe('PUT /api/v1/projects/{slug}', () => {
  const stored = aProject({
    id: 'p-1',
    slug: 'stored',
    title: 'Stored',
    tags: ['old'],
    tech: ['Go'],
    links: { repo: 'https://example.com/r' },
    featured: true,
    status: 'published',
    startedAt: '2024-01-01',
  });
  const replacement = { title: 'Replaced', summary: 'New summary', startedAt: '2024-02-01', status: 'published' };
  const replaced = (slug: string) => ({
    id: 'p-1',
    slug,
    title: 'Replaced',
    summary: 'New summary',
    description: '',
    tags: [],
    tech: [],
    links: {},
    featured: false,
    status: 'published',
    startedAt: '2024-02-01',
    endedAt: null,
    createdAt: stored.createdAt,
    updatedAt: NOW,
  });

  it('when the body has no slug, then the current slug stays and every omitted field takes its default', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.put(`${BASE}/stored`).set(AUTH).send(replacement);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ data: replaced('stored') });
    const read = await request.get(`${BASE}/stored`);
    expect(read.body).to.deep.equal({ data: replaced('stored') });
    expect(read.headers.etag).to.equal(res.headers.etag);
  });

  it('when the body has a new slug, then the project moves and the old slug is 404', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request
      .put(`${BASE}/stored`)
      .set(AUTH)
      .send({ ...replacement, slug: 'moved' });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: replaced('moved') });
    expect((await request.get(`${BASE}/moved`)).body).to.deep.equal({ data: replaced('moved') });
    expectNotFound(await request.get(`${BASE}/stored`), `${BASE}/stored`, "Project 'stored' does not exist");
  });

  it('when the new slug belongs to another project, then 409 and neither changes', async () => {
    const other = aProject({ id: 'p-2', slug: 'other' });
    const { request } = testApp({ content: content({ projects: [stored, other] }) });
    const res = await request
      .put(`${BASE}/stored`)
      .set(AUTH)
      .send({ ...replacement, slug: 'other' });
    expectProblem(res, 'conflict', {
      detail: "The slug 'other' is already taken by another project",
      instance: `${BASE}/stored`,
    });
    expect((await request.get(`${BASE}/stored`)).body).to.deep.equal({ data: view(stored) });
    expect((await request.get(`${BASE}/other`)).body).to.deep.equal({ data: view(other) });
  });

  it('when a required field is missing, then 400 and the project is unchanged', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.put(`${BASE}/stored`).set(AUTH).send({ title: 'Only a title' });
    expectValidation(res, `${BASE}/stored`, [
      { path: 'summary', message: 'Required' },
      { path: 'startedAt', message: 'Required' },
    ]);
    expect((await request.get(`${BASE}/stored`)).body).to.deep.equal({ data: view(stored) });
  });

  it('when the slug is unknown, then 404', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.put(`${BASE}/nope`).set(AUTH).send(replacement);
    expectNotFound(res, `${BASE}/nope`, "Project 'nope' does not exist");
  });

  it('when If-Match carries the current ETag, then 200', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/stored`)).headers.etag as string;
    const res = await request.put(`${BASE}/stored`).set(AUTH).set('If-Match', etag).send(replacement);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: replaced('stored') });
  });

  it('when If-Match carries a stale ETag, then 412 and the project is unchanged', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.put(`${BASE}/stored`).set(AUTH).set('If-Match', '"stale"').send(replacement);
    expectProblem(res, 'precondition-failed', {
      detail: 'The project has changed since it was read',
      instance: `${BASE}/stored`,
    });
    expect(res.headers.etag).to.equal(undefined);
    expect((await request.get(`${BASE}/stored`)).body).to.deep.equal({ data: view(stored) });
  });

  it('when there is no token, then 401 and the project is unchanged', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    expectUnauthorized(await request.put(`${BASE}/stored`).send(replacement), `${BASE}/stored`);
    expect((await request.get(`${BASE}/stored`)).body).to.deep.equal({ data: view(stored) });
  });
});

describe('PATCH /api/v1/projects/{slug}', () => {
  const stored = aProject({
    id: 'p-1',
    slug: 'stored',
    title: 'Stored',
    summary: 'Kept',
    tags: ['keep'],
    status: 'draft',
    startedAt: '2024-03-01',
  });

  it('when a subset is sent, then only those fields change', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request
      .patch(`${BASE}/stored`)
      .set(AUTH)
      .send({ status: 'published', tags: ['New', 'new', 'keep'] });
    const expected = { ...view(stored), status: 'published', tags: ['new', 'keep'], updatedAt: NOW };
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: expected });
    expect((await request.get(`${BASE}/stored`)).body).to.deep.equal({ data: expected });
  });

  it('when endedAt is set before the stored startedAt, then 400 names endedAt and nothing changes', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.patch(`${BASE}/stored`).set(AUTH).send({ endedAt: '2024-02-28' });
    expectValidation(res, `${BASE}/stored`, [{ path: 'endedAt', message: 'Must not be before startedAt' }]);
    expect((await request.get(`${BASE}/stored`).set(AUTH)).body).to.deep.equal({ data: view(stored) });
  });

  it('when endedAt is set to null, then the project is ongoing again', async () => {
    const ended = aProject({ slug: 'ended', endedAt: '2024-12-31' });
    const { request } = testApp({ content: content({ projects: [ended] }) });
    const res = await request.patch(`${BASE}/ended`).set(AUTH).send({ endedAt: null });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: { ...view(ended), endedAt: null, updatedAt: NOW } });
  });

  it('when title is set to an empty string, then 400 and nothing changes', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.patch(`${BASE}/stored`).set(AUTH).send({ title: '' });
    expectValidation(res, `${BASE}/stored`, [{ path: 'title', message: 'Must not be empty' }]);
    expect((await request.get(`${BASE}/stored`).set(AUTH)).body).to.deep.equal({ data: view(stored) });
  });

  it('when a read-only field is sent, then 400 names it', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.patch(`${BASE}/stored`).set(AUTH).send({ id: 'other' });
    expectValidation(res, `${BASE}/stored`, [{ path: 'id', message: 'Read-only field' }]);
  });

  it('when If-Match matches, then 200; when it is then reused, then 412 and the second change is not applied', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/stored`).set(AUTH)).headers.etag as string;
    const first = await request.patch(`${BASE}/stored`).set(AUTH).set('If-Match', etag).send({ title: 'First' });
    expect(first.status).to.equal(200);
    expect(first.headers.etag).to.not.equal(etag);
    const second = await request.patch(`${BASE}/stored`).set(AUTH).set('If-Match', etag).send({ title: 'Second' });
    expectProblem(second, 'precondition-failed', {
      detail: 'The project has changed since it was read',
      instance: `${BASE}/stored`,
    });
    const read = await request.get(`${BASE}/stored`).set(AUTH);
    expect(read.body.data.title).to.equal('First');
    expect(read.headers.etag).to.equal(first.headers.etag);
  });

  it('when If-Match is a weak version of the current ETag, then 412 (If-Match compares strongly)', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/stored`).set(AUTH)).headers.etag as string;
    const res = await request.patch(`${BASE}/stored`).set(AUTH).set('If-Match', `W/${etag}`).send({ title: 'X' });
    expectProblem(res, 'precondition-failed', {
      detail: 'The project has changed since it was read',
      instance: `${BASE}/stored`,
    });
  });

  it('when If-Match wraps the ETag in a second pair of quotes, then 400 naming the header, and nothing changes', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/stored`).set(AUTH)).headers.etag as string;
    const res = await request.patch(`${BASE}/stored`).set(AUTH).set('If-Match', `"${etag}"`).send({ title: 'X' });
    expectProblem(res, 'validation-error', {
      detail: 'The If-Match header is malformed',
      instance: `${BASE}/stored`,
      errors: [{ path: 'If-Match', message: MALFORMED_IF_MATCH }],
    });
    expect((await request.get(`${BASE}/stored`).set(AUTH)).body.data.title).to.equal('Stored');
  });

  it('when If-Match lists the current ETag among others, then 200', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/stored`).set(AUTH)).headers.etag as string;
    const res = await request.patch(`${BASE}/stored`).set(AUTH).set('If-Match', `"old", ${etag}`).send({ title: 'X' });
    expect(res.status).to.equal(200);
    expect(res.body.data.title).to.equal('X');
  });

  it('when the slug is unknown, then 404', async () => {
    const { request } = testApp();
    expectNotFound(
      await request.patch(`${BASE}/nope`).set(AUTH).send({ title: 'X' }),
      `${BASE}/nope`,
      "Project 'nope' does not exist",
    );
  });
});

describe('DELETE /api/v1/projects/{slug}', () => {
  const stored = aProject({ slug: 'doomed' });

  it('when the project exists, then 204 and a later GET is 404', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.delete(`${BASE}/doomed`).set(AUTH);
    expect(res.status).to.equal(204);
    expect(res.headers['cache-control']).to.equal('no-store');
    expectNotFound(await request.get(`${BASE}/doomed`).set(AUTH), `${BASE}/doomed`, "Project 'doomed' does not exist");
    expect((await request.get(BASE)).body).to.deep.equal(listOf([]));
  });

  it('when the project is a draft, then the token holder can delete it', async () => {
    const { request } = testApp({ content: content({ projects: [aProject({ slug: 'draft', status: 'draft' })] }) });
    expect((await request.delete(`${BASE}/draft`).set(AUTH)).status).to.equal(204);
    expectNotFound(await request.get(`${BASE}/draft`).set(AUTH), `${BASE}/draft`, "Project 'draft' does not exist");
  });

  it('when deleted twice, then the second is 404', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    await request.delete(`${BASE}/doomed`).set(AUTH);
    expectNotFound(
      await request.delete(`${BASE}/doomed`).set(AUTH),
      `${BASE}/doomed`,
      "Project 'doomed' does not exist",
    );
  });

  it('when If-Match is stale, then 412 and the project is still there', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const res = await request.delete(`${BASE}/doomed`).set(AUTH).set('If-Match', '"stale"');
    expectProblem(res, 'precondition-failed', {
      detail: 'The project has changed since it was read',
      instance: `${BASE}/doomed`,
    });
    expect((await request.get(`${BASE}/doomed`)).body).to.deep.equal({ data: view(stored) });
  });

  it('when If-Match is not a quoted ETag, then 400 naming the header, and the project is still there', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/doomed`)).headers.etag as string;
    const res = await request.delete(`${BASE}/doomed`).set(AUTH).set('If-Match', etag.slice(1, -1));
    expectProblem(res, 'validation-error', {
      detail: 'The If-Match header is malformed',
      instance: `${BASE}/doomed`,
      errors: [{ path: 'If-Match', message: MALFORMED_IF_MATCH }],
    });
    expect((await request.get(`${BASE}/doomed`)).body).to.deep.equal({ data: view(stored) });
  });

  it('when If-Match matches, then 204', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    const etag = (await request.get(`${BASE}/doomed`)).headers.etag as string;
    expect((await request.delete(`${BASE}/doomed`).set(AUTH).set('If-Match', etag)).status).to.equal(204);
  });

  it('when there is no token, then 401 and the project is still there', async () => {
    const { request } = testApp({ content: content({ projects: [stored] }) });
    expectUnauthorized(await request.delete(`${BASE}/doomed`), `${BASE}/doomed`);
    expect((await request.get(`${BASE}/doomed`)).body).to.deep.equal({ data: view(stored) });
  });
});
