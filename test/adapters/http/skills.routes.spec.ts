import { expect } from 'chai';
import type { Skill } from '../../../src/domain/skills/skill.js';
import { aSkill } from '../../support/builders.js';
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

const BASE = '/api/v1/skills';

const ts = aSkill({ id: 's-ts', name: 'TypeScript', category: 'Languages', level: 5, years: 6 });
const go = aSkill({ id: 's-go', name: 'Go', category: 'Languages', level: 3 });
const rust = aSkill({ id: 's-rust', name: 'Rust', category: 'Languages', level: 3 });
const pg = aSkill({ id: 's-pg', name: 'PostgreSQL', category: 'Databases', level: 4 });
const docker = aSkill({ id: 's-docker', name: 'Docker', category: 'Tools', level: 2, years: 4 });
const k8s = aSkill({ id: 's-k8s', name: 'kubernetes', category: 'Tools', level: 2 });
const all = content({ skills: [k8s, rust, docker, ts, pg, go] });

const group = (category: string, skills: Skill[]) => ({ category, skills: skills.map(view) });
const only = (...skills: Skill[]) => content({ skills });

describe('GET /api/v1/skills', () => {
  it('when skills exist, then they come grouped by category A–Z, by level descending then name inside', async () => {
    const { request } = testApp({ content: all });
    const res = await request.get(BASE);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.body).to.deep.equal({
      data: [group('Databases', [pg]), group('Languages', [ts, go, rust]), group('Tools', [docker, k8s])],
    });
  });

  it('when there are no skills, then data is an empty array', async () => {
    const { request } = testApp();
    const res = await request.get(BASE);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: [] });
  });

  it('when category names one, then only that group comes', async () => {
    const { request } = testApp({ content: all });
    const res = await request.get(`${BASE}?category=Languages`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: [group('Languages', [ts, go, rust])] });
  });

  it('when category names none that exists, then data is empty', async () => {
    const { request } = testApp({ content: all });
    const res = await request.get(`${BASE}?category=Cooking`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: [] });
  });

  it('when category is empty, then 400 names category', async () => {
    const { request } = testApp({ content: all });
    expectQueryValidation(await request.get(`${BASE}?category=`), BASE, [
      { path: 'category', message: 'Must not be empty' },
    ]);
  });

  it('when category is repeated, then 400 names category', async () => {
    const { request } = testApp({ content: all });
    expectQueryValidation(await request.get(`${BASE}?category=Tools&category=Languages`), BASE, [
      { path: 'category', message: 'Must be given once' },
    ]);
  });
});

describe('GET /api/v1/skills/{id}', () => {
  it('when the skill exists, then 200 with it', async () => {
    const { request } = testApp({ content: all });
    const res = await request.get(`${BASE}/s-docker`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: view(docker) });
  });

  it('when the id is unknown, then 404 names it', async () => {
    const { request } = testApp({ content: all });
    expectNotFound(await request.get(`${BASE}/nope`), `${BASE}/nope`, "Skill 'nope' does not exist");
  });
});

