import { expect } from 'chai';
import type { Message } from '../../../src/domain/messages/message.js';
import { aMessage } from '../../support/builders.js';
import { AUTH, testApp } from '../../support/http-app.js';
import {
  expectNotFound,
  expectProblem,
  expectQueryValidation,
  expectUnauthorized,
  expectValidation,
  view,
} from './http-expectations.js';

const BASE = '/api/v1/messages';

const oldest = aMessage({ id: 'm-1', name: 'First', receivedAt: '2025-01-01T10:00:00.000Z', status: 'archived' });
const older = aMessage({
  id: 'm-2',
  name: 'Second',
  receivedAt: '2025-02-01T10:00:00.000Z',
  status: 'read',
  subject: 'Hi',
});
const newer = aMessage({ id: 'm-3', name: 'Third', receivedAt: '2025-03-01T10:00:00.000Z', status: 'new' });
const newest = aMessage({ id: 'm-4', name: 'Fourth', receivedAt: '2025-04-01T10:00:00.000Z', status: 'new' });

/** An app whose inbox holds `messages`, stored in the order given. */
async function appWith(...messages: Message[]) {
  const app = testApp();
  for (const message of messages) await app.storage.messages.create(message);
  return app;
}

/** A message read on its own: with its notification, null while email is not configured. */
const alone = (message: Message) => ({ ...view(message), notification: null });

const page = (messages: Message[], meta: { page: number; limit: number; total: number; totalPages: number }) => ({
  data: messages.map(view),
  meta,
});

describe('GET /api/v1/messages', () => {
  it('when messages arrived over time, then they come newest first', async () => {
    const { request } = await appWith(oldest, older, newer, newest);
    const res = await request.get(BASE).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['x-total-count']).to.equal('4');
    expect(res.body).to.deep.equal(
      page([newest, newer, older, oldest], { page: 1, limit: 20, total: 4, totalPages: 1 }),
    );
  });

  it('when status=new, then only new messages come, newest first', async () => {
    const { request } = await appWith(oldest, older, newer, newest);
    const res = await request.get(`${BASE}?status=new`).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['x-total-count']).to.equal('2');
    expect(res.body).to.deep.equal(page([newest, newer], { page: 1, limit: 20, total: 2, totalPages: 1 }));
  });

  it('when status=archived, then only archived messages come', async () => {
    const { request } = await appWith(oldest, older, newer, newest);
    const res = await request.get(`${BASE}?status=archived`).set(AUTH);
    expect(res.body).to.deep.equal(page([oldest], { page: 1, limit: 20, total: 1, totalPages: 1 }));
  });

  it('when paged, then meta, X-Total-Count and Link describe the pages and keep the filter', async () => {
    const { request } = await appWith(oldest, older, newer, newest);
    const res = await request.get(`${BASE}?limit=3&page=2`).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['x-total-count']).to.equal('4');
    expect(res.headers.link).to.equal(
      '</api/v1/messages?limit=3&page=1>; rel="first", ' +
        '</api/v1/messages?limit=3&page=1>; rel="prev", ' +
        '</api/v1/messages?limit=3&page=2>; rel="last"',
    );
    expect(res.body).to.deep.equal(page([oldest], { page: 2, limit: 3, total: 4, totalPages: 2 }));

    const filtered = await request.get(`${BASE}?status=new&limit=1`).set(AUTH);
    expect(filtered.headers.link).to.equal(
      '</api/v1/messages?status=new&limit=1&page=1>; rel="first", ' +
        '</api/v1/messages?status=new&limit=1&page=2>; rel="next", ' +
        '</api/v1/messages?status=new&limit=1&page=2>; rel="last"',
    );
    expect(filtered.body).to.deep.equal(page([newest], { page: 1, limit: 1, total: 2, totalPages: 2 }));
  });

  it('when a page past the last is asked for, then data is empty with correct meta', async () => {
    const { request } = await appWith(oldest, older);
    const res = await request.get(`${BASE}?page=5`).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ data: [], meta: { page: 5, limit: 20, total: 2, totalPages: 1 } });
  });

  it('when status is not a known one, then 400 names status', async () => {
    const { request } = await appWith(oldest);
    expectQueryValidation(await request.get(`${BASE}?status=spam`).set(AUTH), BASE, [
      { path: 'status', message: 'Must be new, read or archived' },
    ]);
  });

  it('when limit is out of range, then 400 names limit', async () => {
    const { request } = await appWith(oldest);
    expectQueryValidation(await request.get(`${BASE}?limit=101`).set(AUTH), BASE, [
      { path: 'limit', message: 'limit must be a whole number from 1 to 100' },
    ]);
  });

  it('when there is no token, then 401 even with a bad query', async () => {
    const { request } = await appWith(oldest);
    expectUnauthorized(await request.get(BASE), BASE);
    expectUnauthorized(await request.get(`${BASE}?status=spam`), BASE);
  });
});

