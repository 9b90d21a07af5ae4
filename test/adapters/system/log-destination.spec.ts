import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs, { closeSync, constants, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sinon from 'sinon';
import { BufferedLogDestination, type BufferedLogOptions } from '../../../src/adapters/system/log-destination.js';
import { makeTestDir } from '../../support/temp-dir.js';

const INFO = 30;
const WARN = 40;
/** Long enough that no test below sees the timer fire unless it sets a short one. */
const NEVER = 3_600_000;

describe('BufferedLogDestination', () => {
  let dir: string;
  let file: string;
  let fd: number;

  beforeEach(async () => {
    dir = await makeTestDir('log-destination-');
    file = join(dir, 'log');
    fd = openSync(file, 'a');
  });

  afterEach(() => {
    sinon.restore();
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  const written = () => readFileSync(file, 'utf8');
  const destination = (options: BufferedLogOptions) =>
    new BufferedLogDestination(fd, { minWriteBytes: 1 << 20, flushIntervalMs: NEVER, ...options });
  const log = (to: BufferedLogDestination, level: number, line: string) => {
    to.lastLevel = level;
    to.write(line);
  };
  const flushed = (to: BufferedLogDestination) => new Promise<void>((resolve) => to.flush(() => resolve()));

  async function eventually(check: () => boolean): Promise<void> {
    for (let tries = 0; !check() && tries < 100; tries++) await sleep(10);
  }

  it('when info lines are logged, then they wait in memory until flushed, and are written in order', async () => {
    const to = destination({});
    for (let n = 1; n <= 3; n++) log(to, INFO, `line ${n}\n`);
    await sleep(30);
    expect(written()).to.equal('');

    await flushed(to);

    expect(written()).to.equal('line 1\nline 2\nline 3\n');
  });

  it('when a warning is logged, then it is written at once, with the lines before it', async () => {
    const to = destination({});
    log(to, INFO, 'before\n');
    log(to, WARN, 'warning\n');

    await eventually(() => written() !== '');

    expect(written()).to.equal('before\nwarning\n');
  });

  it('when the interval passes, then what is buffered is written', async () => {
    const to = destination({ flushIntervalMs: 20 });
    log(to, INFO, 'waited\n');

    await eventually(() => written() !== '');

    expect(written()).to.equal('waited\n');
  });

  it('when the buffer reaches its size for a write, then it is written without waiting', async () => {
    const to = destination({ minWriteBytes: 10 });
    log(to, INFO, '12345\n');
    await sleep(30);
    expect(written()).to.equal('');
    log(to, INFO, '67890\n');

    await eventually(() => written() !== '');

    expect(written()).to.equal('12345\n67890\n');
  });

  it('when lines come while a write is under way and a flush is asked for, then they follow it', async () => {
    const to = destination({});
    log(to, INFO, 'first\n');
    to.flush();
    log(to, INFO, 'second\n');

    await flushed(to);

    expect(written()).to.equal('first\nsecond\n');
  });

  it('when more is logged than the buffer holds, then the rest is dropped and the log says how many lines', async () => {
    const to = destination({ maxBufferedBytes: 14 });
    for (let n = 1; n <= 5; n++) log(to, INFO, `line ${n}\n`);

    await flushed(to);

    const [first, second, notice] = written().trimEnd().split('\n');
    expect([first, second]).to.deep.equal(['line 1', 'line 2']);
    expect(JSON.parse(notice!)).to.include({
      level: WARN,
      msg: '3 log lines dropped: the log was not read fast enough',
    });
  });

  it('when the reader of a pipe is slower than the log, then every line arrives once, in order', async () => {
    const fifo = join(dir, 'slow-fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    // Non-blocking, as Node leaves a pipe it has set up: a full pipe answers EAGAIN, and writes come out partial.
    const pipe = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const lines = Array.from({ length: 3000 }, (_, n) => `${JSON.stringify({ n, filler: 'x'.repeat(100) })}\n`);
    let received = '';
    const readSome = async (): Promise<void> => {
      const buffer = Buffer.alloc(4096);
      for (;;) {
        try {
          const read = fs.readSync(reader, buffer);
          if (read === 0) return;
          received += buffer.toString('utf8', 0, read);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          if (received.length === lines.join('').length) return;
          await sleep(5);
        }
      }
    };
    try {
      const to = new BufferedLogDestination(pipe, { minWriteBytes: 100_000, flushIntervalMs: NEVER });
      for (const line of lines) log(to, INFO, line);
      const reading = readSome();
      await flushed(to);
      await reading;

      expect(received).to.equal(lines.join(''));
    } finally {
      closeSync(pipe);
      closeSync(reader);
    }
  });

  it('when the reader of a pipe has gone, then a flush still ends, and later lines are dropped without a write', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const pipe = openSync(fifo, constants.O_WRONLY);
    closeSync(reader);
    try {
      const to = new BufferedLogDestination(pipe, { flushIntervalMs: NEVER });
      log(to, INFO, 'nobody reads this\n');

      await flushed(to);
      const write = sinon.spy(fs, 'write');
      log(to, WARN, 'nor this\n');
      await flushed(to);

      sinon.assert.notCalled(write);
    } finally {
      closeSync(pipe);
    }
  });
});
