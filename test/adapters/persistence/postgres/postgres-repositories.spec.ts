import { expect } from 'chai';
import { SkillNameTakenError, SlugTakenError, StaleWriteError } from '../../../../src/domain/shared/errors.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../../../support/builders.js';
import { usePostgresStorage } from './postgres-test-schema.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('PostgreSQL repositories', function () {
  const db = usePostgresStorage('PostgreSQL repositories');

  describe('round trips', function () {
    it('when a profile with every optional field is saved, then it reads back exactly', async function () {
      const profile = aProfile({
        location: 'Berlin',
        email: 'ada@example.com',
        avatarUrl: 'https://example.com/a.png',
        links: { mastodon: 'https://m.example/@ada', github: 'https://github.com/ada' },
        bio: 'Line one\n\nLine *two* ✓',
        availableForWork: true,
        updatedAt: '2026-11-25T20:17:51.123Z',
        version: 7,
      });
      await db.storage.profiles.save(profile, null);
      const stored = await db.storage.profiles.get();
      expect(stored).to.deep.equal(profile);
      expect(Object.keys(stored!.links)).to.deep.equal(['mastodon', 'github']);
    });

    it('when a profile without optional fields is saved, then they read back absent', async function () {
      await db.storage.profiles.save(aProfile(), null);
      const stored = await db.storage.profiles.get();
      expect(stored).to.deep.equal(aProfile());
      expect(stored).to.not.have.any.keys('location', 'email', 'avatarUrl');
    });

    it('when there is no profile, then get gives null', async function () {
      expect(await db.storage.profiles.get()).to.equal(null);
    });

    it('when a project with every field is created, then it reads back exactly', async function () {
      const project = aProject({
        id: '01JD00000000000000000000AB',
        slug: 'full-project',
        title: 'Ünïcode & “quotes”',
        summary: 'Summary',
        description: '# Heading\n\n100% _done_',
        tags: ['zeta', 'alpha', 'c++'],
        tech: ['TypeScript', 'PostgreSQL'],
        links: { repo: 'https://github.com/x/y', live: 'https://x.example', caseStudy: 'https://x.example/case' },
        featured: true,
        status: 'draft',
        startedAt: '1999-12-31',
        endedAt: '2000-02-29',
        createdAt: '2024-02-29T23:59:59.999Z',
        updatedAt: '2025-01-01T00:00:00.001Z',
        version: 3,
      });
      await db.storage.projects.create(project);
      expect(await db.storage.projects.findBySlug('full-project')).to.deep.equal(project);
    });

    it('when a minimal project is created, then it reads back exactly', async function () {
      await db.storage.projects.create(aProject());
      expect(await db.storage.projects.findBySlug('sample-project')).to.deep.equal(aProject());
      expect(await db.storage.projects.findBySlug('other')).to.equal(null);
    });

    it('when skills with and without years are created, then they read back exactly, in insertion order', async function () {
      const skills = [
        aSkill({ id: 's-2', name: 'SQL', years: 12.5 }),
        aSkill({ id: 's-1', name: 'Go', category: 'Languages', level: 1 }),
        aSkill({ id: 's-3', name: 'Zero', years: 0 }),
      ];
      for (const skill of skills) await db.storage.skills.create(skill);
      const stored = await db.storage.skills.listAll();
      expect(stored).to.deep.equal(skills);
      expect(stored[1]).to.not.have.property('years');
      expect(await db.storage.skills.findById('s-2')).to.deep.equal(skills[0]);
      expect(await db.storage.skills.findById('nope')).to.equal(null);
    });

    it('when experience with and without location is created, then it reads back exactly, in insertion order', async function () {
      const roles = [
        anExperience({
          id: 'e-2',
          location: 'Remote',
          endDate: '2023-06-30',
          highlights: ['Shipped it', 'Led “it”'],
          tech: ['Node'],
        }),
        anExperience({ id: 'e-1' }),
      ];
      for (const role of roles) await db.storage.experience.create(role);
      const stored = await db.storage.experience.listAll();
      expect(stored).to.deep.equal(roles);
      expect(stored[1]).to.not.have.property('location');
      expect(await db.storage.experience.findById('e-2')).to.deep.equal(roles[0]);
    });

    it('when messages with and without subject are created, then they read back exactly', async function () {
      const withSubject = aMessage({
        id: 'm-2',
        subject: 'Hello',
        status: 'archived',
        receivedAt: '2026-01-02T03:04:05.678Z',
      });
      await db.storage.messages.create(withSubject);
      await db.storage.messages.create(aMessage());
      expect(await db.storage.messages.findById('m-2')).to.deep.equal(withSubject);
      const stored = await db.storage.messages.findById('m-1');
      expect(stored).to.deep.equal(aMessage());
      expect(stored).to.not.have.property('subject');
      expect(await db.storage.messages.findById('nope')).to.equal(null);
    });

    it('when a stored row breaks the entity schema, then reading it fails with a message naming the field', async function () {
      await db.storage.projects.create(aProject());
      await db.sql.query(`UPDATE projects SET links = '{"repo": "ftp://x"}'`);
      const error = await rejection(db.storage.projects.findBySlug('sample-project'));
      expect(String(error)).to.match(/Stored project 'p-1' is invalid: links\.repo: Must be an https URL/);
    });
  });

  describe('unique values', function () {
    it('when a slug is taken, then create and update reject with SlugTakenError', async function () {
      await db.storage.projects.create(aProject({ id: 'p-1', slug: 'one' }));
      await db.storage.projects.create(aProject({ id: 'p-2', slug: 'two' }));
      expect(await rejection(db.storage.projects.create(aProject({ id: 'p-3', slug: 'one' })))).to.be.instanceOf(
        SlugTakenError,
      );
      const renamed = aProject({ id: 'p-2', slug: 'one', version: 2 });
      expect(await rejection(db.storage.projects.update(renamed, 1))).to.be.instanceOf(SlugTakenError);
      expect((await db.storage.projects.findBySlug('two'))?.version).to.equal(1);
    });

    it('when a stale update also takes a slug, then the stale version wins, as in memory', async function () {
      await db.storage.projects.create(aProject({ id: 'p-1', slug: 'one' }));
      await db.storage.projects.create(aProject({ id: 'p-2', slug: 'two' }));
      const renamed = aProject({ id: 'p-2', slug: 'one', version: 6 });
      expect(await rejection(db.storage.projects.update(renamed, 5))).to.be.instanceOf(StaleWriteError);
    });

    it('when a skill name is taken in its category in any case, then create and update reject with SkillNameTakenError', async function () {
      await db.storage.skills.create(aSkill({ id: 's-1', name: 'TypeScript', category: 'Languages' }));
      await db.storage.skills.create(aSkill({ id: 's-2', name: 'Go', category: 'Languages' }));
      const error = await rejection(
        db.storage.skills.create(aSkill({ id: 's-3', name: 'typescript', category: 'Languages' })),
      );
      expect(error).to.be.instanceOf(SkillNameTakenError);
      expect(error).to.include({ skillName: 'typescript', category: 'Languages' });
      expect(
        await rejection(db.storage.skills.update(aSkill({ id: 's-2', name: 'TYPESCRIPT', version: 2 }), 1)),
      ).to.be.instanceOf(SkillNameTakenError);
    });

    it('when only the category differs, even by case, or a skill renames itself, then the name is free', async function () {
      await db.storage.skills.create(aSkill({ id: 's-1', name: 'Ölçü', category: 'Languages' }));
      await db.storage.skills.create(aSkill({ id: 's-2', name: 'ölçü', category: 'Tools' }));
      await db.storage.skills.create(aSkill({ id: 's-3', name: 'ÖLÇÜ', category: 'languages' }));
      await db.storage.skills.update(aSkill({ id: 's-1', name: 'ÖLÇÜ', category: 'Languages', version: 2 }), 1);
      expect(await db.storage.skills.listAll()).to.have.length(3);
      expect(
        await rejection(db.storage.skills.create(aSkill({ id: 's-4', name: 'ölçü', category: 'Languages' }))),
      ).to.be.instanceOf(SkillNameTakenError);
    });
  });

  describe('conditional writes', function () {
    const cases = [
      {
        name: 'project',
        create: () => db.storage.projects.create(aProject()),
        update: (version: number, expected: number) => db.storage.projects.update(aProject({ version }), expected),
        delete: (expected: number) => db.storage.projects.delete('p-1', expected),
        read: () => db.storage.projects.findBySlug('sample-project'),
      },
      {
        name: 'skill',
        create: () => db.storage.skills.create(aSkill()),
        update: (version: number, expected: number) => db.storage.skills.update(aSkill({ version }), expected),
        delete: (expected: number) => db.storage.skills.delete('s-1', expected),
        read: () => db.storage.skills.findById('s-1'),
      },
      {
        name: 'experience',
        create: () => db.storage.experience.create(anExperience()),
        update: (version: number, expected: number) =>
          db.storage.experience.update(anExperience({ version }), expected),
        delete: (expected: number) => db.storage.experience.delete('e-1', expected),
        read: () => db.storage.experience.findById('e-1'),
      },
      {
        name: 'message',
        create: () => db.storage.messages.create(aMessage()),
        update: (version: number, expected: number) =>
          db.storage.messages.update(aMessage({ version, status: 'read' }), expected),
        delete: (expected: number) => db.storage.messages.delete('m-1', expected),
        read: () => db.storage.messages.findById('m-1'),
      },
    ];

    for (const c of cases) {
      describe(c.name, function () {
        it('when the version read is current, then update and delete succeed', async function () {
          await c.create();
          await c.update(2, 1);
          expect((await c.read())?.version).to.equal(2);
          await c.delete(2);
          expect(await c.read()).to.equal(null);
        });

        it('when the stored version differs, then update and delete reject with StaleWriteError and change nothing', async function () {
          await c.create();
          expect(await rejection(c.update(3, 2))).to.be.instanceOf(StaleWriteError);
          expect(await rejection(c.delete(2))).to.be.instanceOf(StaleWriteError);
          expect((await c.read())?.version).to.equal(1);
        });

        it('when the row is gone, then update and delete reject with StaleWriteError', async function () {
          expect(await rejection(c.update(2, 1))).to.be.instanceOf(StaleWriteError);
          expect(await rejection(c.delete(1))).to.be.instanceOf(StaleWriteError);
        });

        it('when two writers update from the same version at once, then exactly one succeeds', async function () {
          await c.create();
          const outcomes = await Promise.allSettled([c.update(2, 1), c.update(2, 1), c.update(2, 1)]);
          const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
          for (const o of rejected) expect(o.reason).to.be.instanceOf(StaleWriteError);
        });
      });
    }

    describe('profile', function () {
      it('when a profile exists, then saving with expectedVersion null rejects with StaleWriteError', async function () {
        await db.storage.profiles.save(aProfile(), null);
        expect(await rejection(db.storage.profiles.save(aProfile({ name: 'Other' }), null))).to.be.instanceOf(
          StaleWriteError,
        );
        expect((await db.storage.profiles.get())?.name).to.equal('Ada Example');
      });

      it('when there is none, then saving with a version rejects with StaleWriteError', async function () {
        expect(await rejection(db.storage.profiles.save(aProfile({ version: 2 }), 1))).to.be.instanceOf(
          StaleWriteError,
        );
        expect(await db.storage.profiles.get()).to.equal(null);
      });

      it('when the version read is current, then it is replaced; when not, StaleWriteError', async function () {
        await db.storage.profiles.save(aProfile(), null);
        await db.storage.profiles.save(aProfile({ headline: 'New', version: 2 }), 1);
        expect(await db.storage.profiles.get()).to.deep.equal(aProfile({ headline: 'New', version: 2 }));
        expect(await rejection(db.storage.profiles.save(aProfile({ version: 2 }), 1))).to.be.instanceOf(
          StaleWriteError,
        );
      });

      it('when two first saves race, then exactly one succeeds', async function () {
        const outcomes = await Promise.allSettled([
          db.storage.profiles.save(aProfile({ name: 'A' }), null),
          db.storage.profiles.save(aProfile({ name: 'B' }), null),
        ]);
        expect(outcomes.map((o) => o.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
        expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(
          StaleWriteError,
        );
      });
    });
  });

  describe('messages', function () {
    it('when listed, then newest first, ties by id descending, filtered by status, with the total', async function () {
      const messages = [
        aMessage({ id: 'm-a', receivedAt: '2025-01-01T00:00:00.000Z' }),
        aMessage({ id: 'm-c', receivedAt: '2025-01-02T00:00:00.000Z', status: 'read' }),
        aMessage({ id: 'm-b', receivedAt: '2025-01-02T00:00:00.000Z' }),
        aMessage({ id: 'm-B', receivedAt: '2025-01-02T00:00:00.000Z' }),
        aMessage({ id: 'm-d', receivedAt: '2024-12-31T23:59:59.999Z', status: 'read' }),
      ];
      for (const message of messages) await db.storage.messages.create(message);
      const ids = (slice: { items: readonly { id: string }[] }) => slice.items.map((m) => m.id);

      const all = await db.storage.messages.list({ offset: 0, limit: 10 });
      expect(ids(all)).to.deep.equal(['m-c', 'm-b', 'm-B', 'm-a', 'm-d']);
      expect(all.total).to.equal(5);
      expect(ids(await db.storage.messages.list({ offset: 1, limit: 2 }))).to.deep.equal(['m-b', 'm-B']);
      const read = await db.storage.messages.list({ status: 'read', offset: 0, limit: 1 });
      expect([ids(read), read.total]).to.deep.equal([['m-c'], 2]);
      expect(await db.storage.messages.list({ status: 'read', offset: 5, limit: 10 })).to.deep.equal({
        items: [],
        total: 2,
      });
      expect(await db.storage.messages.list({ status: 'archived', offset: 0, limit: 10 })).to.deep.equal({
        items: [],
        total: 0,
      });
    });
  });
});
