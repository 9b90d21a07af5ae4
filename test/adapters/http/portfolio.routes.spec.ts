import { expect } from 'chai';
import { aProfile, aProject, aSkill, anExperience } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import { JSON_UTF8, content, view } from './http-expectations.js';

const profile = aProfile({ name: 'Ada', headline: 'Backend developer', links: { github: 'https://github.com/ada' } });
const older = aProject({ id: 'p-old', slug: 'older', title: 'Older', startedAt: '2022-01-01', tags: ['node', 'api'] });
const tieB = aProject({ id: 'p-b', slug: 'b-tie', title: 'B', startedAt: '2024-01-01', tags: ['node'] });
const tieA = aProject({ id: 'p-a', slug: 'a-tie', title: 'A', startedAt: '2024-01-01', tags: ['web', 'api'] });
const draft = aProject({
  id: 'p-d',
  slug: 'draft',
  title: 'Draft',
  status: 'draft',
  startedAt: '2025-01-01',
  tags: ['secret', 'node'],
});
const ts = aSkill({ id: 's-ts', name: 'TypeScript', category: 'Languages', level: 5 });
const sql = aSkill({ id: 's-sql', name: 'SQL', category: 'Databases', level: 4 });
const go = aSkill({ id: 's-go', name: 'Go', category: 'Languages', level: 5 });
const past = anExperience({ id: 'e-past', company: 'Past', startDate: '2018-01-01', endDate: '2020-01-01' });
const now = anExperience({ id: 'e-now', company: 'Now', startDate: '2016-01-01', endDate: null });

const full = content({
  profile,
  projects: [older, draft, tieB, tieA],
  skills: [ts, sql, go],
  experience: [past, now],
});

describe('GET /api/v1/portfolio', () => {
  it('when everything is set up, then one body holds the profile, published projects, grouped skills and ordered roles', async () => {
    const { request } = testApp({ content: full });
    const res = await request.get('/api/v1/portfolio');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.headers['cache-control']).to.equal('public, max-age=60');
    expect(res.headers.etag).to.match(/^"[^"]+"$/);
    expect(res.body).to.deep.equal({
      data: {
        profile: view(profile),
        projects: [tieA, tieB, older].map(view),
        skills: [
          { category: 'Databases', skills: [view(sql)] },
          { category: 'Languages', skills: [view(go), view(ts)] },
        ],
        experience: [now, past].map(view),
      },
    });
  });

  it('when nothing is set up, then profile is null and every list is empty', async () => {
    const { request } = testApp();
    const res = await request.get('/api/v1/portfolio');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: { profile: null, projects: [], skills: [], experience: [] } });
  });

  it('when the admin token is sent, then drafts are still left out', async () => {
    const { request } = testApp({ content: full });
    const res = await request.get('/api/v1/portfolio').set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body.data.projects.map((p: { slug: string }) => p.slug)).to.deep.equal(['a-tie', 'b-tie', 'older']);
  });

  it('when If-None-Match carries its ETag, then 304; after a change, the old ETag gets 200', async () => {
    const { request } = testApp({ content: full });
    const first = await request.get('/api/v1/portfolio');
    const etag = first.headers.etag as string;

    const unchanged = await request.get('/api/v1/portfolio').set('If-None-Match', etag);
    expect(unchanged.status).to.equal(304);
    expect(unchanged.headers.etag).to.equal(etag);

    expect((await request.patch('/api/v1/skills/s-sql').set(AUTH).send({ level: 3 })).status).to.equal(200);
    const changed = await request.get('/api/v1/portfolio').set('If-None-Match', etag);
    expect(changed.status).to.equal(200);
    expect(changed.headers.etag).to.not.equal(etag);
    expect(changed.body.data.skills[0]).to.deep.equal({ category: 'Databases', skills: [{ ...view(sql), level: 3 }] });
  });
});

describe('GET /api/v1/tags', () => {
  it('when published projects carry tags, then each comes with its count, most used first, ties by name', async () => {
    const { request } = testApp({ content: full });
    const res = await request.get('/api/v1/tags');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.headers['cache-control']).to.equal('public, max-age=60');
    expect(res.body).to.deep.equal({
      data: [
        { tag: 'api', count: 2 },
        { tag: 'node', count: 2 },
        { tag: 'web', count: 1 },
      ],
    });
  });

  it('when there are no published projects, then data is empty', async () => {
    const { request } = testApp({ content: content({ projects: [draft] }) });
    const res = await request.get('/api/v1/tags');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: [] });
  });

  it('when a project is published or deleted, then the counts follow', async () => {
    const { request } = testApp({ content: full });
    expect((await request.patch('/api/v1/projects/draft').set(AUTH).send({ status: 'published' })).status).to.equal(
      200,
    );
    expect((await request.delete('/api/v1/projects/a-tie').set(AUTH)).status).to.equal(204);
    expect((await request.get('/api/v1/tags')).body).to.deep.equal({
      data: [
        { tag: 'node', count: 3 },
        { tag: 'api', count: 1 },
        { tag: 'secret', count: 1 },
      ],
    });
  });
});
