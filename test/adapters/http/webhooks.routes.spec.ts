import { expect } from 'chai';
import { afterAttempt } from '../../../src/domain/events/delivery.js';
import { AUTH, testApp, type TestAppOptions } from '../../support/http-app.js';
import { NOW, fakeResolver } from '../../support/fakes.js';
import {
  expectNotFound,
  expectProblem,
  expectQueryValidation,
  expectUnauthorized,
  expectValidation,
} from './http-expectations.js';

const BASE = '/api/v1/webhooks';
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;
const valid = { url: 'https://hooks.example.com/build', events: ['content.changed'] };

/** Names the URL policy resolves: one public, one inside. */
const resolve = fakeResolver({ 'hooks.example.com': ['93.184.215.14'], 'build.internal.example': ['10.1.2.3'] });

function app(options: TestAppOptions = {}) {
  return testApp({ ...options, deliveries: { resolve, ...options.deliveries } });
}

async function created(request: ReturnType<typeof app>['request'], body: object = valid) {
  const res = await request.post(BASE).set(AUTH).send(body);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res;
}

describe('POST /api/v1/webhooks', () => {
  it('when the body is valid, then 201 with Location, the defaults, and the secret shown this once', async () => {
    const { request } = app();
    const res = await created(request, { ...valid, description: 'Rebuild the site' });
    expect(res.headers.location).to.equal(`${BASE}/id-1`);
    expect(res.headers['cache-control']).to.equal('no-store');
    const { secret, ...rest } = res.body.data;
    expect(secret).to.match(SECRET);
    expect(rest).to.deep.equal({
      id: 'id-1',
      url: valid.url,
      events: ['content.changed'],
      description: 'Rebuild the site',
      debounceSeconds: 0,
      active: true,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('when it is read back, then there is no secret, and its ETag is the one the 201 carried', async () => {
    const { request } = app();
    const res = await created(request);
    const read = await request.get(res.headers.location!).set(AUTH);
    expect(read.status).to.equal(200);
    expect(read.body.data).not.to.have.property('secret');
    expect(read.body.data).to.deep.equal((({ secret: _secret, ...rest }) => rest)(res.body.data));
    expect(read.headers.etag).to.equal(res.headers.etag);
    expect(JSON.stringify((await request.get(BASE).set(AUTH)).body)).not.to.include(res.body.data.secret);
  });

  it('when two are created, then each has its own secret', async () => {
    const { request } = app();
    const first = await created(request);
    const second = await created(request);
    expect(first.body.data.secret).not.to.equal(second.body.data.secret);
  });

  const refusedTargets: [string, string][] = [
    ['https://127.0.0.1/hook', 'a loopback address (127.0.0.1)'],
    ['https://10.0.0.1/hook', 'a private address (10.0.0.1)'],
    ['https://[::1]/hook', 'a loopback address (::1)'],
    ['https://169.254.169.254/latest/meta-data', 'a link-local address (169.254.169.254)'],
    ['https://2130706433/hook', 'a loopback address (127.0.0.1)'],
  ];
  for (const [url, what] of refusedTargets) {
    it(`when the URL is ${url}, then 400: it must not target ${what}, and nothing is stored`, async () => {
      const { request, storage } = app();
      expectValidation(
        await request
          .post(BASE)
          .set(AUTH)
          .send({ ...valid, url }),
        BASE,
        [{ path: 'url', message: `Must not target ${what} unless WEBHOOK_ALLOW_PRIVATE=true` }],
      );
      expect(await storage.webhooks.listAll()).to.deep.equal([]);
    });
  }

  it('when the host is a name that resolves to a private address, then 400 names the address', async () => {
    const { request } = app();
    const url = 'https://build.internal.example/hook';
    expectValidation(
      await request
        .post(BASE)
        .set(AUTH)
        .send({ ...valid, url }),
      BASE,
      [
        {
          path: 'url',
          message:
            'build.internal.example resolves to 10.1.2.3: Must not target a private address (10.1.2.3) unless WEBHOOK_ALLOW_PRIVATE=true',
        },
      ],
    );
  });

  it('when the URL is http, then 400: https is required', async () => {
    const { request } = app();
    expectValidation(
      await request
        .post(BASE)
        .set(AUTH)
        .send({ ...valid, url: 'http://hooks.example.com/x' }),
      BASE,
      [{ path: 'url', message: 'Must be an https URL' }],
    );
  });

  it('when WEBHOOK_ALLOW_PRIVATE=true, then loopback and http are accepted', async () => {
    const { request } = app({ config: { webhookAllowPrivate: true } });
    const res = await created(request, { ...valid, url: 'http://127.0.0.1:8080/hook' });
    expect(res.body.data.url).to.equal('http://127.0.0.1:8080/hook');
  });

  it('when fields are missing or out of bounds, then 400 names each and nothing is stored', async () => {
    const { request, storage } = app();
    const res = await request
      .post(BASE)
      .set(AUTH)
      .send({
        url: `https://hooks.example.com/${'x'.repeat(2000)}`,
        events: ['content.changed', 'content.changed'],
        description: 'd'.repeat(201),
        debounceSeconds: 3601,
        active: 'yes',
      });
    expectValidation(res, BASE, [
      { path: 'url', message: 'Must be at most 2000 characters' },
      { path: 'events', message: 'Must not name an event type twice' },
      { path: 'description', message: 'Must be at most 200 characters' },
      { path: 'debounceSeconds', message: 'Must be between 0 and 3600' },
      { path: 'active', message: 'Must be true or false' },
    ]);
    expectValidation(await request.post(BASE).set(AUTH).send({}), BASE, [
      { path: 'url', message: 'Required' },
      { path: 'events', message: 'Required' },
    ]);
    expectValidation(
      await request
        .post(BASE)
        .set(AUTH)
        .send({ ...valid, events: [] }),
      BASE,
      [{ path: 'events', message: 'Must name at least one event type' }],
    );
    expectValidation(
      await request
        .post(BASE)
        .set(AUTH)
        .send({ ...valid, events: ['webhook.ping'] }),
      BASE,
      [{ path: 'events.0', message: 'Must be one of contact.received, content.changed' }],
    );
    expect(await storage.webhooks.listAll()).to.deep.equal([]);
  });

  it('when the body names an unknown or read-only field, then 400 names it', async () => {
    const { request } = app();
    expectValidation(
      await request
        .post(BASE)
        .set(AUTH)
        .send({ ...valid, secret: `whsec_${'A'.repeat(43)}=`, retries: 3 }),
      BASE,
      [
        { path: 'secret', message: 'Read-only field' },
        { path: 'retries', message: 'Unknown field' },
      ],
    );
  });

  it('when there is no token, then 401 and the body is not read', async () => {
    const { request } = app();
    expectUnauthorized(await request.post(BASE).send(valid), BASE);
  });
});

describe('GET /api/v1/webhooks', () => {
  it('when webhooks exist, then the whole list, newest first, without secrets', async () => {
    const { request } = app();
    await created(request);
    await created(request, { ...valid, events: ['contact.received'] });
    const res = await request.get(BASE).set(AUTH);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body.data.map((w: { id: string }) => w.id)).to.deep.equal(['id-2', 'id-1']);
    for (const webhook of res.body.data) expect(webhook).not.to.have.property('secret');
  });

  it('when there are none, then an empty list', async () => {
    expect((await app().request.get(BASE).set(AUTH)).body).to.deep.equal({ data: [] });
  });

  it('when there is no token, then 401', async () => {
    expectUnauthorized(await app().request.get(BASE), BASE);
  });
});

describe('GET, PATCH, DELETE /api/v1/webhooks/{id}', () => {
  it('when the id is unknown, then 404 for each', async () => {
    const { request } = app();
    const path = `${BASE}/nope`;
    const detail = "Webhook 'nope' does not exist";
    expectNotFound(await request.get(path).set(AUTH), path, detail);
    expectNotFound(await request.patch(path).set(AUTH).send({ active: false }), path, detail);
    expectNotFound(await request.delete(path).set(AUTH), path, detail);
    expectNotFound(await request.post(`${path}/rotate-secret`).set(AUTH), `${path}/rotate-secret`, detail);
    expectNotFound(await request.post(`${path}/ping`).set(AUTH), `${path}/ping`, detail);
    expectNotFound(await request.get(`${path}/deliveries`).set(AUTH), `${path}/deliveries`, detail);
  });

  it('when fields are patched with the ETag read, then 200 with them, no secret, and a new ETag', async () => {
    const { request } = app();
    const { headers } = await created(request, { ...valid, description: 'old' });
    const res = await request
      .patch(headers.location!)
      .set(AUTH)
      .set('If-Match', headers.etag!)
      .send({ active: false, debounceSeconds: 60, description: null, events: ['contact.received', 'content.changed'] });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.data).to.include({ active: false, debounceSeconds: 60 });
    expect(res.body.data.events).to.deep.equal(['contact.received', 'content.changed']);
    expect(res.body.data).not.to.have.property('description');
    expect(res.body.data).not.to.have.property('secret');
    expect(res.headers.etag).not.to.equal(headers.etag);
    expect((await request.get(headers.location!).set(AUTH)).headers.etag).to.equal(res.headers.etag);
  });

  it('when If-Match is stale, then 412 and nothing changes', async () => {
    const { request } = app();
    const { headers } = await created(request);
    await request.patch(headers.location!).set(AUTH).send({ active: false });
    expectProblem(
      await request.patch(headers.location!).set(AUTH).set('If-Match', headers.etag!).send({ active: true }),
      'precondition-failed',
      { detail: 'The webhook has changed since it was read', instance: headers.location! },
    );
    expect((await request.get(headers.location!).set(AUTH)).body.data.active).to.equal(false);
  });

  it('when the new URL is refused or the body is invalid, then 400 and nothing changes', async () => {
    const { request } = app();
    const { headers, body } = await created(request);
    expectValidation(
      await request.patch(headers.location!).set(AUTH).send({ url: 'https://10.0.0.1/' }),
      headers.location!,
      [{ path: 'url', message: 'Must not target a private address (10.0.0.1) unless WEBHOOK_ALLOW_PRIVATE=true' }],
    );
    expectValidation(
      await request.patch(headers.location!).set(AUTH).send({ id: 'x', debounceSeconds: -1 }),
      headers.location!,
      [
        { path: 'debounceSeconds', message: 'Must be between 0 and 3600' },
        { path: 'id', message: 'Read-only field' },
      ],
    );
    expect((await request.get(headers.location!).set(AUTH)).body.data.url).to.equal(body.data.url);
  });

  it('when deleted with the ETag read, then 204 and it is gone; with a stale one, 412', async () => {
    const { request } = app();
    const { headers } = await created(request);
    const stale = '"AAAAAAAAAAAAAAAAAAAAAAAAAAA"';
    expect((await request.delete(headers.location!).set(AUTH).set('If-Match', stale)).status).to.equal(412);
    const res = await request.delete(headers.location!).set(AUTH).set('If-Match', headers.etag!);
    expect(res.status).to.equal(204);
    expect((await request.get(headers.location!).set(AUTH)).status).to.equal(404);
  });

  it('when there is no token, then 401', async () => {
    const { request } = app();
    const { headers } = await created(request);
    expectUnauthorized(await request.get(headers.location!), headers.location!);
    expectUnauthorized(await request.patch(headers.location!).send({ active: false }), headers.location!);
    expectUnauthorized(await request.delete(headers.location!), headers.location!);
  });
});

describe('POST /api/v1/webhooks/{id}/rotate-secret', () => {
  it('when rotated, then 200 with a new secret shown once, the ETag a read carries, and only the new one stored', async () => {
    const { request, storage } = app();
    const { headers, body } = await created(request);
    const res = await request.post(`${headers.location!}/rotate-secret`).set(AUTH).set('If-Match', headers.etag!);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body.data.secret).to.match(SECRET).and.not.equal(body.data.secret);
    const read = await request.get(headers.location!).set(AUTH);
    expect(read.body.data).not.to.have.property('secret');
    expect(res.headers.etag).to.equal(read.headers.etag);
    expect((await storage.webhooks.findById('id-1'))?.secret).to.equal(res.body.data.secret);
  });

  it('when If-Match is stale, then 412 and the secret stays', async () => {
    const { request, storage } = app();
    const { headers, body } = await created(request);
    await request.patch(headers.location!).set(AUTH).send({ active: false });
    const res = await request.post(`${headers.location!}/rotate-secret`).set(AUTH).set('If-Match', headers.etag!);
    expect(res.status).to.equal(412);
    expect((await storage.webhooks.findById('id-1'))?.secret).to.equal(body.data.secret);
  });
});

describe('deliveries: ping, list, redeliver', () => {
  it('when pinged, then 202 with a pending webhook.ping delivery, listed newest first', async () => {
    const { request } = app();
    const { headers } = await created(request);
    const first = await request.post(`${headers.location!}/ping`).set(AUTH);
    expect(first.status).to.equal(202);
    expect(first.headers['cache-control']).to.equal('no-store');
    expect(first.body.data).to.deep.equal({
      id: 'id-2',
      event: { id: 'id-3', type: 'webhook.ping' },
      status: 'pending',
      attempts: 0,
      createdAt: NOW,
      nextAttemptAt: NOW,
      deliveredAt: null,
      lastAttempt: null,
    });
    await request.post(`${headers.location!}/ping`).set(AUTH);
    const list = await request.get(`${headers.location!}/deliveries`).set(AUTH);
    expect(list.status).to.equal(200);
    expect(list.headers['x-total-count']).to.equal('2');
    expect(list.body.data.map((d: { id: string }) => d.id)).to.deep.equal(['id-4', 'id-2']);
    expect(list.body.meta).to.deep.equal({ page: 1, limit: 20, total: 2, totalPages: 1 });
  });

  it('when the status filter and paging are given, then only those deliveries, and a bad status is 400', async () => {
    const { request, storage } = app();
    const { headers } = await created(request);
    for (let i = 0; i < 3; i++) await request.post(`${headers.location!}/ping`).set(AUTH);
    const failed = await storage.outbox.findDelivery('id-4');
    await storage.outbox.enqueue({ ...failed!, status: 'failed', nextAttemptAt: null, attempts: 8 });
    const path = `${headers.location!}/deliveries`;
    const onlyFailed = await request.get(`${path}?status=failed`).set(AUTH);
    expect(onlyFailed.body.data.map((d: { id: string }) => d.id)).to.deep.equal(['id-4']);
    const second = await request.get(`${path}?status=pending&limit=1&page=2`).set(AUTH);
    expect(second.body.data.map((d: { id: string }) => d.id)).to.deep.equal(['id-2']);
    expect(second.body.meta).to.deep.equal({ page: 2, limit: 1, total: 2, totalPages: 2 });
    expectQueryValidation(await request.get(`${path}?status=lost`).set(AUTH), path, [
      { path: 'status', message: 'Must be pending, delivered or failed' },
    ]);
  });

  it('when a failed delivery is redelivered, then 202 and it is pending again with the same id', async () => {
    const { request, storage } = app();
    const { headers } = await created(request);
    await request.post(`${headers.location!}/ping`).set(AUTH);
    const pending = await storage.outbox.findDelivery('id-2');
    const outcome = { statusCode: 500, error: null, durationMs: 3 };
    await storage.outbox.enqueue(afterAttempt(pending!, new Date(NOW), outcome, []));
    const res = await request.post(`${headers.location!}/deliveries/id-2/redeliver`).set(AUTH);
    expect(res.status).to.equal(202);
    expect(res.body.data).to.deep.include({ id: 'id-2', status: 'pending', attempts: 1, nextAttemptAt: NOW });
    expect(res.body.data.lastAttempt).to.deep.equal({ at: NOW, statusCode: 500, error: null, durationMs: 3 });
  });

  it("when the delivery is unknown or another webhook's, then 404", async () => {
    const { request } = app();
    const one = await created(request);
    const other = await created(request);
    await request.post(`${one.headers.location!}/ping`).set(AUTH);
    const path = `${other.headers.location!}/deliveries/id-3/redeliver`;
    expectNotFound(await request.post(path).set(AUTH), path, "Delivery 'id-3' does not exist");
    const unknown = `${one.headers.location!}/deliveries/nope/redeliver`;
    expectNotFound(await request.post(unknown).set(AUTH), unknown, "Delivery 'nope' does not exist");
  });

  it('when there is no token, then 401', async () => {
    const { request } = app();
    const { headers } = await created(request);
    expectUnauthorized(await request.post(`${headers.location!}/ping`), `${headers.location!}/ping`);
    expectUnauthorized(await request.get(`${headers.location!}/deliveries`), `${headers.location!}/deliveries`);
  });
});
