import { expect } from 'chai';
import { AUTH, testApp } from '../../support/http-app.js';

describe('HTTP app (smoke)', () => {
  it('creates a project and reads it back', async () => {
    const { request } = testApp();
    const created = await request
      .post('/api/v1/projects')
      .set(AUTH)
      .send({ title: 'Hello', summary: 'World', startedAt: '2024-01-01', status: 'published' });
    expect(created.status).to.equal(201);
    const read = await request.get('/api/v1/projects/hello');
    expect(read.status).to.equal(200);
    expect(read.body.data.title).to.equal('Hello');
    expect(read.headers.etag).to.equal(created.headers.etag);
  });
});
