import { expect } from 'chai';
import { aProfile } from '../../support/builders.js';
import { NOW } from '../../support/fakes.js';
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

const PATH = '/api/v1/profile';

const stored = aProfile({
  name: 'Ada Example',
  headline: 'Backend developer',
  bio: 'I build **APIs**.',
  location: 'Hamburg',
  email: 'ada@example.com',
  avatarUrl: 'https://example.com/ada.png',
  links: { github: 'https://github.com/ada' },
  availableForWork: true,
});

const minimal = { name: 'Grace Example', headline: 'Engineer' };

describe('GET /api/v1/profile', () => {
  it('when no profile has been set up, then 404', async () => {
    const { request } = testApp();
    expectNotFound(await request.get(PATH), PATH, 'No profile has been set yet');
  });

  it('when a profile exists, then 200 with every field', async () => {
    const { request } = testApp({ content: content({ profile: stored }) });
    const res = await request.get(PATH);
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal(JSON_UTF8);
    expect(res.body).to.deep.equal({ data: view(stored) });
  });
});

describe('PUT /api/v1/profile', () => {
  it('when there is no profile yet, then PUT creates it with defaults and 200', async () => {
    const { request } = testApp();
    const res = await request.put(PATH).set(AUTH).send(minimal);
    const created = { ...minimal, bio: '', links: {}, availableForWork: false, updatedAt: NOW };
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ data: created });
    const read = await request.get(PATH);
    expect(read.body).to.deep.equal({ data: created });
    expect(read.headers.etag).to.equal(res.headers.etag);
  });

  it('when a profile exists, then PUT replaces it whole and omitted optional fields are gone', async () => {
    const { request } = testApp({ content: content({ profile: stored }) });
    const res = await request.put(PATH).set(AUTH).send(minimal);
    const replaced = { ...minimal, bio: '', links: {}, availableForWork: false, updatedAt: NOW };
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: replaced });
    expect((await request.get(PATH)).body).to.deep.equal({ data: replaced });
  });

  it('when every field is given, then each is stored', async () => {
    const { request } = testApp();
    const body = {
      name: 'Ada',
      headline: 'Dev',
      bio: 'x'.repeat(5000),
      location: 'Remote',
      email: 'ada@example.com',
      avatarUrl: 'https://example.com/a.png',
      links: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`site${i}`, `https://s${i}.example`])),
      availableForWork: true,
    };
    const res = await request.put(PATH).set(AUTH).send(body);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: { ...body, updatedAt: NOW } });
  });

  it('when URLs are not https, then 400 names avatarUrl and each bad link', async () => {
    const { request } = testApp({ content: content({ profile: stored }) });
    const res = await request
      .put(PATH)
      .set(AUTH)
      .send({
        ...minimal,
        avatarUrl: 'http://example.com/a.png',
        links: { github: 'https://github.com/ok', blog: 'ftp://blog.example', home: 'not a url' },
      });
    expectValidation(res, PATH, [
      { path: 'avatarUrl', message: 'Must be an https URL' },
      { path: 'links.blog', message: 'Must be an https URL' },
      { path: 'links.home', message: 'Must be an https URL' },
    ]);
    expect((await request.get(PATH)).body).to.deep.equal({ data: view(stored) });
  });

  it('when the email is not an address, then 400 names email', async () => {
    const { request } = testApp();
    const res = await request
      .put(PATH)
      .set(AUTH)
      .send({ ...minimal, email: 'ada-at-example' });
    expectValidation(res, PATH, [{ path: 'email', message: 'Must be a valid email address' }]);
    expectNotFound(await request.get(PATH), PATH, 'No profile has been set yet');
  });

  it('when there are 21 links, then 400 names links', async () => {
    const { request } = testApp();
    const links = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`site${i}`, `https://s${i}.example`]));
    const res = await request
      .put(PATH)
      .set(AUTH)
      .send({ ...minimal, links });
    expectValidation(res, PATH, [{ path: 'links', message: 'Must have at most 20 links' }]);
    expectNotFound(await request.get(PATH), PATH, 'No profile has been set yet');
  });

  it('when required fields are missing or too long, then 400 names each', async () => {
    const { request } = testApp();
    const res = await request
      .put(PATH)
      .set(AUTH)
      .send({ headline: 'h'.repeat(161), bio: 'b'.repeat(5001), location: 'l'.repeat(101), availableForWork: 'yes' });
    expectValidation(res, PATH, [
      { path: 'name', message: 'Required' },
      { path: 'headline', message: 'Must be at most 160 characters' },
      { path: 'bio', message: 'Must be at most 5000 characters' },
      { path: 'location', message: 'Must be at most 100 characters' },
      { path: 'availableForWork', message: 'Must be true or false' },
    ]);
  });

  it('when If-Match carries the current ETag, then 200', async () => {
    const { request } = testApp({ content: content({ profile: stored }) });
    const etag = (await request.get(PATH)).headers.etag as string;
    const res = await request.put(PATH).set(AUTH).set('If-Match', etag).send(minimal);
    expect(res.status).to.equal(200);
  });

  it('when If-Match is stale, then 412 and the profile is unchanged', async () => {
    const { request } = testApp({ content: content({ profile: stored }) });
    const res = await request.put(PATH).set(AUTH).set('If-Match', '"stale"').send(minimal);
    expectProblem(res, 'precondition-failed', {
      detail: 'The profile has changed since it was read',
      instance: PATH,
    });
    expect((await request.get(PATH)).body).to.deep.equal({ data: view(stored) });
  });

  it('when If-Match is sent but there is no profile yet, then 412 and none is created', async () => {
    const { request } = testApp();
    const res = await request.put(PATH).set(AUTH).set('If-Match', '"anything"').send(minimal);
    expectProblem(res, 'precondition-failed', {
      detail: 'The profile has changed since it was read',
      instance: PATH,
    });
    expectNotFound(await request.get(PATH), PATH, 'No profile has been set yet');
  });

  it('when there is no token, then 401 and no profile is created', async () => {
    const { request } = testApp();
    expectUnauthorized(await request.put(PATH).send(minimal), PATH);
    expectNotFound(await request.get(PATH), PATH, 'No profile has been set yet');
  });
});
