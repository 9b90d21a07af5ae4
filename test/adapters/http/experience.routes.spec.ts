import { expect } from 'chai';
import type { Experience } from '../../../src/domain/experience/experience.js';
import { anExperience } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import {
  JSON_UTF8,
  content,
  expectNotFound,
  expectProblem,
  expectUnauthorized,
  expectValidation,
  view,
} from './http-expectations.js';

const BASE = '/api/v1/experience';

const old = anExperience({ id: 'e-old', company: 'A Corp', startDate: '2015-01-01', endDate: '2018-12-31' });
const mid = anExperience({ id: 'e-mid', company: 'B Corp', startDate: '2019-01-01', endDate: '2021-06-30' });
const current = anExperience({ id: 'e-cur', company: 'C Corp', startDate: '2020-01-01', endDate: null });
const newest = anExperience({
  id: 'e-new',
  company: 'D Corp',
  role: 'Lead',
  location: 'Berlin',
  startDate: '2022-03-01',
  endDate: null,
  highlights: ['Shipped v2'],
  tech: ['Go'],
});
const only = (...experience: Experience[]) => content({ experience });

const minimal = { company: 'E Corp', role: 'Engineer', startDate: '2023-01-01' };

describe('GET /api/v1/experience', () => {
  it('when roles exist, then current ones come first, then the rest by start date descending', async () => {
    const { request } = testApp({ content: only(old, current, mid, newest) });
    const res = await request.get(BASE);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.body).to.deep.equal({ data: [newest, current, mid, old].map(view) });
  });

  it('when an ended role started after a current one, then the current one still comes first', async () => {
    const recentEnded = anExperience({ id: 'e-x', company: 'X', startDate: '2024-01-01', endDate: '2024-06-01' });
    const { request } = testApp({ content: only(recentEnded, current) });
    const res = await request.get(BASE);
    expect(res.body).to.deep.equal({ data: [current, recentEnded].map(view) });
  });

  it('when there are no roles, then data is empty', async () => {
    const { request } = testApp();
    expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
  });
});

describe('GET /api/v1/experience/{id}', () => {
  it('when the role exists, then 200 with it', async () => {
    const { request } = testApp({ content: only(newest) });
    const res = await request.get(`${BASE}/e-new`);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: view(newest) });
  });

  it('when the id is unknown, then 404 names it', async () => {
    const { request } = testApp();
    expectNotFound(await request.get(`${BASE}/nope`), `${BASE}/nope`, "Experience 'nope' does not exist");
  });
});

describe('POST /api/v1/experience', () => {
  it('when the body is minimal, then 201 with Location and every default', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send(minimal);
    const created = { id: 'id-1', ...minimal, endDate: null, highlights: [], tech: [] };
    expect(res.status).to.equal(201);
    expect(res.headers.location).to.equal('/api/v1/experience/id-1');
    expect(res.body).to.deep.equal({ data: created });
    expect((await request.get(`${BASE}/id-1`)).body).to.deep.equal({ data: created });
  });

  it('when every field is given, then each is stored', async () => {
    const { request } = testApp();
    const body = {
      ...minimal,
      location: 'Remote',
      endDate: '2023-12-31',
      highlights: ['Cut latency by half'],
      tech: ['Rust', 'Kafka'],
    };
    const res = await request.post(BASE).set(AUTH).send(body);
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.equal({ data: { id: 'id-1', ...body } });
  });

  it('when endDate is before startDate, then 400 names endDate and nothing is stored', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, endDate: '2022-12-31' });
    expectValidation(res, BASE, [{ path: 'endDate', message: 'Must not be before startDate' }]);
    expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
  });

  it('when required fields are missing, then 400 lists each', async () => {
    const { request } = testApp();
    const res = await request.post(BASE).set(AUTH).send({ location: 'Remote' });
    expectValidation(res, BASE, [
      { path: 'company', message: 'Required' },
      { path: 'role', message: 'Required' },
      { path: 'startDate', message: 'Required' },
    ]);
  });

  it('when lists and dates are invalid, then 400 names every bad item', async () => {
    const { request } = testApp();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({
        ...minimal,
        startDate: '2023-13-01',
        highlights: ['ok', 'h'.repeat(301)],
        tech: Array.from({ length: 31 }, (_, i) => `t${i}`),
      });
    expectValidation(res, BASE, [
      { path: 'startDate', message: 'Must be a date (YYYY-MM-DD)' },
      { path: 'highlights.1', message: 'Must be at most 300 characters' },
      { path: 'tech', message: 'Must have at most 30 items' },
    ]);
    expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
  });

  it('when there are 21 highlights, then 400 names highlights', async () => {
    const { request } = testApp();
    const highlights = Array.from({ length: 21 }, (_, i) => `h${i}`);
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({ ...minimal, highlights });
    expectValidation(res, BASE, [{ path: 'highlights', message: 'Must have at most 20 items' }]);
  });

  it('when there is no token, then 401 and nothing is stored', async () => {
    const { request } = testApp();
    expectUnauthorized(await request.post(BASE).send(minimal), BASE);
    expect((await request.get(BASE)).body).to.deep.equal({ data: [] });
  });
});

