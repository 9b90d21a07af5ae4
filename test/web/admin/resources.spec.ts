import { expect } from 'chai';
import { CONFLICT_MESSAGE } from '../../../web/admin/src/api/results.js';
import { answer, BASE_URL, fakeApi, problem, TOKEN } from './fake-api.js';

const project = { id: 'p1', slug: 'kiln', title: 'Kiln', status: 'draft' };

describe('console: the API calls (resources over openapi-fetch)', () => {
  it('when an item is read, then the token goes in Authorization and the answer keeps the ETag', async () => {
    const { api, requests } = fakeApi(answer(200, { data: project }, { ETag: '"v1"' }));
    expect(await api.projects.get('kiln')).to.deep.equal({ kind: 'ok', item: { data: project, etag: '"v1"' } });
    expect(requests[0]!.url).to.equal(`${BASE_URL}/api/v1/projects/kiln`);
    expect(requests[0]!.headers.get('Authorization')).to.equal(`Bearer ${TOKEN}`);
  });

  it('when an item is replaced, then If-Match carries the ETag it was read with, and the new ETag comes back', async () => {
    const { api, requests } = fakeApi(answer(200, { data: { ...project, title: 'New' } }, { ETag: '"v2"' }));
    const result = await api.projects.replace('kiln', { title: 'New', summary: 's', startedAt: '2024-01-01' }, '"v1"');
    expect(result).to.deep.equal({ kind: 'ok', item: { data: { ...project, title: 'New' }, etag: '"v2"' } });
    expect(requests[0]!.method).to.equal('PUT');
    expect(requests[0]!.headers.get('If-Match')).to.equal('"v1"');
    expect(await requests[0]!.json()).to.deep.equal({ title: 'New', summary: 's', startedAt: '2024-01-01' });
  });

  it('when a project is published, a message archived or anything deleted, then each write sends If-Match', async () => {
    const { api, requests } = fakeApi(
      answer(200, { data: { ...project, status: 'published' } }, { ETag: '"v2"' }),
      answer(200, { data: { id: 'm1', status: 'archived' } }, { ETag: '"m2"' }),
      answer(204),
      answer(204),
      answer(204),
    );
    await api.projects.setStatus('kiln', 'published', '"v1"');
    await api.messages.setStatus('m1', 'archived', '"m1"');
    expect(await api.projects.delete('kiln', '"v2"')).to.deep.equal({
      kind: 'ok',
      item: { data: undefined, etag: undefined },
    });
    await api.skills.delete('s1', '"s1"');
    await api.messages.delete('m1', '"m2"');
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get('If-Match')}`)).to.deep.equal([
      'PATCH /api/v1/projects/kiln "v1"',
      'PATCH /api/v1/messages/m1 "m1"',
      'DELETE /api/v1/projects/kiln "v2"',
      'DELETE /api/v1/skills/s1 "s1"',
      'DELETE /api/v1/messages/m1 "m2"',
    ]);
    expect(await requests[0]!.json()).to.deep.equal({ status: 'published' });
  });

  it('when the profile was never written, then its first PUT goes without If-Match', async () => {
    const { api, requests } = fakeApi(answer(200, { data: { name: 'A' } }, { ETag: '"p1"' }));
    await api.profile.put({ name: 'A', headline: 'H' }, undefined);
    expect(requests[0]!.headers.has('If-Match')).to.be.false;
  });

  it('when a list is read, then it asks for every status, newest changes first, and gives the items with their page', async () => {
    const meta = { page: 2, limit: 20, total: 21, totalPages: 2 };
    const { api, requests } = fakeApi(answer(200, { data: [project], meta }), answer(200, { data: [], meta }));
    expect(await api.projects.list(2)).to.deep.equal({
      kind: 'ok',
      item: { data: { items: [project], meta }, etag: undefined },
    });
    await api.messages.list('new', 1);
    expect(new URL(requests[0]!.url).search).to.equal('?status=all&sort=-updatedAt&page=2&limit=20');
    expect(new URL(requests[1]!.url).search).to.equal('?status=new&page=1&limit=20');
  });

  it('when the item changed elsewhere (412), then the result is a conflict that says so', async () => {
    const { api } = fakeApi(
      answer(412, problem(412, 'precondition-failed', 'The project has changed since it was read')),
    );
    expect(
      await api.projects.replace('kiln', { title: 'T', summary: 's', startedAt: '2024-01-01' }, '"old"'),
    ).to.deep.equal({
      kind: 'conflict',
      message: CONFLICT_MESSAGE,
    });
  });

  it('when a write is invalid (400), then the problem’s errors come by field path', async () => {
    const { api } = fakeApi(
      answer(
        400,
        problem(400, 'validation-error', '2 fields are invalid', [
          { path: 'title', message: 'Must not be empty' },
          { path: 'links.repo', message: 'Must be an https URL' },
        ]),
      ),
    );
    expect(
      await api.projects.create({ title: '', summary: 's', startedAt: '2024-01-01', links: { repo: 'http://x' } }),
    ).to.deep.equal({
      kind: 'invalid',
      message: '2 fields are invalid',
      errors: { title: ['Must not be empty'], 'links.repo': ['Must be an https URL'] },
    });
  });

  it('when a slug is taken (409), the token refused (401), the item gone (404) or the service down (503), then each is told apart', async () => {
    const { api } = fakeApi(
      answer(409, problem(409, 'conflict', "The slug 'kiln' is already taken by another project")),
      answer(401, problem(401, 'unauthorized', 'A valid admin token is required')),
      answer(404, problem(404, 'not-found', "Project 'x' does not exist")),
      answer(503, problem(503, 'service-unavailable', 'Storage is not answering')),
    );
    const body = { title: 'T', summary: 's', startedAt: '2024-01-01' };
    expect(await api.projects.create(body)).to.deep.equal({
      kind: 'taken',
      message: "The slug 'kiln' is already taken by another project",
    });
    expect(await api.projects.create(body)).to.deep.equal({
      kind: 'unauthorized',
      message: 'A valid admin token is required',
    });
    expect(await api.projects.get('x')).to.deep.equal({ kind: 'missing', message: "Project 'x' does not exist" });
    expect(await api.projects.get('x')).to.deep.equal({
      kind: 'failed',
      message: 'The service is unavailable right now: Storage is not answering',
    });
  });

  it('when the service cannot be reached, then the result is a failure, not a throw', async () => {
    const { api } = fakeApi(new TypeError('fetch failed'));
    expect(await api.skills.list()).to.deep.equal({
      kind: 'failed',
      message: 'The service could not be reached. Check your connection and try again.',
    });
  });

  it('when an error answer is not problem+json (a proxy page), then its status is told', async () => {
    const { api } = fakeApi(
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    expect(await api.experience.list()).to.deep.equal({ kind: 'failed', message: 'The service answered 502.' });
  });
});