describe('POST /api/v1/skills', () => {
  it('when the body is valid, then 201 with Location and the skill reads back', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ name: 'Elixir', category: 'Languages', level: 2, years: 1.5 });
    const created = { id: 'id-1', name: 'Elixir', category: 'Languages', level: 2, years: 1.5 };
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal('/api/v1/skills/id-1');
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ data: created });
    expect((await request.get(`${BASE}/id-1`)).body).to.deep.equal({ data: created });
    expect((await request.get(BASE)).body).to.deep.equal({ data: [{ category: 'Languages', skills: [created] }] });
  });

  it('when names and categories have surrounding spaces, then they are trimmed', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send({ name: '  Zig ', category: ' Languages ', level: 1 });
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.equal({ data: { id: 'id-1', name: 'Zig', category: 'Languages', level: 1 } });
  });

  it('when the name is 60 emoji, then it is 60 characters and accepted; 61 is a 400', async () => {
    const { request } = testApp();
    const sixty = '🚀'.repeat(60);
    const created = await request.post(BASE).set(AUTH).send({ name: sixty, category: 'Launch', level: 1 });
    expect(created.status).to.equal(201);
    expect(created.body.data.name).to.equal(sixty);
    const refused = await request
      .post(BASE)
      .set(AUTH)
      .send({ name: `${sixty}🚀`, category: 'Launch', level: 1 });
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal([{ path: 'name', message: 'Must be at most 60 characters' }]);
  });

  it('when the name is taken in the same category in another case, then 409 and nothing is added', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.post(BASE).set(AUTH).send({ name: 'typescript', category: 'Languages', level: 1 });
    expectProblem(res, 'conflict', {
      detail: "A skill named 'typescript' already exists in category 'Languages'",
      instance: BASE,
    });
    expect((await request.get(BASE)).body).to.deep.equal({ data: [group('Languages', [ts])] });
  });

  it('when the name is taken only in another category, then the skill is created', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.post(BASE).set(AUTH).send({ name: 'TypeScript', category: 'Tools', level: 1 });
    expect(res.status).to.equal(201);
    expect((await request.get(BASE)).body.data.map((g: { category: string }) => g.category)).to.deep.equal([
      'Languages',
      'Tools',
    ]);
  });

  for (const level of [1, 5]) {
    it(`when level is ${level}, then it is accepted`, async () => {
      const { request } = testApp();
      const res = await request.post(BASE).set(AUTH).send({ name: 'X', category: 'C', level });
      expect(res.status).to.equal(201);
      expect(res.body.data.level).to.equal(level);
    });
  }

  const badLevels: [unknown, string][] = [
    [0, 'Must be between 1 and 5'],
    [6, 'Must be between 1 and 5'],
    [-1, 'Must be between 1 and 5'],
    [2.5, 'Must be an integer'],
    ['3', 'Must be a number'],
    [null, 'Must be a number'],
  ];
  for (const [level, message] of badLevels) {
    it(`when level is ${JSON.stringify(level)}, then 400 names level and nothing is added`, async () => {
      const { request } = testApp();
      const res = await request.post(BASE).set(AUTH).send({ name: 'X', category: 'C', level });
      expectValidation(res, BASE, [{ path: 'level', message }]);
      expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
    });
  }

  it('when years is 0 or 60, then it is accepted', async () => {
    const { request } = testApp();
    expect((await request.post(BASE).set(AUTH).send({ name: 'A', category: 'C', level: 1, years: 0 })).status).to.equal(
      201,
    );
    expect(
      (await request.post(BASE).set(AUTH).send({ name: 'B', category: 'C', level: 1, years: 60 })).status,
    ).to.equal(201);
  });

  it('when years is out of 0–60, then 400 names years', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send({ name: 'X', category: 'C', level: 1, years: 61 });
    expectValidation(res, BASE, [{ path: 'years', message: 'Must be between 0 and 60' }]);
    const negative = await request.post(BASE).set(AUTH).send({ name: 'X', category: 'C', level: 1, years: -1 });
    expectValidation(negative, BASE, [{ path: 'years', message: 'Must be between 0 and 60' }]);
  });

  it('when every field is missing, then 400 lists the required ones', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send({});
    expectValidation(res, BASE, [
      { path: 'name', message: 'Required' },
      { path: 'category', message: 'Required' },
      { path: 'level', message: 'Required' },
    ]);
  });

  it('when name and category are too long, then 400 names both', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ name: 'n'.repeat(61), category: 'c'.repeat(61), level: 1 });
    expectValidation(res, BASE, [
      { path: 'name', message: 'Must be at most 60 characters' },
      { path: 'category', message: 'Must be at most 60 characters' },
    ]);
  });

  it('when there is no token, then 401 and nothing is added', async () => {
    const { request } = testApp();
    expectUnauthorized(await request.post(BASE).send({ name: 'X', category: 'C', level: 1 }), BASE);
    expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
  });
});