describe('GET /api/v1/messages/{id}', () => {
  it('when the message exists, then 200 with every stored field', async () => {
    const { request } = await appWith(older);
    const res = await request.get(`${BASE}/m-2`).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({
      data: {
        id: 'm-2',
        name: 'Second',
        email: older.email,
        subject: 'Hi',
        message: older.message,
        status: 'read',
        receivedAt: '2025-02-01T10:00:00.000Z',
        notification: null,
      },
    });
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = await appWith(older);
    expectNotFound(await request.get(`${BASE}/nope`).set(AUTH), `${BASE}/nope`, "Message 'nope' does not exist");
  });

  it('when there is no token, then 401', async () => {
    const { request } = await appWith(older);
    expectUnauthorized(await request.get(`${BASE}/m-2`), `${BASE}/m-2`);
  });
});

describe('PATCH /api/v1/messages/{id}', () => {
  const allowed: [Message, string][] = [
    [newest, 'read'],
    [newest, 'archived'],
    [older, 'new'],
    [older, 'archived'],
    [oldest, 'read'],
    [oldest, 'archived'],
  ];
  for (const [message, status] of allowed) {
    it(`when ${message.status === 'archived' ? 'an' : 'a'} ${message.status} message is set to ${status}, then 200 and the new status reads back`, async () => {
      const { request } = await appWith(message);
      const res = await request.patch(`${BASE}/${message.id}`).set(AUTH).send({ status });
      expect(res.status).to.equal(200);
      expect(res.headers['cache-control']).to.equal('no-store');
      expect(res.body).to.deep.equal({ data: { ...view(message), status, notification: null } });
      expect((await request.get(`${BASE}/${message.id}`).set(AUTH)).body).to.deep.equal({
        data: { ...view(message), status, notification: null },
      });
    });
  }

  it('when an archived message is set back to new, then 409 and it stays archived', async () => {
    const { request } = await appWith(oldest);
    const res = await request.patch(`${BASE}/m-1`).set(AUTH).send({ status: 'new' });
    expectProblem(res, 'conflict', { detail: "A message cannot go from 'archived' to 'new'", instance: `${BASE}/m-1` });
    expect((await request.get(`${BASE}/m-1`).set(AUTH)).body).to.deep.equal({ data: alone(oldest) });
  });

  it('when the status is not a known one, then 400 and nothing changes', async () => {
    const { request } = await appWith(newest);
    const res = await request.patch(`${BASE}/m-4`).set(AUTH).send({ status: 'deleted' });
    expectValidation(res, `${BASE}/m-4`, [{ path: 'status', message: 'Must be new, read or archived' }]);
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).body).to.deep.equal({ data: alone(newest) });
  });

  it('when other fields are sent, then 400 names them and nothing changes', async () => {
    const { request } = await appWith(newest);
    const res = await request
      .patch(`${BASE}/m-4`)
      .set(AUTH)
      .send({ status: 'read', message: 'edited text', receivedAt: 'x' });
    expectValidation(res, `${BASE}/m-4`, [
      { path: 'message', message: 'Unknown field' },
      { path: 'receivedAt', message: 'Read-only field' },
    ]);
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).body).to.deep.equal({ data: alone(newest) });
  });

  it('when the status is missing, then 400 names it', async () => {
    const { request } = await appWith(newest);
    expectValidation(await request.patch(`${BASE}/m-4`).set(AUTH).send({}), `${BASE}/m-4`, [
      { path: 'status', message: 'Required' },
    ]);
  });

  it('when If-Match is stale, then 412 and nothing changes', async () => {
    const { request } = await appWith(newest);
    const res = await request.patch(`${BASE}/m-4`).set(AUTH).set('If-Match', '"stale"').send({ status: 'read' });
    expectProblem(res, 'precondition-failed', {
      detail: 'The message has changed since it was read',
      instance: `${BASE}/m-4`,
    });
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).body).to.deep.equal({ data: alone(newest) });
  });

  it('when If-Match matches, then 200', async () => {
    const { request } = await appWith(newest);
    const etag = (await request.get(`${BASE}/m-4`).set(AUTH)).headers.etag as string;
    const res = await request.patch(`${BASE}/m-4`).set(AUTH).set('If-Match', etag).send({ status: 'read' });
    expect(res.status).to.equal(200);
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = await appWith();
    expectNotFound(
      await request.patch(`${BASE}/nope`).set(AUTH).send({ status: 'read' }),
      `${BASE}/nope`,
      "Message 'nope' does not exist",
    );
  });

  it('when there is no token, then 401 and nothing changes', async () => {
    const { request } = await appWith(newest);
    expectUnauthorized(await request.patch(`${BASE}/m-4`).send({ status: 'read' }), `${BASE}/m-4`);
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).body).to.deep.equal({ data: alone(newest) });
  });
});

