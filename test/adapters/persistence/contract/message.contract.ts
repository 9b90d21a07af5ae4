import { expect } from 'chai';
import type { Message } from '../../../../src/domain/messages/message.js';
import { StaleWriteError } from '../../../../src/domain/shared/errors.js';
import type { Slice } from '../../../../src/domain/shared/page.js';
import { aMessage } from '../../../support/builders.js';
import { expectRejection, settleAll } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

/** Newest first: m-b, m-d, m-c (m-d and m-c tie, so the greater id comes first), m-a, m-e. */
const INBOX: readonly Message[] = [
  aMessage({ id: 'm-c', receivedAt: '2025-01-02T08:00:00.000Z', status: 'new' }),
  aMessage({ id: 'm-a', receivedAt: '2025-01-01T10:00:00.000Z', status: 'new', subject: 'Hello' }),
  aMessage({ id: 'm-e', receivedAt: '2024-12-31T23:59:59.000Z', status: 'read' }),
  aMessage({ id: 'm-d', receivedAt: '2025-01-02T08:00:00.000Z', status: 'archived' }),
  aMessage({ id: 'm-b', receivedAt: '2025-01-03T09:00:00.000Z', status: 'read' }),
];

const idsOf = (slice: Slice<Message>): string[] => slice.items.map((message) => message.id);