describe('PUT /api/v1/skills/{id}', () => {
  it('when the body is valid, then every field is replaced and omitted years is gone', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.put(`${BASE}/s-ts`).set(AUTH).send({ name: 'TS', category: 'Languages', level: 4 });
    const replaced = { id: 's-ts', name: 'TS', category: 'Languages', level: 4 };
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: replaced });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: replaced });
  });

  it('when level is missing, then 400 and the skill is unchanged', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.put(`${BASE}/s-ts`).set(AUTH).send({ name: 'TS', category: 'Languages' });
    expectValidation(res, `${BASE}/s-ts`, [{ path: 'level', message: 'Required' }]);
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when the new name is taken in the category, then 409 and the skill is unchanged', async () => {
    const { request } = testApp({ content: only(ts, go) });
    const res = await request.put(`${BASE}/s-ts`).set(AUTH).send({ name: 'GO', category: 'Languages', level: 1 });
    expectProblem(res, 'conflict', {
      detail: "A skill named 'GO' already exists in category 'Languages'",
      instance: `${BASE}/s-ts`,
    });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when only the case of its own name changes, then it is not a conflict', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request
      .put(`${BASE}/s-ts`)
      .set(AUTH)
      .send({ name: 'typescript', category: 'Languages', level: 5 });
    expect(res.status).to.equal(200);
    expect(res.body.data.name).to.equal('typescript');
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = testApp();
    const res = await request.put(`${BASE}/nope`).set(AUTH).send({ name: 'X', category: 'C', level: 1 });
    expectNotFound(res, `${BASE}/nope`, "Skill 'nope' does not exist");
  });

  it('when If-Match is stale, then 412 and the skill is unchanged', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request
      .put(`${BASE}/s-ts`)
      .set(AUTH)
      .set('If-Match', '"stale"')
      .send({ name: 'TS', category: 'Languages', level: 4 });
    expectProblem(res, 'precondition-failed', {
      detail: 'The skill has changed since it was read',
      instance: `${BASE}/s-ts`,
    });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when If-Match matches, then 200 and the answer carries the ETag a GET will carry', async () => {
    const { request } = testApp({ content: only(ts) });
    const etag = (await request.get(`${BASE}/s-ts`)).headers.etag as string;
    const res = await request
      .put(`${BASE}/s-ts`)
      .set(AUTH)
      .set('If-Match', etag)
      .send({ name: 'TS', category: 'Languages', level: 4 });
    expect(res.status).to.equal(200);
    expect((await request.get(`${BASE}/s-ts`)).headers.etag).to.equal(res.headers.etag);
  });
});

describe('PATCH /api/v1/skills/{id}', () => {
  it('when only level is sent, then only level changes', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.patch(`${BASE}/s-ts`).set(AUTH).send({ level: 3 });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: { ...view(ts), level: 3 } });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: { ...view(ts), level: 3 } });
  });

  it('when the skill moves to a category where its name is taken, then 409 and nothing changes', async () => {
    const toolsTs = aSkill({ id: 's-tools-ts', name: 'typescript', category: 'Tools', level: 1 });
    const { request } = testApp({ content: only(ts, toolsTs) });
    const res = await request.patch(`${BASE}/s-ts`).set(AUTH).send({ category: 'Tools' });
    expectProblem(res, 'conflict', {
      detail: "A skill named 'TypeScript' already exists in category 'Tools'",
      instance: `${BASE}/s-ts`,
    });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when level is out of bounds, then 400 and nothing changes', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.patch(`${BASE}/s-ts`).set(AUTH).send({ level: 9 });
    expectValidation(res, `${BASE}/s-ts`, [{ path: 'level', message: 'Must be between 1 and 5' }]);
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when there is no token, then 401 and nothing changes', async () => {
    const { request } = testApp({ content: only(ts) });
    expectUnauthorized(await request.patch(`${BASE}/s-ts`).send({ level: 1 }), `${BASE}/s-ts`);
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });
});

describe('DELETE /api/v1/skills/{id}', () => {
  it('when the skill exists, then 204 and a later GET is 404', async () => {
    const { request } = testApp({ content: only(ts, go) });
    const res = await request.delete(`${BASE}/s-ts`).set(AUTH);
    expect(res.status).to.equal(204);
    expectNotFound(await request.get(`${BASE}/s-ts`), `${BASE}/s-ts`, "Skill 's-ts' does not exist");
    expect((await request.get(BASE)).body).to.deep.equal({ data: [group('Languages', [go])] });
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = testApp();
    expectNotFound(await request.delete(`${BASE}/nope`).set(AUTH), `${BASE}/nope`, "Skill 'nope' does not exist");
  });

  it('when If-Match is stale, then 412 and the skill is still there', async () => {
    const { request } = testApp({ content: only(ts) });
    const res = await request.delete(`${BASE}/s-ts`).set(AUTH).set('If-Match', '"stale"');
    expectProblem(res, 'precondition-failed', {
      detail: 'The skill has changed since it was read',
      instance: `${BASE}/s-ts`,
    });
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });

  it('when there is no token, then 401 and the skill is still there', async () => {
    const { request } = testApp({ content: only(ts) });
    expectUnauthorized(await request.delete(`${BASE}/s-ts`), `${BASE}/s-ts`);
    expect((await request.get(`${BASE}/s-ts`)).body).to.deep.equal({ data: view(ts) });
  });
});
