import { expect } from 'chai';
import sinon from 'sinon';
import { writeConditionally } from '../../src/application/conditional-write.js';
import { ConflictError, NotFoundError, StaleWriteError } from '../../src/domain/shared/errors.js';
import type { Versioned } from '../../src/domain/shared/versioned.js';
import { rejectionOf } from '../support/fakes.js';

interface Thing extends Versioned {
  readonly name: string;
}

describe('writeConditionally', () => {
  afterEach(() => sinon.restore());

  const thing = (version: number): Thing => ({ name: 'thing', version });

  it('loads, then writes on condition of the version it read and returns what the write returns', async () => {
    const load = sinon.stub<[], Promise<Thing>>().resolves(thing(7));
    const write = sinon.stub<[Thing, number], Promise<string>>().resolves('written');

    const result = await writeConditionally({ resource: 'thing', load, write });

    expect(result).to.equal('written');
    expect(write.calledOnceWithExactly(thing(7), 7)).to.equal(true);
    expect(load.calledBefore(write)).to.equal(true);
  });

  it('when the precondition holds, then it writes', async () => {
    const precondition = sinon.stub<[Thing], boolean>().returns(true);
    const write = sinon.stub<[Thing, number], Promise<void>>().resolves();

    await writeConditionally({ resource: 'thing', load: async () => thing(3), write, precondition });

    expect(precondition.calledOnceWithExactly(thing(3))).to.equal(true);
    expect(write.calledOnceWithExactly(thing(3), 3)).to.equal(true);
  });

  it('when the precondition is false, then it throws StaleWriteError and does not write', async () => {
    const write = sinon.stub<[Thing, number], Promise<void>>().resolves();

    const error = await rejectionOf(
      writeConditionally({ resource: 'thing', load: async () => thing(3), write, precondition: () => false }),
    );

    expect(error).to.be.instanceOf(StaleWriteError);
    expect((error as Error).message).to.equal('The thing has changed since it was read');
    expect(write.called).to.equal(false);
  });

  it('when loading fails, then it propagates that error and does not write', async () => {
    const write = sinon.stub<[Thing, number], Promise<void>>().resolves();
    const missing = new NotFoundError('Thing', 'x');

    const error = await rejectionOf(
      writeConditionally({ resource: 'thing', load: () => Promise.reject(missing), write }),
    );

    expect(error).to.equal(missing);
    expect(write.called).to.equal(false);
  });

  it('when a write without precondition loses a race, then it reloads and retries on the new version', async () => {
    const load = sinon.stub<[], Promise<Thing>>();
    load.onFirstCall().resolves(thing(1));
    load.onSecondCall().resolves(thing(2));
    const write = sinon.stub<[Thing, number], Promise<string>>();
    write.onFirstCall().rejects(new StaleWriteError('thing'));
    write.onSecondCall().resolves('second time');

    const result = await writeConditionally({ resource: 'thing', load, write });

    expect(result).to.equal('second time');
    expect(load.callCount).to.equal(2);
    expect(write.args).to.deep.equal([
      [thing(1), 1],
      [thing(2), 2],
    ]);
  });

  it('when a write without precondition loses nine races, then the tenth attempt is written', async () => {
    const write = sinon.stub<[Thing, number], Promise<string>>().rejects(new StaleWriteError('thing'));
    write.onCall(9).resolves('tenth');

    expect(await writeConditionally({ resource: 'thing', load: async () => thing(1), write })).to.equal('tenth');
    expect(write.callCount).to.equal(10);
  });

  it('when a write without precondition loses ten races, then a conflict, never the 412 of an If-Match it did not send', async () => {
    const write = sinon.stub<[Thing, number], Promise<void>>().rejects(new StaleWriteError('thing'));

    const error = await rejectionOf(writeConditionally({ resource: 'thing', load: async () => thing(1), write }));

    expect(error).to.be.instanceOf(ConflictError);
    expect(error).not.to.be.instanceOf(StaleWriteError);
    expect((error as Error).message).to.equal('The thing kept changing while this write was being applied; try again');
    expect(write.callCount).to.equal(10);
  });

  it('when a write with a precondition loses a race, then it is not retried', async () => {
    const stale = new StaleWriteError('thing');
    const load = sinon.stub<[], Promise<Thing>>().resolves(thing(1));
    const write = sinon.stub<[Thing, number], Promise<void>>().rejects(stale);

    const error = await rejectionOf(writeConditionally({ resource: 'thing', load, write, precondition: () => true }));

    expect(error).to.equal(stale);
    expect(load.callCount).to.equal(1);
    expect(write.callCount).to.equal(1);
  });

  it('when the write fails with any other error, then it is not retried', async () => {
    const boom = new Error('disk full');
    const write = sinon.stub<[Thing, number], Promise<void>>().rejects(boom);

    const error = await rejectionOf(writeConditionally({ resource: 'thing', load: async () => thing(1), write }));

    expect(error).to.equal(boom);
    expect(write.callCount).to.equal(1);
  });
});
