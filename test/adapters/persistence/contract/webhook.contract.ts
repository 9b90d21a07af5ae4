import { expect } from 'chai';
import { StaleWriteError } from '../../../../src/domain/shared/errors.js';
import type { WebhookRepository } from '../../../../src/domain/webhooks/webhook.repository.js';
import { aWebhook } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';

export interface WebhookRepositoryFixture {
  readonly webhooks: WebhookRepository;
  close(): Promise<void>;
}

/** `open` gives a fresh, empty repository each time. */
export function describeWebhookRepositoryContract(
  adapterName: string,
  open: () => Promise<WebhookRepositoryFixture>,
): void {
  describe(`WebhookRepository contract (${adapterName})`, () => {
    let fixture: WebhookRepositoryFixture | undefined;
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      await fixture?.close();
      fixture = undefined;
    });
    const webhooks = () => fixture!.webhooks;

    it('when nothing was created, then the list is empty and findById resolves null', async () => {
      expect(await webhooks().listAll()).to.deep.equal([]);
      expect(await webhooks().findById('w-none')).to.equal(null);
    });

    it('when webhooks are created, then each comes back exactly, newest first, ties by id descending', async () => {
      const older = aWebhook({ id: 'w-a', createdAt: '2025-01-01T00:00:00.000Z', description: 'Netlify build' });
      const tieLow = aWebhook({
        id: 'w-b',
        url: 'http://127.0.0.1:9999/hook',
        events: ['contact.received', 'content.changed'],
        debounceSeconds: 3600,
        active: false,
        createdAt: '2025-01-02T00:00:00.000Z',
        updatedAt: '2025-01-03T04:05:06.789Z',
        version: 7,
      });
      const tieHigh = aWebhook({ id: 'w-c', createdAt: '2025-01-02T00:00:00.000Z' });
      for (const webhook of [older, tieLow, tieHigh]) await webhooks().create(webhook);
      expect(await webhooks().listAll()).to.deep.equal([tieHigh, tieLow, older]);
      expect(await webhooks().findById('w-a')).to.deep.equal(older);
      expect(await webhooks().findById('w-b')).to.deep.equal(tieLow);
      expect(await webhooks().findById('w-c')).not.to.have.property('description');
    });

    describe('conditional update and delete', () => {
      const webhook = aWebhook({ id: 'w-1', description: 'old' });
      beforeEach(async () => {
        await webhooks().create(webhook);
      });

      it('when the expected version is the stored one, then the new state is stored, a removed description gone', async () => {
        const { description: _gone, ...rest } = webhook;
        const next = { ...rest, active: false, secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}`, version: 2 };
        await webhooks().update(next, 1);
        expect(await webhooks().findById('w-1')).to.deep.equal(next);
      });

      it('when the expected version is not the stored one, then StaleWriteError and nothing changes', async () => {
        await expectRejection(webhooks().update({ ...webhook, active: false, version: 3 }, 2), StaleWriteError);
        await expectRejection(webhooks().delete('w-1', 2), StaleWriteError);
        expect(await webhooks().findById('w-1')).to.deep.equal(webhook);
      });

      it('when no webhook has the id, then StaleWriteError and nothing is created', async () => {
        await expectRejection(webhooks().update({ ...webhook, id: 'w-gone' }, 1), StaleWriteError);
        await expectRejection(webhooks().delete('w-gone', 1), StaleWriteError);
        expect(await webhooks().listAll()).to.have.length(1);
      });

      it('when the expected version is the stored one, then delete removes it', async () => {
        await webhooks().delete('w-1', 1);
        expect(await webhooks().findById('w-1')).to.equal(null);
        expect(await webhooks().listAll()).to.deep.equal([]);
      });

      it('when two updates race on the same version, then exactly one wins', async () => {
        const outcome = await settleAll([
          webhooks().update({ ...webhook, active: false, version: 2 }, 1),
          webhooks().update({ ...webhook, debounceSeconds: 5, version: 2 }, 1),
        ]);
        expect(outcome.fulfilled).to.equal(1);
        expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      });
    });
  });
}