export function describeMessageRepositoryContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`MessageRepository contract (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const messages = () => storage().messages;

    async function createAll(list: readonly Message[]): Promise<void> {
      for (const message of list) await messages().create(message);
    }

    describe('create and findById', () => {
      it('when nothing was created, then the inbox is empty and findById resolves null', async () => {
        expect(await messages().list({ offset: 0, limit: 20 })).to.deep.equal({ items: [], total: 0 });
        expect(await messages().findById('m-none')).to.equal(null);
      });

      it('when a message without subject is created, then it comes back exactly, subject absent', async () => {
        const message = aMessage({ id: 'm-1' });
        await messages().create(message);
        const stored = await messages().findById('m-1');
        expect(stored).to.deep.equal(message);
        expect(stored).not.to.have.property('subject');
      });

      it('when a message with every field is created, then every field comes back', async () => {
        const message = aMessage({
          id: 'm-2',
          subject: 'A project',
          message: 'Multi-line\nmessage with ünïcödé and "quotes".',
          status: 'archived',
          receivedAt: '2025-03-04T05:06:07.089Z',
          version: 3,
        });
        await messages().create(message);
        expect(await messages().findById('m-2')).to.deep.equal(message);
      });

      it('when many arrive at once, then every one is kept', async () => {
        const many = Array.from({ length: 30 }, (_, i) =>
          aMessage({
            id: `m-${String(i).padStart(2, '0')}`,
            receivedAt: `2025-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
          }),
        );
        await Promise.all(many.map((message) => messages().create(message)));
        const listed = await messages().list({ offset: 0, limit: 100 });
        expect(listed.total).to.equal(30);
        expect(listed.items).to.deep.equal([...many].reverse());
      });
    });

    describe('list', () => {
      beforeEach(async () => {
        await createAll(INBOX);
      });

      it('newest first, ties by id descending, the messages exactly', async () => {
        const slice = await messages().list({ offset: 0, limit: 20 });
        expect(idsOf(slice)).to.deep.equal(['m-b', 'm-d', 'm-c', 'm-a', 'm-e']);
        expect(slice.total).to.equal(5);
        expect(slice.items[3]).to.deep.equal(INBOX[1]);
      });

      it('status: only messages with that status, with their total', async () => {
        const fresh = await messages().list({ status: 'new', offset: 0, limit: 20 });
        expect(idsOf(fresh)).to.deep.equal(['m-c', 'm-a']);
        expect(fresh.total).to.equal(2);
        expect(idsOf(await messages().list({ status: 'read', offset: 0, limit: 20 }))).to.deep.equal(['m-b', 'm-e']);
        expect(idsOf(await messages().list({ status: 'archived', offset: 0, limit: 20 }))).to.deep.equal(['m-d']);
      });

      it('offset and limit: the requested window, the total of every match', async () => {
        const slice = await messages().list({ offset: 1, limit: 2 });
        expect(idsOf(slice)).to.deep.equal(['m-d', 'm-c']);
        expect(slice.total).to.equal(5);
        const read = await messages().list({ status: 'read', offset: 1, limit: 1 });
        expect(idsOf(read)).to.deep.equal(['m-e']);
        expect(read.total).to.equal(2);
      });

      it('past the end: no items, the total still counted', async () => {
        expect(await messages().list({ offset: 5, limit: 2 })).to.deep.equal({ items: [], total: 5 });
        expect(await messages().list({ status: 'new', offset: 9, limit: 2 })).to.deep.equal({ items: [], total: 2 });
      });

      it('the last window may be short', async () => {
        expect(idsOf(await messages().list({ offset: 4, limit: 3 }))).to.deep.equal(['m-e']);
      });

      it('follows updates: a message whose status changes moves between filters, keeping its place', async () => {
        const archived = { ...INBOX[0]!, status: 'archived' as const, version: 2 };
        await messages().update(archived, 1);
        expect(idsOf(await messages().list({ status: 'new', offset: 0, limit: 20 }))).to.deep.equal(['m-a']);
        expect(idsOf(await messages().list({ status: 'archived', offset: 0, limit: 20 }))).to.deep.equal([
          'm-d',
          'm-c',
        ]);
        expect(idsOf(await messages().list({ offset: 0, limit: 20 }))).to.deep.equal([
          'm-b',
          'm-d',
          'm-c',
          'm-a',
          'm-e',
        ]);
      });

      it('follows deletes', async () => {
        await messages().delete('m-d', 1);
        const slice = await messages().list({ offset: 0, limit: 20 });
        expect(idsOf(slice)).to.deep.equal(['m-b', 'm-c', 'm-a', 'm-e']);
        expect(slice.total).to.equal(4);
      });
    });

    describe('conditional update and delete', () => {
      const message = aMessage({ id: 'm-1', subject: 'Hi' });

      beforeEach(async () => {
        await messages().create(message);
      });

      it('when the expected version is the stored one, then the new content is stored', async () => {
        const read = { ...message, status: 'read' as const, version: 2 };
        await messages().update(read, 1);
        expect(await messages().findById('m-1')).to.deep.equal(read);
      });

      it('when the expected version is not the stored one, then StaleWriteError and nothing changes', async () => {
        await expectRejection(messages().update({ ...message, status: 'read', version: 3 }, 2), StaleWriteError);
        await expectRejection(messages().delete('m-1', 2), StaleWriteError);
        expect(await messages().findById('m-1')).to.deep.equal(message);
      });

      it('when no message has the id, then StaleWriteError and nothing is created', async () => {
        await expectRejection(messages().update({ ...message, id: 'm-gone' }, 1), StaleWriteError);
        await expectRejection(messages().delete('m-gone', 1), StaleWriteError);
        expect(await messages().findById('m-gone')).to.equal(null);
        expect((await messages().list({ offset: 0, limit: 20 })).total).to.equal(1);
      });

      it('when the expected version is the stored one, then delete removes it', async () => {
        await messages().delete('m-1', 1);
        expect(await messages().findById('m-1')).to.equal(null);
        expect(await messages().list({ offset: 0, limit: 20 })).to.deep.equal({ items: [], total: 0 });
      });

      it('when a deleted message is updated, then StaleWriteError', async () => {
        await messages().delete('m-1', 1);
        await expectRejection(messages().update({ ...message, status: 'read', version: 2 }, 1), StaleWriteError);
        expect(await messages().findById('m-1')).to.equal(null);
      });

      it('when two updates race on the same version, then exactly one wins', async () => {
        const outcome = await settleAll([
          messages().update({ ...message, status: 'read', version: 2 }, 1),
          messages().update({ ...message, status: 'archived', version: 2 }, 1),
        ]);
        expect(outcome.fulfilled).to.equal(1);
        expect(outcome.rejected[0]).to.be.instanceOf(StaleWriteError);
      });
    });
  });
}
