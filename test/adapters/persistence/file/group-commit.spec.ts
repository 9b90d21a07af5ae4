import { expect } from 'chai';
import { GroupCommit, type Pending } from '../../../../src/adapters/persistence/file/group-commit.js';
import { rejectionOf } from '../../../support/fakes.js';

describe('GroupCommit', () => {
  /** Commits that each wait for the test to release them, recording their batches. */
  function heldCommits() {
    const batches: string[][] = [];
    const releases: (() => void)[] = [];
    const commit = async (batch: readonly Pending<string, string>[]) => {
      batches.push(batch.map((pending) => pending.item));
      await new Promise<void>((resolve) => releases.push(resolve));
      for (const pending of batch) pending.resolve(`${pending.item} stored`);
    };
    return { batches, commit, release: () => releases.shift()!() };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('when items arrive in one tick, then they share the first commit; those arriving during it share the next', async () => {
    const held = heldCommits();
    const group = new GroupCommit(held.commit);

    const first = ['a', 'b'].map((item) => group.submit(item));
    await settle();
    const second = ['c', 'd', 'e'].map((item) => group.submit(item));
    held.release();
    await settle();
    held.release();

    expect(await Promise.all([...first, ...second])).to.deep.equal(
      ['a', 'b', 'c', 'd', 'e'].map((item) => `${item} stored`),
    );
    expect(held.batches).to.deep.equal([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('when a commit throws, then every item it left unsettled is rejected with that error, and later items still commit', async () => {
    let calls = 0;
    const boom = new Error('bug');
    const group = new GroupCommit<string, string>(async (batch) => {
      calls++;
      if (calls === 1) {
        batch[0]!.resolve('settled before the throw');
        throw boom;
      }
      for (const pending of batch) pending.resolve('fine');
    });

    const [settled, unsettled] = [group.submit('a'), group.submit('b')];

    expect(await settled).to.equal('settled before the throw');
    expect(await rejectionOf(unsettled)).to.equal(boom);
    expect(await group.submit('c')).to.equal('fine');
  });

  it('runs each commit through its turn, and takes the batch when the turn starts', async () => {
    let releaseTurn!: () => void;
    const turnTaken = new Promise<void>((resolve) => (releaseTurn = resolve));
    const batches: string[][] = [];
    const group = new GroupCommit<string, void>(
      async (batch) => {
        batches.push(batch.map((pending) => pending.item));
        for (const pending of batch) pending.resolve();
      },
      async (task) => {
        await turnTaken;
        await task();
      },
    );

    const early = group.submit('early');
    await settle();
    const late = group.submit('while waiting for the turn');
    releaseTurn();
    await Promise.all([early, late]);

    expect(batches).to.deep.equal([['early', 'while waiting for the turn']]);
  });

  it('drain resolves once everything submitted so far is committed', async () => {
    const held = heldCommits();
    const group = new GroupCommit(held.commit);
    const item = group.submit('a');
    let drained = false;
    const draining = group.drain().then(() => (drained = true));
    await settle();

    expect(drained).to.equal(false);
    held.release();
    await draining;
    expect(await item).to.equal('a stored');
  });
});
