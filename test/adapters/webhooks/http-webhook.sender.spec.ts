import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { HttpWebhookSender } from '../../../src/adapters/webhooks/http-webhook.sender.js';
import type { Resolver } from '../../../src/adapters/webhooks/url-policy.js';
import type { WebhookRequest } from '../../../src/domain/events/webhook-sender.js';
import { A_SECRET, aChange } from '../../support/builders.js';
import { WebhookReceiver, type ReceivedRequest } from '../../support/webhook-receiver.js';

/** A subscriber on loopback with a path for each kind of answer. */
async function startReceiver(): Promise<WebhookReceiver> {
  const receiver = await WebhookReceiver.start();
  receiver.answer('/accepted', 202);
  receiver.answer('/fail', 500);
  receiver.answer('/gone', 410);
  receiver.answer('/redirect', { redirect: '/ok' });
  receiver.answer('/hang', 'hang');
  return receiver;
}

const loopbackResolver: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];

describe('HttpWebhookSender', () => {
  let receiver: WebhookReceiver;
  let sender: HttpWebhookSender;

  beforeEach(async () => {
    receiver = await startReceiver();
    sender = new HttpWebhookSender({ allowPrivate: true, timeoutMs: 300 });
  });
  afterEach(async () => {
    await sender.close();
    await receiver.close();
  });

  const request = (path: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest => ({
    url: `${receiver.base}${path}`,
    secret: A_SECRET,
    id: 'd-01JD',
    type: 'content.changed',
    timestamp: '2026-11-25T20:17:51.000Z',
    data: { changes: [aChange()] },
    attemptAt: new Date(),
    ...overrides,
  });

  it('when the receiver answers 200, then success: one signed POST of { type, timestamp, data } that the receiver verifies', async () => {
    const outcome = await sender.send(request('/ok'));
    expect(outcome).to.deep.include({ statusCode: 200, error: null });
    expect(outcome.durationMs).to.be.a('number').and.at.least(0);
    expect(receiver.received).to.have.length(1);
    const [got] = receiver.received as [ReceivedRequest];
    expect(got.method).to.equal('POST');
    expect(got.headers['content-type']).to.equal('application/json');
    expect(got.headers['webhook-id']).to.equal('d-01JD');
    expect(JSON.parse(got.body)).to.deep.equal({
      type: 'content.changed',
      timestamp: '2026-11-25T20:17:51.000Z',
      data: { changes: [aChange()] },
    });
    expect(Object.keys(JSON.parse(got.body))).to.deep.equal(['type', 'timestamp', 'data']);
    const verified = new Webhook(A_SECRET).verify(got.body, got.headers as Record<string, string>);
    expect(verified).to.deep.equal(JSON.parse(got.body));
  });

  it('webhook-timestamp is the Unix second of the attempt', async () => {
    const attemptAt = new Date('2026-11-25T20:17:51.900Z');
    await sender.send(request('/ok', { attemptAt }));
    expect(receiver.received[0]?.headers['webhook-timestamp']).to.equal(String(Math.floor(attemptAt.getTime() / 1000)));
  });

  it('when the receiver answers another 2xx, then success', async () => {
    expect(await sender.send(request('/accepted'))).to.deep.include({ statusCode: 202, error: null });
  });

  it('when the receiver answers 500 or 410, then its status, no error', async () => {
    expect(await sender.send(request('/fail'))).to.deep.include({ statusCode: 500, error: null });
    expect(await sender.send(request('/gone'))).to.deep.include({ statusCode: 410, error: null });
  });

  it('when the receiver redirects, then the redirect is not followed and the attempt fails', async () => {
    expect(await sender.send(request('/redirect'))).to.deep.include({
      statusCode: 302,
      error: 'Redirects are not followed (302)',
    });
    expect(receiver.received.map((r) => r.path)).to.deep.equal(['/redirect']);
  });

  it('when the receiver does not answer in time, then a timeout, no status', async () => {
    const outcome = await sender.send(request('/hang'));
    expect(outcome).to.deep.include({ statusCode: null, error: 'No answer within 0.3 s' });
    expect(outcome.durationMs).to.be.at.least(250);
  });

  it('when nothing listens, then the refused connection is the error', async () => {
    const port = new URL(receiver.base).port;
    await receiver.close();
    const outcome = await sender.send(request('/ok', { url: `http://127.0.0.1:${port}/ok` }));
    expect(outcome.statusCode).to.equal(null);
    expect(outcome.error).to.include('ECONNREFUSED');
  });

  it('when the dispatcher interrupts the attempt, then it says so', async () => {
    const controller = new AbortController();
    const sending = sender.send(request('/hang'), controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect(await sending).to.deep.include({ statusCode: null, error: 'The attempt was interrupted' });
  });

  it('when a name resolves, then the connection goes to the address the resolver gave', async () => {
    const named = new HttpWebhookSender({ allowPrivate: true, resolve: loopbackResolver, timeoutMs: 1000 });
    try {
      const port = new URL(receiver.base).port;
      expect(await named.send(request('/ok', { url: `http://receiver.test:${port}/ok` }))).to.deep.include({
        statusCode: 200,
      });
      expect(receiver.received[0]?.headers.host).to.equal(`receiver.test:${port}`);
    } finally {
      await named.close();
    }
  });

  describe('without WEBHOOK_ALLOW_PRIVATE', () => {
    it('when the URL is http, or its host a loopback address, then nothing is sent', async () => {
      const strict = new HttpWebhookSender({ allowPrivate: false, resolve: loopbackResolver });
      try {
        expect(await strict.send(request('/ok'))).to.deep.include({
          statusCode: null,
          error: 'Must be an https URL unless WEBHOOK_ALLOW_PRIVATE=true',
        });
        const port = new URL(receiver.base).port;
        expect(await strict.send(request('/ok', { url: `https://127.0.0.1:${port}/ok` }))).to.deep.include({
          statusCode: null,
          error: 'Must not target a loopback address (127.0.0.1) unless WEBHOOK_ALLOW_PRIVATE=true',
        });
        expect(await strict.send(request('/ok', { url: `https://[::ffff:127.0.0.1]:${port}/ok` }))).to.deep.include({
          statusCode: null,
        });
      } finally {
        await strict.close();
      }
      expect(receiver.received).to.deep.equal([]);
    });

    it('when a name resolves to loopback at delivery time (though it may have been public before), then the connection is refused inside its own lookup', async () => {
      let answer = '93.184.215.14';
      const rebinding: Resolver = async () => [{ address: answer, family: 4 }];
      const strict = new HttpWebhookSender({ allowPrivate: false, resolve: rebinding });
      try {
        answer = '127.0.0.1';
        const port = new URL(receiver.base).port;
        const outcome = await strict.send(request('/ok', { url: `https://rebound.test:${port}/ok` }));
        expect(outcome).to.deep.include({
          statusCode: null,
          error: 'rebound.test: Must not target a loopback address (127.0.0.1) unless WEBHOOK_ALLOW_PRIVATE=true',
        });
      } finally {
        await strict.close();
      }
      expect(receiver.received).to.deep.equal([]);
    });
  });
});
