import { expect } from 'chai';
import { ROUTES } from '../../src/adapters/http/routes/routes.js';
import { eventually, startInProcess, type InProcessService } from '../support/in-process-service.js';
import { verified, WebhookReceiver, type ReceivedRequest } from '../support/webhook-receiver.js';

/** The body the OpenAPI document shows for an operation: valid by construction. */
const example = (operationId: string) =>
  ROUTES.find((route) => route.operationId === operationId)!.body!.example as Record<string, unknown>;

interface Subscription {
  readonly id: string;
  readonly secret: string;
}

/** `data` of a JSON answer. */
const dataOf = async (res: Response) => ((await res.json()) as { data: any }).data;

describe('webhooks, black-box: writes in over HTTP, signed events out to a receiver on loopback', function () {
  this.timeout(10_000);
  let receiver: WebhookReceiver;
  let service: InProcessService;

  beforeEach(async () => {
    receiver = await WebhookReceiver.start();
    service = await startInProcess({ env: { DELIVERY_RETRY_SCHEDULE: '10s,1m' } });
  });
  afterEach(async () => {
    await service.stop();
    await receiver.close();
  });

  async function subscribe(body: Record<string, unknown> = {}): Promise<Subscription> {
    const res = await service.admin('POST', '/api/v1/webhooks', {
      url: receiver.url(),
      events: ['content.changed', 'contact.received'],
      ...body,
    });
    expect(res.status).to.equal(201);
    return dataOf(res);
  }

  async function write(method: string, path: string, body?: unknown, expected = [200, 201, 204]) {
    const res = await service.admin(method, path, body);
    expect(expected, `${method} ${path} answered ${res.status}`).to.include(res.status);
    return res.status === 204 ? null : dataOf(res);
  }

  /** Each request the receiver got, checked with its own verifier: the payload, and the id it came with. */
  const payloads = (secret: string, requests: ReceivedRequest[]) =>
    requests.map((request) => ({ id: String(request.headers['webhook-id']), ...verified(secret, request) }));

  const deliveriesOf = async (webhookId: string, query = '') =>
    dataOf(await service.admin('GET', `/api/v1/webhooks/${webhookId}/deliveries${query}`));

  it('when each kind of admin write and a contact message succeed, then each produces one event, signed so that the receiver verifies it', async () => {
    const { id, secret } = await subscribe();
    await write('PUT', '/api/v1/profile', example('replaceProfile'));
    await write('PUT', '/api/v1/profile', { ...example('replaceProfile'), headline: 'Still building' });
    const project = await write('POST', '/api/v1/projects', { ...example('createProject'), slug: 'atlas' });
    await write('PATCH', '/api/v1/projects/atlas', { summary: 'Changed' });
    await write('PUT', '/api/v1/projects/atlas', { ...example('createProject'), slug: 'atlas-2' });
    await write('DELETE', '/api/v1/projects/atlas-2');
    const skill = await write('POST', '/api/v1/skills', example('createSkill'));
    await write('PUT', `/api/v1/skills/${skill.id}`, { ...example('createSkill'), level: 2 });
    await write('PATCH', `/api/v1/skills/${skill.id}`, { level: 3 });
    await write('DELETE', `/api/v1/skills/${skill.id}`);
    const role = await write('POST', '/api/v1/experience', example('createExperience'));
    await write('PUT', `/api/v1/experience/${role.id}`, { ...example('createExperience'), role: 'Lead' });
    await write('PATCH', `/api/v1/experience/${role.id}`, { location: 'Remote' });
    await write('DELETE', `/api/v1/experience/${role.id}`);
    const contact = await fetch(`${service.url}/api/v1/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(example('submitContactMessage')),
    });
    expect(contact.status).to.equal(202);
    const receipt = await dataOf(contact);

    const received = payloads(secret, await receiver.waitFor(15));
    const change = (resource: string, action: string, entityId: string, slug?: string) =>
      `content.changed ${resource} ${action} ${entityId}${slug ? ` ${slug}` : ''}`;
    const describe = (p: (typeof received)[number]) =>
      p.type === 'content.changed'
        ? change(p.data.changes[0].resource, p.data.changes[0].action, p.data.changes[0].id, p.data.changes[0].slug)
        : `${p.type} ${p.data.id}`;
    expect(received.map(describe).sort()).to.deep.equal(
      [
        change('profile', 'created', 'profile'),
        change('profile', 'updated', 'profile'),
        change('project', 'created', project.id, 'atlas'),
        change('project', 'updated', project.id, 'atlas'),
        change('project', 'updated', project.id, 'atlas-2'),
        change('project', 'deleted', project.id, 'atlas-2'),
        change('skill', 'created', skill.id),
        change('skill', 'updated', skill.id),
        change('skill', 'updated', skill.id),
        change('skill', 'deleted', skill.id),
        change('experience', 'created', role.id),
        change('experience', 'updated', role.id),
        change('experience', 'updated', role.id),
        change('experience', 'deleted', role.id),
        `contact.received ${receipt.id}`,
      ].sort(),
    );
    const message = received.find((p) => p.type === 'contact.received')!;
    const { captchaToken: _token, website: _honeypot, ...sent } = example('submitContactMessage');
    expect(message.data).to.deep.equal({ id: receipt.id, ...sent, receivedAt: receipt.receivedAt });
    for (const p of received) {
      expect(p.timestamp).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      if (p.type === 'content.changed') expect(p.data.changes[0].at).to.equal(p.timestamp);
    }
    expect(new Set(received.map((p) => p.id)).size).to.equal(15);
    for (const request of receiver.received) {
      expect(request.method).to.equal('POST');
      expect(request.headers['content-type']).to.equal('application/json');
    }
    await eventually(async () => (await deliveriesOf(id, '?status=delivered&limit=100')).length === 15, '15 delivered');
  });

  it('when a write fails or is refused, or the honeypot is filled in, then no event is sent', async () => {
    const { id } = await subscribe();
    const created = await service.admin('POST', '/api/v1/projects', { ...example('createProject'), slug: 'taken' });
    const etag = created.headers.get('etag')!;
    await write('PATCH', '/api/v1/projects/taken', { summary: 'Moved on' });
    await receiver.waitFor(2);

    await write('POST', '/api/v1/projects', { ...example('createProject'), slug: 'taken' }, [409]);
    await write('POST', '/api/v1/projects', { title: '' }, [400]);
    await write('PATCH', '/api/v1/projects/nope', { summary: 'x' }, [404]);
    const stale = await service.admin('PATCH', '/api/v1/projects/taken', { summary: 'y' }, { 'If-Match': etag });
    expect(stale.status).to.equal(412);
    await write('DELETE', '/api/v1/skills/nope', undefined, [404]);
    await write('PUT', '/api/v1/profile', { name: 'No headline' }, [400]);
    const honeypot = await fetch(`${service.url}/api/v1/contact`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...example('submitContactMessage'), website: 'https://spam.example' }),
    });
    expect(honeypot.status).to.equal(202);
    // One more write that succeeds: events go out in the order they were recorded, so once its
    // delivery is made, any event of the writes above would have been made before it.
    await write('DELETE', '/api/v1/projects/taken');

    await receiver.waitFor(3);
    const deliveries = await deliveriesOf(id, '?limit=100');
    expect(deliveries).to.have.length(3);
    await eventually(async () => (await service.storage.outbox.backlog()).pendingDeliveries === 0, 'all sent');
    expect(await service.storage.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    expect(receiver.received).to.have.length(3);
  });

  it('when the receiver fails twice and then answers 200, then it gets three attempts with one webhook-id, on the schedule', async () => {
    receiver.answer('/flaky', 500, 503, 200);
    const { id } = await subscribe({ url: receiver.url('/flaky') });
    await write('POST', '/api/v1/skills', example('createSkill'));
    await receiver.waitFor(1);
    service.clock.advance(9_999);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).to.have.length(1);
    service.clock.advance(1);
    await receiver.waitFor(2);
    service.clock.advance(60_000);
    const attempts = await receiver.waitFor(3);

    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).to.equal(1);
    const times = attempts.map((a) => Number(a.headers['webhook-timestamp']));
    expect([times[1]! - times[0]!, times[2]! - times[1]!]).to.deep.equal([10, 60]);
    expect(new Set(attempts.map((a) => a.body)).size).to.equal(1);
    const [delivery] = await eventually(async () => {
      const found = await deliveriesOf(id, '?status=delivered');
      return found.length === 1 ? found : undefined;
    }, 'the delivery to be delivered');
    expect(delivery).to.deep.include({ id: attempts[0]!.headers['webhook-id'], attempts: 3 });
    expect(delivery.lastAttempt).to.include({ statusCode: 200, error: null });
  });

  it('when the receiver never answers 200, then the delivery ends failed in the log, and redeliver sends it again with the same id', async () => {
    receiver.answer('/down', 500);
    const { id } = await subscribe({ url: receiver.url('/down') });
    await write('POST', '/api/v1/skills', example('createSkill'));
    await receiver.waitFor(1);
    service.clock.advance(10_000);
    await receiver.waitFor(2);
    service.clock.advance(60_000);
    await receiver.waitFor(3);
    const [failed] = await eventually(async () => {
      const found = await deliveriesOf(id, '?status=failed');
      return found.length === 1 ? found : undefined;
    }, 'the delivery to fail');
    expect(failed).to.deep.include({ attempts: 3, nextAttemptAt: null, deliveredAt: null });
    expect(failed.lastAttempt).to.include({ statusCode: 500, error: null });
    expect(await deliveriesOf(id, '?status=pending')).to.deep.equal([]);

    receiver.answer('/down', 200);
    const again = await service.admin('POST', `/api/v1/webhooks/${id}/deliveries/${failed.id}/redeliver`);
    expect(again.status).to.equal(202);
    const requests = await receiver.waitFor(4);
    expect(requests[3]!.headers['webhook-id']).to.equal(failed.id);
    await eventually(async () => (await deliveriesOf(id, '?status=delivered')).length === 1, 'delivered');
  });

  it('when the receiver answers with a redirect, then it is not followed, and the attempt fails', async () => {
    receiver.answer('/moved', { redirect: '/ok' });
    const { id } = await subscribe({ url: receiver.url('/moved') });
    await write('POST', '/api/v1/skills', example('createSkill'));
    await receiver.waitFor(1);
    const [delivery] = await eventually(async () => {
      const found = await deliveriesOf(id);
      return found[0]?.attempts === 1 ? found : undefined;
    }, 'the attempt to be recorded');
    expect(delivery.status).to.equal('pending');
    expect(delivery.lastAttempt).to.include({ statusCode: 302, error: 'Redirects are not followed (302)' });
    expect(receiver.requests('/ok')).to.deep.equal([]);
  });

  it('when the receiver does not answer in time, then the attempt fails as a timeout and is retried', async () => {
    receiver.answer('/slow', 'hang');
    const { id } = await subscribe({ url: receiver.url('/slow') });
    await write('POST', '/api/v1/skills', example('createSkill'));
    const [delivery] = await eventually(async () => {
      const found = await deliveriesOf(id);
      return found[0]?.attempts === 1 ? found : undefined;
    }, 'the attempt to time out');
    expect(delivery).to.include({ status: 'pending' });
    expect(delivery.lastAttempt).to.include({ statusCode: null, error: 'No answer within 0.5 s' });
  });

  it('when the receiver answers 410 Gone, then the webhook is deactivated and gets nothing more until it is active again', async () => {
    receiver.answer('/gone', 410, 200);
    const { id } = await subscribe({ url: receiver.url('/gone') });
    await write('POST', '/api/v1/skills', example('createSkill'));
    await receiver.waitFor(1);
    const webhook = await eventually(async () => {
      const read = await dataOf(await service.admin('GET', `/api/v1/webhooks/${id}`));
      return read.active === false ? read : undefined;
    }, 'the webhook to be deactivated');
    expect(webhook.active).to.equal(false);
    await write('POST', '/api/v1/skills', { ...example('createSkill'), name: 'Another' });
    service.clock.advance(10_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).to.have.length(1);

    await write('PATCH', `/api/v1/webhooks/${id}`, { active: true });
    await receiver.waitFor(2);
  });

  it('when ten project edits come within the debounce window, then one delivery lists the ten changes in order', async () => {
    const { id, secret } = await subscribe({ events: ['content.changed'], debounceSeconds: 30 });
    const project = await write('POST', '/api/v1/projects', { ...example('createProject'), slug: 'atlas' });
    for (let i = 1; i <= 9; i++) {
      service.clock.advance(1000);
      await write('PATCH', '/api/v1/projects/atlas', { summary: `Edit ${i}` });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).to.deep.equal([]);
    service.clock.advance(21_000);
    const [request] = await receiver.waitFor(1);
    const payload = verified(secret, request!);
    expect(payload.data.changes.map((c: { action: string }) => c.action)).to.deep.equal([
      'created',
      ...Array<string>(9).fill('updated'),
    ]);
    expect(new Set(payload.data.changes.map((c: { id: string }) => c.id))).to.deep.equal(new Set([project.id]));
    const ats = payload.data.changes.map((c: { at: string }) => Date.parse(c.at));
    expect(ats).to.deep.equal([...ats].sort((a, b) => a - b));
    expect(await deliveriesOf(id)).to.have.length(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).to.have.length(1);
  });

  it('when pinged, then the webhook alone gets a signed webhook.ping', async () => {
    const { id, secret } = await subscribe();
    const other = await subscribe({ url: receiver.url('/other') });
    const res = await service.admin('POST', `/api/v1/webhooks/${id}/ping`);
    expect(res.status).to.equal(202);
    const [request] = await receiver.waitFor(1);
    expect(verified(secret, request!)).to.deep.include({ type: 'webhook.ping', data: { webhookId: id } });
    expect(request!.headers['webhook-id']).to.equal((await dataOf(res)).id);
    expect(await deliveriesOf(other.id)).to.deep.equal([]);
  });

  it('when the secret is rotated, then later deliveries are signed with the new one only', async () => {
    const { id, secret } = await subscribe();
    const rotated = await dataOf(await service.admin('POST', `/api/v1/webhooks/${id}/rotate-secret`));
    await write('POST', '/api/v1/skills', example('createSkill'));
    const [request] = await receiver.waitFor(1);
    expect(() => verified(secret, request!)).to.throw();
    expect(verified(rotated.secret, request!).type).to.equal('content.changed');
  });
});
