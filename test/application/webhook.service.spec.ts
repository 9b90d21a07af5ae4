import { expect } from 'chai';
import sinon from 'sinon';
import { WebhookService } from '../../src/application/webhook.service.js';
import { NotFoundError, RuleViolationError, StaleWriteError } from '../../src/domain/shared/errors.js';
import { withoutSecret } from '../../src/domain/webhooks/webhook.js';
import { aDelivery, aWebhook, A_SECRET } from '../support/builders.js';
import { FixedClock, NOW, rejectionOf, SequentialIds, stubOutbox, stubWebhookRepository } from '../support/fakes.js';

const NEW_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

function setUp() {
  const webhooks = stubWebhookRepository();
  const outbox = stubOutbox();
  const urlPolicy = { refusalOf: sinon.stub<[string], Promise<string | null>>().resolves(null) };
  const secrets = { next: sinon.stub<[], string>().returns(NEW_SECRET) };
  const trigger = { wake: sinon.stub() };
  const service = new WebhookService({
    webhooks,
    outbox,
    urlPolicy,
    secrets,
    clock: new FixedClock(),
    ids: new SequentialIds('id-'),
    trigger,
  });
  return { service, webhooks, outbox, urlPolicy, secrets, trigger };
}

describe('WebhookService', () => {
  describe('create', () => {
    it('when the input is valid, then the webhook is stored with defaults and a new secret, and returned with it', async () => {
      const { service, webhooks } = setUp();
      const created = await service.create({ url: 'https://hooks.example.com/build', events: ['content.changed'] });
      const expected = {
        id: 'id-1',
        url: 'https://hooks.example.com/build',
        events: ['content.changed'],
        debounceSeconds: 0,
        active: true,
        secret: NEW_SECRET,
        createdAt: NOW,
        updatedAt: NOW,
        version: 1,
      };
      expect(created).to.deep.equal(expected);
      expect(webhooks.create.firstCall.args).to.deep.equal([expected]);
    });

    it('when every field is given, then each is kept', async () => {
      const { service } = setUp();
      const created = await service.create({
        url: 'https://x.example',
        events: ['contact.received', 'content.changed'],
        description: 'Netlify build',
        debounceSeconds: 30,
        active: false,
      });
      expect(created).to.deep.include({ description: 'Netlify build', debounceSeconds: 30, active: false });
    });

    it('when the URL policy refuses the URL, then a validation error names url and nothing is stored', async () => {
      const { service, webhooks, urlPolicy } = setUp();
      urlPolicy.refusalOf.resolves('Must not target a private address (10.0.0.1)');
      const error = await rejectionOf(service.create({ url: 'https://10.0.0.1/', events: ['content.changed'] }));
      expect(error).to.be.instanceOf(RuleViolationError);
      expect((error as RuleViolationError).issues).to.deep.equal([
        { path: 'url', message: 'Must not target a private address (10.0.0.1)' },
      ]);
      expect(webhooks.create.called).to.equal(false);
    });

    it('when an event type is named twice, then a validation error and nothing is stored', async () => {
      const { service, webhooks } = setUp();
      const error = await rejectionOf(
        service.create({ url: 'https://x.example', events: ['content.changed', 'content.changed'] }),
      );
      expect(error).to.be.instanceOf(RuleViolationError);
      expect(webhooks.create.called).to.equal(false);
    });
  });

  describe('reads never show the secret', () => {
    it('list: every webhook in the repository order, without secrets', async () => {
      const { service, webhooks } = setUp();
      webhooks.listAll.resolves([aWebhook({ id: 'b' }), aWebhook({ id: 'a' })]);
      const listed = await service.list();
      expect(listed.map((w) => w.id)).to.deep.equal(['b', 'a']);
      for (const webhook of listed) expect(webhook).not.to.have.property('secret');
    });

    it('get: the webhook without its secret; an unknown id is NotFoundError naming the webhook', async () => {
      const { service, webhooks } = setUp();
      webhooks.findById.withArgs('w-1').resolves(aWebhook());
      expect(await service.get('w-1')).to.deep.equal(withoutSecret(aWebhook()));
      const error = await rejectionOf(service.get('w-2'));
      expect(error).to.be.instanceOf(NotFoundError);
      expect(error).to.include({ resource: 'Webhook', key: 'w-2', message: "Webhook 'w-2' does not exist" });
    });
  });

  describe('patch', () => {
    it('when fields are given, then they replace the stored ones, conditionally on the version read, without the secret in the answer', async () => {
      const { service, webhooks, urlPolicy } = setUp();
      webhooks.findById.resolves(aWebhook({ version: 2, description: 'old' }));
      const patched = await service.patch('w-1', {
        url: 'https://new.example/hook',
        active: false,
        description: 'new',
      });
      const stored = {
        ...aWebhook(),
        url: 'https://new.example/hook',
        active: false,
        description: 'new',
        updatedAt: NOW,
        version: 3,
      };
      expect(webhooks.update.firstCall.args).to.deep.equal([stored, 2]);
      expect(patched).to.deep.equal(withoutSecret(stored));
      expect(urlPolicy.refusalOf.firstCall.args).to.deep.equal(['https://new.example/hook']);
    });

    it('when the URL is not changed, then the policy is not asked', async () => {
      const { service, webhooks, urlPolicy } = setUp();
      webhooks.findById.resolves(aWebhook());
      await service.patch('w-1', { debounceSeconds: 60 });
      expect(urlPolicy.refusalOf.called).to.equal(false);
      expect(webhooks.update.firstCall.args[0]).to.deep.include({ debounceSeconds: 60, secret: A_SECRET });
    });

    it('when the description is null, then it is removed; when absent, it is kept', async () => {
      const { service, webhooks } = setUp();
      webhooks.findById.resolves(aWebhook({ description: 'old' }));
      await service.patch('w-1', { description: null });
      expect(webhooks.update.firstCall.args[0]).not.to.have.property('description');
      await service.patch('w-1', { active: true });
      expect(webhooks.update.secondCall.args[0]).to.have.property('description', 'old');
    });

    it('when the precondition fails on what the client saw (no secret), then StaleWriteError and nothing is stored', async () => {
      const { service, webhooks } = setUp();
      webhooks.findById.resolves(aWebhook());
      const precondition = sinon.stub().returns(false);
      expect(await rejectionOf(service.patch('w-1', { active: false }, precondition)))
        .to.be.instanceOf(StaleWriteError)
        .with.property('message', 'The webhook has changed since it was read');
      expect(precondition.firstCall.args[0]).to.deep.equal(withoutSecret(aWebhook()));
      expect(webhooks.update.called).to.equal(false);
    });

    it('when the new URL is refused, then nothing is read or stored', async () => {
      const { service, webhooks, urlPolicy } = setUp();
      urlPolicy.refusalOf.resolves('Must be an https URL');
      expect(await rejectionOf(service.patch('w-1', { url: 'http://x.example' }))).to.be.instanceOf(RuleViolationError);
      expect(webhooks.update.called).to.equal(false);
    });
  });

  it('rotateSecret: a new secret stored and returned, everything else kept', async () => {
    const { service, webhooks } = setUp();
    webhooks.findById.resolves(aWebhook({ version: 1 }));
    const rotated = await service.rotateSecret('w-1');
    expect(rotated).to.deep.equal({ ...aWebhook(), secret: NEW_SECRET, updatedAt: NOW, version: 2 });
    expect(webhooks.update.firstCall.args).to.deep.equal([rotated, 1]);
  });

  it('delete: conditionally on the version read, then its deliveries are discarded', async () => {
    const { service, webhooks, outbox } = setUp();
    webhooks.findById.resolves(aWebhook({ version: 3 }));
    await service.delete('w-1');
    expect(webhooks.delete.firstCall.args).to.deep.equal(['w-1', 3]);
    expect(outbox.discardDeliveriesOf.firstCall.args).to.deep.equal(['w-1']);
    expect(outbox.discardDeliveriesOf.calledAfter(webhooks.delete)).to.equal(true);
  });

  it('delete: when the precondition fails on what the client saw (no secret), then StaleWriteError and nothing is deleted', async () => {
    const { service, webhooks, outbox } = setUp();
    webhooks.findById.resolves(aWebhook());
    const precondition = sinon.stub().returns(false);
    expect(await rejectionOf(service.delete('w-1', precondition)))
      .to.be.instanceOf(StaleWriteError)
      .with.property('message', 'The webhook has changed since it was read');
    expect(precondition.firstCall.args[0]).to.deep.equal(withoutSecret(aWebhook()));
    expect(webhooks.delete.called).to.equal(false);
    expect(outbox.discardDeliveriesOf.called).to.equal(false);
  });

  describe('deliveries', () => {
    for (const { filter, request, asked } of [
      {
        filter: 'with the status filter',
        request: { status: 'failed', page: 2, limit: 10 },
        asked: { status: 'failed', offset: 10, limit: 10 },
      },
      { filter: 'without a status, then no filter', request: { page: 2, limit: 10 }, asked: { offset: 10, limit: 10 } },
    ] as const) {
      it(`a page of the webhook deliveries, ${filter}`, async () => {
        const { service, webhooks, outbox } = setUp();
        webhooks.findById.resolves(aWebhook());
        outbox.listDeliveries.resolves({ items: [aDelivery()], total: 21 });
        const page = await service.deliveries('w-1', request);
        expect(outbox.listDeliveries.firstCall.args).to.deep.equal(['w-1', asked]);
        expect(page).to.deep.equal({ items: [aDelivery()], total: 21, page: 2, limit: 10, totalPages: 3 });
      });
    }

    it('when the webhook does not exist, then NotFoundError naming the webhook', async () => {
      const { service } = setUp();
      expect(await rejectionOf(service.deliveries('w-9', { page: 1, limit: 10 })))
        .to.be.instanceOf(NotFoundError)
        .and.include({
          resource: 'Webhook',
          key: 'w-9',
        });
    });
  });

  describe('redeliver', () => {
    it('when the delivery is the webhook’s, then it is sent again and the dispatcher woken', async () => {
      const { service, webhooks, outbox, trigger } = setUp();
      webhooks.findById.resolves(aWebhook());
      outbox.findDelivery.resolves(aDelivery({ status: 'failed' }));
      const again = aDelivery({ status: 'pending' });
      outbox.redeliver.resolves(again);
      expect(await service.redeliver('w-1', 'd-1')).to.equal(again);
      expect(outbox.redeliver.firstCall.args).to.deep.equal(['d-1', new Date(NOW)]);
      expect(trigger.wake.calledOnce).to.equal(true);
    });

    it('when the delivery belongs to another webhook, or to email, or does not exist, then NotFoundError naming the delivery and nothing is sent', async () => {
      const { service, webhooks, outbox } = setUp();
      webhooks.findById.resolves(aWebhook());
      for (const other of [
        aDelivery({ target: { kind: 'webhook', webhookId: 'w-2' } }),
        aDelivery({ target: { kind: 'email', messageId: 'm-1' } }),
        null,
      ]) {
        outbox.findDelivery.resolves(other);
        expect(await rejectionOf(service.redeliver('w-1', 'd-1')))
          .to.be.instanceOf(NotFoundError)
          .and.include({ resource: 'Delivery', key: 'd-1', message: "Delivery 'd-1' does not exist" });
      }
      expect(outbox.redeliver.called).to.equal(false);
    });

    it('when the delivery is gone by the time it is sent again, then NotFoundError naming the delivery and the dispatcher is not woken', async () => {
      const { service, webhooks, outbox, trigger } = setUp();
      webhooks.findById.resolves(aWebhook());
      outbox.findDelivery.resolves(aDelivery({ status: 'failed' }));
      outbox.redeliver.resolves(null);
      expect(await rejectionOf(service.redeliver('w-1', 'd-1')))
        .to.be.instanceOf(NotFoundError)
        .and.include({ resource: 'Delivery', key: 'd-1' });
      expect(trigger.wake.called).to.equal(false);
    });
  });

  it('ping: a webhook.ping delivery to this webhook alone, due now, and the dispatcher woken', async () => {
    const { service, webhooks, outbox, trigger } = setUp();
    webhooks.findById.resolves(aWebhook());
    const delivery = await service.ping('w-1');
    expect(delivery).to.deep.equal({
      id: 'id-1',
      target: { kind: 'webhook', webhookId: 'w-1' },
      event: { id: 'id-2', type: 'webhook.ping' },
      timestamp: NOW,
      data: { webhookId: 'w-1' },
      status: 'pending',
      attempts: 0,
      createdAt: NOW,
      nextAttemptAt: NOW,
      deliveredAt: null,
      lastAttempt: null,
      failures: 0,
    });
    expect(outbox.enqueue.firstCall.args).to.deep.equal([delivery]);
    expect(trigger.wake.calledAfter(outbox.enqueue)).to.equal(true);
  });
});
