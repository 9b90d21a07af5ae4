import { expect } from 'chai';
import sinon from 'sinon';
import { Readiness } from '../../../src/adapters/http/readiness.js';
import type { StorageHealth } from '../../../src/domain/storage/storage.js';

const storageWhose = (ping: StorageHealth['ping']): StorageHealth => ({ ping, close: () => Promise.resolve() });

describe('Readiness', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('when the storage ping never answers, then storage-unavailable once the timeout passes, not before', async () => {
    const readiness = new Readiness(
      storageWhose(() => new Promise(() => undefined)),
      2000,
    );
    let settled: string | undefined;
    void readiness.check().then((state) => (settled = state));

    await clock.tickAsync(1999);
    expect(settled).to.equal(undefined);
    await clock.tickAsync(1);
    expect(settled).to.equal('storage-unavailable');
  });

  it('when the storage ping answers, then ready, and no timer is left behind', async () => {
    const readiness = new Readiness(
      storageWhose(() => Promise.resolve()),
      2000,
    );
    expect(await readiness.check()).to.equal('ready');
    expect(clock.countTimers()).to.equal(0);
  });

  it('when stopping, then stopping without asking storage', async () => {
    const ping = sinon.stub().resolves();
    const readiness = new Readiness(storageWhose(ping), 2000);
    readiness.markStopping();
    expect(await readiness.check()).to.equal('stopping');
    sinon.assert.notCalled(ping);
  });
});
