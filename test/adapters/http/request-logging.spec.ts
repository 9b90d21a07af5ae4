import { expect } from 'chai';
import { pino } from 'pino';
import sinon from 'sinon';
import { openMemoryStorage } from '../../../src/adapters/persistence/memory/memory.storage.js';
import { StorageUnavailableError } from '../../../src/domain/shared/errors.js';
import { ADMIN_TOKEN, AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';

type LogLine = Record<string, unknown>;

/** The real app, logging JSON lines into an array instead of stdout. */
function loggedApp(options: TestAppOptions = {}) {
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void (raw.push(line), lines.push(JSON.parse(line))) },
  );
  return { ...testApp({ ...options, logger }), lines, raw };
}

describe('request logging', () => {
  afterEach(() => sinon.restore());

  it('when a request is answered, then one line says what was asked, how it went and how long it took', async () => {
    const { request, lines } = loggedApp();
    await request.get('/api/v1/skills?category=Go').set('X-Request-Id', 'r-1');

    expect(lines).to.have.length(1);
    const [line] = lines;
    expect(line).to.include({
      level: 30,
      requestId: 'r-1',
      method: 'GET',
      path: '/api/v1/skills',
      status: 200,
      msg: 'request completed',
    });
    expect(line!.durationMs).to.be.a('number').at.least(0);
  });

  it('when the answer is an error, then the line has the status the client got', async () => {
    const { request, lines } = loggedApp();
    await request.get('/api/v1/projects/none').set('X-Request-Id', 'r-404');
    await request.get('/api/v1/messages').set('X-Request-Id', 'r-401');

    expect(lines.map((line) => [line.requestId, line.status])).to.deep.equal([
      ['r-404', 404],
      ['r-401', 401],
    ]);
  });

  it('when a request fails unexpectedly, then the error and the closing line carry the same request id', async () => {
    const storage = openMemoryStorage();
    sinon.stub(storage.skills, 'listAll').rejects(new Error('disk on fire at /srv/data.json'));
    const { request, lines } = loggedApp({ storage });
    const res = await request.get('/api/v1/skills').set('X-Request-Id', 'find-me');

    expect(res.status).to.equal(500);
    expect(lines.map((line) => [line.level, line.msg, line.requestId])).to.deep.equal([
      [50, 'request failed', 'find-me'],
      [30, 'request completed', 'find-me'],
    ]);
    // The full error goes to the log, and only there.
    expect((lines[0]!.err as { message: string }).message).to.equal('disk on fire at /srv/data.json');
    expect(res.text).not.to.include('disk on fire');
  });

  it('when storage is unavailable, then a warning with the request id, not an error', async () => {
    const storage = openMemoryStorage();
    sinon.stub(storage.skills, 'listAll').rejects(new StorageUnavailableError('connect ECONNREFUSED'));
    const { request, lines } = loggedApp({ storage });
    await request.get('/api/v1/skills').set('X-Request-Id', 'r-503');

    expect(lines.map((line) => [line.level, line.msg, line.requestId, line.status])).to.deep.equal([
      [40, 'storage unavailable', 'r-503', undefined],
      [30, 'request completed', 'r-503', 503],
    ]);
  });

  it('when a write carries the admin token and a body, then neither reaches the log', async () => {
    const { request, raw } = loggedApp();
    const res = await request
      .post('/api/v1/contact')
      .set(AUTH)
      .send({ name: 'Grace', email: 'grace@example.com', message: 'my private phone number is 555-0100' });
    await request.post('/api/v1/skills').set(AUTH).send({ name: 'Secret-skill', category: 'L', level: 1 });

    expect(res.status).to.equal(202);
    expect(raw).to.have.length(2);
    const log = raw.join('');
    for (const secret of [ADMIN_TOKEN, '555-0100', 'grace@example.com', 'Secret-skill']) {
      expect(log).not.to.include(secret);
    }
  });
});