describe('DELETE /api/v1/messages/{id}', () => {
  it('when the message exists, then 204, a later GET is 404 and the list no longer has it', async () => {
    const { request } = await appWith(older, newest);
    const res = await request.delete(`${BASE}/m-2`).set(AUTH);
    expect(res.status).to.equal(204);
    expectNotFound(await request.get(`${BASE}/m-2`).set(AUTH), `${BASE}/m-2`, "Message 'm-2' does not exist");
    expect((await request.get(BASE).set(AUTH)).body).to.deep.equal(
      page([newest], { page: 1, limit: 20, total: 1, totalPages: 1 }),
    );
  });

  it('when the id is unknown, then 404', async () => {
    const { request } = await appWith();
    expectNotFound(await request.delete(`${BASE}/nope`).set(AUTH), `${BASE}/nope`, "Message 'nope' does not exist");
  });

  it('when If-Match is stale, then 412 and the message is still there', async () => {
    const { request } = await appWith(newest);
    const res = await request.delete(`${BASE}/m-4`).set(AUTH).set('If-Match', '"stale"');
    expectProblem(res, 'precondition-failed', {
      detail: 'The message has changed since it was read',
      instance: `${BASE}/m-4`,
    });
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).status).to.equal(200);
  });

  it('when there is no token, then 401 and the message is still there', async () => {
    const { request } = await appWith(newest);
    expectUnauthorized(await request.delete(`${BASE}/m-4`), `${BASE}/m-4`);
    expect((await request.get(`${BASE}/m-4`).set(AUTH)).status).to.equal(200);
  });
});

describe('the notification of a message', () => {
  const EMAIL = { smtpUrl: 'smtp://127.0.0.1:1', to: 'owner@example.com', from: 'site@example.com' };
  const contact = { name: 'Grace', email: 'grace@example.com', message: 'Hello, shall we talk?' };

  it('when email is not configured, then notification is null and notify is 409', async () => {
    const { request } = testApp();
    await request.post('/api/v1/contact').send(contact);
    expect((await request.get(`${BASE}/id-1`).set(AUTH)).body.data.notification).to.equal(null);
    expectProblem(await request.post(`${BASE}/id-1/notify`).set(AUTH), 'conflict', {
      detail: 'Email notifications are not configured (SMTP_URL, NOTIFY_EMAIL_TO, NOTIFY_EMAIL_FROM)',
      instance: `${BASE}/id-1/notify`,
    });
  });

  it('when email is configured, then a new message shows its email pending, and notify answers 202 with its state', async () => {
    const { request } = testApp({ config: { email: EMAIL } });
    await request.post('/api/v1/contact').send(contact);
    const read = await request.get(`${BASE}/id-1`).set(AUTH);
    expect(read.body.data.notification).to.deep.equal({ status: 'pending', attempts: 0, lastError: null });
    const res = await request.post(`${BASE}/id-1/notify`).set(AUTH);
    expect(res.status).to.equal(202);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ data: { status: 'pending', attempts: 0, lastError: null } });
  });

  it('when a message came before email was configured, then notify makes its first email', async () => {
    const { request, storage } = testApp({ config: { email: EMAIL } });
    await storage.messages.create(older);
    expect((await request.get(`${BASE}/m-2`).set(AUTH)).body.data.notification).to.equal(null);
    expect((await request.post(`${BASE}/m-2/notify`).set(AUTH)).status).to.equal(202);
    expect((await request.get(`${BASE}/m-2`).set(AUTH)).body.data.notification).to.deep.equal({
      status: 'pending',
      attempts: 0,
      lastError: null,
    });
  });

  it('when the ETag of a read (notification included) is sent back, then the write is accepted', async () => {
    const { request } = testApp({ config: { email: EMAIL } });
    await request.post('/api/v1/contact').send(contact);
    const read = await request.get(`${BASE}/id-1`).set(AUTH);
    const res = await request.patch(`${BASE}/id-1`).set(AUTH).set('If-Match', read.headers.etag!).send({
      status: 'read',
    });
    expect(res.status).to.equal(200);
    expect(res.body.data.notification).to.deep.equal(read.body.data.notification);
    expect(res.headers.etag).to.equal((await request.get(`${BASE}/id-1`).set(AUTH)).headers.etag);
  });

  it('when the message is unknown, then 404; without a token, 401', async () => {
    const { request } = testApp({ config: { email: EMAIL } });
    expectNotFound(
      await request.post(`${BASE}/nope/notify`).set(AUTH),
      `${BASE}/nope/notify`,
      "Message 'nope' does not exist",
    );
    expectUnauthorized(await request.post(`${BASE}/nope/notify`), `${BASE}/nope/notify`);
  });
});
