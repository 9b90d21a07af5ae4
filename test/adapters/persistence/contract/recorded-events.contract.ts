import { expect } from 'chai';
import type { Delivery } from '../../../../src/domain/events/delivery.js';
import type { ContentAction, ContentResource, DomainEvent } from '../../../../src/domain/events/event.js';
import { SkillNameTakenError, SlugTakenError, StaleWriteError } from '../../../../src/domain/shared/errors.js';
import type { Storage } from '../../../../src/domain/storage/storage.js';
import { SequentialIds } from '../../../support/fakes.js';
import {
  aContactReceivedEvent,
  aContentChangedEvent,
  aMessage,
  anExperience,
  aProfile,
  aProject,
  aSkill,
} from '../../../support/builders.js';
import { expectRejection } from './expect-rejection.js';
import { freshStoragePerTest, type CloseStorage, type OpenStorage } from './storage-lifecycle.js';

/** The events recorded so far, as fan-out to a webhook that takes every event carries them, by event id. */
async function recordedEvents(storage: Storage): Promise<Pick<Delivery, 'event' | 'data'>[]> {
  const ids = new SequentialIds('probe-');
  await storage.outbox.fanOut({
    subscribers: [
      {
        id: 'w-probe',
        events: ['contact.received', 'content.changed'],
        debounceSeconds: 0,
        createdAt: '2000-01-01T00:00:00.000Z',
      },
    ],
    email: false,
    newId: () => ids.next(),
    now: new Date('2100-01-01T00:00:00.000Z'),
    limit: 100,
  });
  const { items } = await storage.outbox.listDeliveries('w-probe', { offset: 0, limit: 100 });
  return items
    .map(({ event, data }) => ({ event, data }))
    .sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
}

const asRecorded = (event: DomainEvent) => ({ event: { id: event.id, type: event.type }, data: event.data });

/**
 * Each write of the content and the inbox records the events it is given in
 * the same write, the outbox promise: both are stored, or neither is.
 */
export function describeRecordedEventsContract(adapterName: string, open: OpenStorage, close: CloseStorage): void {
  describe(`events recorded in the same write (${adapterName})`, () => {
    const storage = freshStoragePerTest(open, close);
    const events: DomainEvent[] = [];
    beforeEach(() => void events.splice(0));

    /** One more content.changed event, numbered so that they sort in the order they were made. */
    const next = (resource: ContentResource, action: ContentAction): DomainEvent[] => {
      const event = aContentChangedEvent({ id: `ev-${String(events.length + 1).padStart(2, '0')}`, resource, action });
      events.push(event);
      return [event];
    };

    it('when each kind of write carries events, then every one is recorded with it', async () => {
      const s = storage();
      const profile = aProfile();
      await s.profiles.save(profile, null, next('profile', 'created'));
      await s.profiles.save({ ...profile, version: 2 }, 1, next('profile', 'updated'));
      const project = aProject();
      await s.projects.create(project, next('project', 'created'));
      await s.projects.update({ ...project, title: 'Renamed', version: 2 }, 1, next('project', 'updated'));
      await s.projects.delete(project.id, 2, next('project', 'deleted'));
      const skill = aSkill();
      await s.skills.create(skill, next('skill', 'created'));
      await s.skills.update({ ...skill, level: 2, version: 2 }, 1, next('skill', 'updated'));
      await s.skills.delete(skill.id, 2, next('skill', 'deleted'));
      const role = anExperience();
      await s.experience.create(role, next('experience', 'created'));
      await s.experience.update({ ...role, role: 'Lead', version: 2 }, 1, next('experience', 'updated'));
      await s.experience.delete(role.id, 2, next('experience', 'deleted'));
      const contact = aContactReceivedEvent({ id: 'ev-12', messageId: 'm-1' });
      events.push(contact);
      await s.messages.create(aMessage({ id: 'm-1' }), [contact]);

      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 12, pendingDeliveries: 0 });
      expect(await recordedEvents(s)).to.deep.equal(events.map(asRecorded));
      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 12 });
    });

    it('when a write is refused (stale version, taken slug or name), then none of its events is recorded', async () => {
      const s = storage();
      await s.profiles.save(aProfile(), null);
      await s.projects.create(aProject({ id: 'p-1', slug: 'taken' }));
      await s.projects.create(aProject({ id: 'p-2', slug: 'other' }));
      await s.skills.create(aSkill({ id: 's-1', name: 'Go', category: 'Languages' }));
      await s.skills.create(aSkill({ id: 's-2', name: 'Rust', category: 'Languages' }));
      await s.experience.create(anExperience({ id: 'e-1' }));

      await expectRejection(s.profiles.save(aProfile(), null, next('profile', 'created')), StaleWriteError);
      await expectRejection(s.profiles.save(aProfile({ version: 9 }), 8, next('profile', 'updated')), StaleWriteError);
      await expectRejection(
        s.projects.create(aProject({ id: 'p-3', slug: 'taken' }), next('project', 'created')),
        SlugTakenError,
      );
      await expectRejection(
        s.projects.update(aProject({ id: 'p-2', slug: 'taken', version: 2 }), 1, next('project', 'updated')),
        SlugTakenError,
      );
      await expectRejection(
        s.projects.update(aProject({ id: 'p-2', slug: 'other', version: 6 }), 5, next('project', 'updated')),
        StaleWriteError,
      );
      await expectRejection(s.projects.delete('p-2', 5, next('project', 'deleted')), StaleWriteError);
      await expectRejection(s.projects.delete('p-none', 1, next('project', 'deleted')), StaleWriteError);
      await expectRejection(
        s.skills.create(aSkill({ id: 's-3', name: 'go', category: 'Languages' }), next('skill', 'created')),
        SkillNameTakenError,
      );
      await expectRejection(
        s.skills.update(
          aSkill({ id: 's-2', name: 'Go', category: 'Languages', version: 2 }),
          1,
          next('skill', 'updated'),
        ),
        SkillNameTakenError,
      );
      await expectRejection(s.skills.delete('s-2', 7, next('skill', 'deleted')), StaleWriteError);
      await expectRejection(
        s.experience.update(anExperience({ id: 'e-1', version: 4 }), 3, next('experience', 'updated')),
        StaleWriteError,
      );
      await expectRejection(s.experience.delete('e-1', 3, next('experience', 'deleted')), StaleWriteError);

      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
      expect(await recordedEvents(s)).to.deep.equal([]);
    });

    it('when a write carries no events (a storage copy), then it records none', async () => {
      const s = storage();
      await s.projects.create(aProject());
      await s.messages.create(aMessage());
      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 0 });
    });

    it('when events wait for their webhook, then the backlog counts them until they are sent', async () => {
      const s = storage();
      await s.projects.create(aProject(), next('project', 'created'));
      await s.projects.update(aProject({ title: 'Again', version: 2 }), 1, next('project', 'updated'));
      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 2, pendingDeliveries: 0 });
      await recordedEvents(s);
      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 2 });
      const [claim] = await s.outbox.claimDue({
        now: new Date('2100-01-01T00:00:00.000Z'),
        limit: 1,
        leaseMs: 60_000,
        webhookIds: ['w-probe'],
        email: false,
      });
      await s.outbox.complete(claim!, {
        ...claim!.delivery,
        status: 'delivered',
        attempts: 1,
        nextAttemptAt: null,
        deliveredAt: '2100-01-01T00:00:00.000Z',
      });
      expect(await s.outbox.backlog()).to.deep.equal({ awaitingFanOut: 0, pendingDeliveries: 1 });
    });
  });
}
