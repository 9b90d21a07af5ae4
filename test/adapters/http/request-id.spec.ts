import { expect } from 'chai';
import sinon from 'sinon';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { AUTH, testApp } from '../../support/http-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('X-Request-Id', () => {
  afterEach(() => sinon.restore());

  it('when the client sends none, then the response carries a generated one', async () => {
    const { request } = testApp();
    const res = await request.get('/health');
    expect(res.headers['x-request-id']).to.match(UUID);
  });

  it('when two requests send none, then each gets its own id', async () => {
    const { request } = testApp();
    const a = await request.get('/health');
    const b = await request.get('/health');
    expect(a.headers['x-request-id']).to.not.equal(b.headers['x-request-id']);
  });

  const sane = ['abc', 'A', 'req-42', '01JD7Z5S3M6Q8K2P4V9X0YBCDE', 'trace.id:span_1', 'x'.repeat(128)];
  for (const id of sane) {
    it(`when the client sends the sane id '${id.length > 20 ? `${id.slice(0, 10)}…(${id.length})` : id}', then it is echoed`, async () => {
      const { request } = testApp();
      const res = await request.get('/api/v1/skills').set('X-Request-Id', id);
      expect(res.status).to.equal(200);
      expect(res.headers['x-request-id']).to.equal(id);
    });
  }

  const insane: [string, string][] = [
    ['129 characters', 'x'.repeat(129)],
    ['a space', 'abc def'],
    ['markup', '<script>alert(1)</script>'],
    ['a slash', 'a/b'],
    ['a quote', 'a"b'],
    ['a non-ASCII letter', 'reqü'],
    ['a comma (two ids joined)', 'a,b'],
    ['only whitespace', '   '],
  ];
  for (const [what, id] of insane) {
    it(`when the client's id has ${what}, then a generated one replaces it`, async () => {
      const { request } = testApp();
      const res = await request.get('/api/v1/skills').set('X-Request-Id', id);
      expect(res.status).to.equal(200);
      expect(res.headers['x-request-id']).to.match(UUID);
    });
  }

  it('when the client sends the header twice, then a generated id replaces the joined value', async () => {
    const { request } = testApp();
    const res = await request.get('/health').set('X-Request-Id', ['one', 'two'] as unknown as string); // sent as two header lines
    expect(res.headers['x-request-id']).to.match(UUID);
  });

  it('when the request fails, then the problem body carries the echoed id', async () => {
    const { request } = testApp();
    const res = await request.get('/api/v1/projects/none').set('X-Request-Id', 'client-id-1');
    expect(res.status).to.equal(404);
    expect(res.headers['x-request-id']).to.equal('client-id-1');
    expect(res.body.requestId).to.equal('client-id-1');
  });

  it('when the request fails with an insane id, then the problem body carries the generated one, not the insane one', async () => {
    const { request } = testApp();
    const res = await request.get('/api/v1/projects/none').set('X-Request-Id', 'bad id<>');
    expect(res.status).to.equal(404);
    expect(res.headers['x-request-id']).to.match(UUID);
    expect(res.body.requestId).to.equal(res.headers['x-request-id']);
    expect(res.text).to.not.include('bad id');
  });

  it('when a 500 happens, then the id is in the header and in the body so that the log line can be found', async () => {
    const storage = openMemoryStorage();
    sinon.stub(storage.skills, 'listAll').rejects(new Error('boom'));
    const { request } = testApp({ storage });
    const res = await request.get('/api/v1/skills').set('X-Request-Id', 'find-me-in-the-log');
    expect(res.status).to.equal(500);
    expect(res.headers['x-request-id']).to.equal('find-me-in-the-log');
    expect(res.body.requestId).to.equal('find-me-in-the-log');
  });

  it('when the answer is 401, 405 or 413, then the id is still there', async () => {
    const { request } = testApp({ config: { bodyLimitBytes: 10 } });
    const answers = [
      await request.get('/api/v1/messages').set('X-Request-Id', 'r-401'),
      await request.delete('/api/v1/tags').set('X-Request-Id', 'r-405'),
      await request.post('/api/v1/skills').set(AUTH).set('X-Request-Id', 'r-413').send({ name: 'long enough' }),
    ];
    expect(answers.map((r) => [r.status, r.headers['x-request-id'], r.body.requestId])).to.deep.equal([
      [401, 'r-401', 'r-401'],
      [405, 'r-405', 'r-405'],
      [413, 'r-413', 'r-413'],
    ]);
  });

  it('when the answer is 204 or 304, then the id is still there', async () => {
    const { request } = testApp();
    await request.post('/api/v1/skills').set(AUTH).send({ name: 'Go', category: 'L', level: 1 });
    const first = await request.get('/api/v1/skills');
    const notModified = await request
      .get('/api/v1/skills')
      .set('If-None-Match', first.headers.etag as string)
      .set('X-Request-Id', 'r-304');
    expect(notModified.status).to.equal(304);
    expect(notModified.headers['x-request-id']).to.equal('r-304');
    const deleted = await request.delete('/api/v1/skills/id-1').set(AUTH).set('X-Request-Id', 'r-204');
    expect(deleted.status).to.equal(204);
    expect(deleted.headers['x-request-id']).to.equal('r-204');
  });
});