describe('PUT /api/v1/experience/{id}', () => {
  it('when the body is valid, then the role is replaced and omitted fields take their defaults', async () => {
    const { request } = testApp({ content: only(newest) });
    const res = await request.put(`${BASE}/e-new`).set(AUTH).send(minimal);
    const replaced = { id: 'e-new', ...minimal, endDate: null, highlights: [], tech: [] };
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: replaced });
    expect((await request.get(`${BASE}/e-new`)).body).to.deep.equal({ data: replaced });
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = testApp();
    expectNotFound(
      await request.put(`${BASE}/nope`).set(AUTH).send(minimal),
      `${BASE}/nope`,
      "Experience 'nope' does not exist",
    );
  });

  it('when If-Match is stale, then 412 and the role is unchanged', async () => {
    const { request } = testApp({ content: only(newest) });
    const res = await request.put(`${BASE}/e-new`).set(AUTH).set('If-Match', '"stale"').send(minimal);
    expectProblem(res, 'precondition-failed', {
      detail: 'The experience has changed since it was read',
      instance: `${BASE}/e-new`,
    });
    expect((await request.get(`${BASE}/e-new`)).body).to.deep.equal({ data: view(newest) });
  });
});

describe('PATCH /api/v1/experience/{id}', () => {
  it('when endDate is set, then only endDate changes and the role is no longer current', async () => {
    const { request } = testApp({ content: only(newest, mid) });
    const res = await request.patch(`${BASE}/e-new`).set(AUTH).send({ endDate: '2024-01-31' });
    const ended = { ...view(newest), endDate: '2024-01-31' };
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: ended });
    expect((await request.get(BASE)).body).to.deep.equal({ data: [ended, view(mid)] });
  });

  it('when startDate moves after the stored endDate, then 400 names endDate and nothing changes', async () => {
    const { request } = testApp({ content: only(mid) });
    const res = await request.patch(`${BASE}/e-mid`).set(AUTH).send({ startDate: '2022-01-01' });
    expectValidation(res, `${BASE}/e-mid`, [{ path: 'endDate', message: 'Must not be before startDate' }]);
    expect((await request.get(`${BASE}/e-mid`)).body).to.deep.equal({ data: view(mid) });
  });

  it('when a read-only id is sent, then 400 names it', async () => {
    const { request } = testApp({ content: only(mid) });
    const res = await request.patch(`${BASE}/e-mid`).set(AUTH).send({ id: 'other' });
    expectValidation(res, `${BASE}/e-mid`, [{ path: 'id', message: 'Read-only field' }]);
  });

  it('when there is no token, then 401 and nothing changes', async () => {
    const { request } = testApp({ content: only(mid) });
    expectUnauthorized(await request.patch(`${BASE}/e-mid`).send({ role: 'X' }), `${BASE}/e-mid`);
    expect((await request.get(`${BASE}/e-mid`)).body).to.deep.equal({ data: view(mid) });
  });
});

describe('DELETE /api/v1/experience/{id}', () => {
  it('when the role exists, then 204 and a later GET is 404', async () => {
    const { request } = testApp({ content: only(mid, old) });
    const res = await request.delete(`${BASE}/e-mid`).set(AUTH);
    expect(res.status).to.equal(204);
    expectNotFound(await request.get(`${BASE}/e-mid`), `${BASE}/e-mid`, "Experience 'e-mid' does not exist");
    expect((await request.get(BASE)).body).to.deep.equal({ data: [view(old)] });
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = testApp();
    expectNotFound(await request.delete(`${BASE}/nope`).set(AUTH), `${BASE}/nope`, "Experience 'nope' does not exist");
  });

  it('when If-Match matches, then 204', async () => {
    const { request } = testApp({ content: only(mid) });
    const etag = (await request.get(`${BASE}/e-mid`)).headers.etag as string;
    expect((await request.delete(`${BASE}/e-mid`).set(AUTH).set('If-Match', etag)).status).to.equal(204);
  });

  it('when there is no token, then 401 and the role is still there', async () => {
    const { request } = testApp({ content: only(mid) });
    expectUnauthorized(await request.delete(`${BASE}/e-mid`), `${BASE}/e-mid`);
    expect((await request.get(`${BASE}/e-mid`)).body).to.deep.equal({ data: view(mid) });
  });
});
