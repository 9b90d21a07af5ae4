import { write } from 'node:fs';
import { symbols, type Logger } from 'pino';

/** pino's numeric level of `warn`: lines at this level or above are written at once. */
const WARN = 40;

export interface BufferedLogOptions {
  /** Buffered bytes (UTF-16 code units, close enough) that start a write without waiting for the timer. */
  readonly minWriteBytes?: number;
  /** How long an info line may wait in the buffer. */
  readonly flushIntervalMs?: number;
  /** Beyond this many buffered bytes, lines are dropped: a reader that stopped reading must not exhaust memory. */
  readonly maxBufferedBytes?: number;
}

/**
 * A pino destination that collects lines in memory and writes them with one
 * asynchronous `write` per batch: when the buffer reaches `minWriteBytes`,
 * `flushIntervalMs` after a line came into an empty buffer, at once for a
 * warning or worse, and on `flush`.
 *
 * Why not pino's own: its default destination writes each line as it comes,
 * which costs a small read about a third of its CPU; its buffered mode
 * flushes synchronously on exit, and that flush retries a write that failed
 * with `EPIPE` forever (sonic-boom 4), so a service whose log reader died
 * could not stop. Here nothing ever waits on the destination: a write that
 * fails for good (the reader is gone) turns logging off, one that would block
 * blocks a thread of libuv's pool, not the event loop, and `flush` reports
 * completion to whoever decides how long to wait for it.
 */
export class BufferedLogDestination {
  /** Asks pino to set `lastLevel` before each `write`. */
  readonly [symbols.needsMetadataGsym] = true;
  lastLevel = 0;
  lastTime = '';
  lastMsg = '';
  lastObj: object = {};
  lastLogger: Logger | undefined;

  private lines: string[] = [];
  private bufferedBytes = 0;
  private writing = false;
  /** A flush asked for while a write was in flight: the lines that came meanwhile go right after it. */
  private flushAgain = false;
  private broken = false;
  private dropped = 0;
  private waiting: (() => void)[] = [];
  /** Set while lines wait: an idle process has no timer. */
  private timer: NodeJS.Timeout | undefined;
  private readonly flushOnTimer = () => {
    this.timer = undefined;
    this.flush();
  };
  private readonly minWriteBytes: number;
  private readonly flushIntervalMs: number;
  private readonly maxBufferedBytes: number;

  constructor(
    private readonly fd: number,
    { minWriteBytes = 65_536, flushIntervalMs = 100, maxBufferedBytes = 16 * 1024 * 1024 }: BufferedLogOptions = {},
  ) {
    this.minWriteBytes = minWriteBytes;
    this.flushIntervalMs = flushIntervalMs;
    this.maxBufferedBytes = maxBufferedBytes;
  }

  write(line: string): void {
    if (this.broken) return;
    if (this.bufferedBytes + line.length > this.maxBufferedBytes) {
      this.dropped++;
      return;
    }
    this.lines.push(line);
    this.bufferedBytes += line.length;
    if (this.lastLevel >= WARN || this.bufferedBytes >= this.minWriteBytes) this.flush();
    // The timer alone must not keep a finished process alive.
    else this.timer ??= setTimeout(this.flushOnTimer, this.flushIntervalMs).unref();
  }

  /** Writes what is buffered; `done` is called once nothing is left to write (or writing is impossible). */
  flush(done?: (error?: Error) => void): void {
    if (done) this.waiting.push(done);
    if (this.writing) {
      this.flushAgain = true;
      return;
    }
    if (this.bufferedBytes === 0 && this.dropped === 0) {
      this.settle();
      return;
    }
    if (this.dropped > 0) {
      const msg = `${this.dropped} log lines dropped: the log was not read fast enough`;
      this.lines.push(`${JSON.stringify({ level: WARN, time: new Date().toISOString(), msg })}\n`);
      this.dropped = 0;
    }
    const batch = Buffer.from(this.lines.join(''));
    this.lines = [];
    this.bufferedBytes = 0;
    this.writing = true;
    this.writeOut(batch);
  }

  private writeOut(batch: Buffer): void {
    write(this.fd, batch, 0, batch.length, null, (error, written) => {
      if (error && error.code === 'EAGAIN') {
        // A non-blocking pipe that is full: its reader is slow, not gone.
        setTimeout(() => this.writeOut(batch), 10).unref();
        return;
      }
      if (error) {
        // EPIPE and the like: there is no one to write to any more.
        this.broken = true;
        this.lines = [];
        this.bufferedBytes = 0;
        this.writing = false;
        this.settle();
        return;
      }
      if (written < batch.length) {
        this.writeOut(batch.subarray(written));
        return;
      }
      this.writing = false;
      if (this.flushAgain || this.waiting.length > 0 || this.bufferedBytes >= this.minWriteBytes) {
        this.flushAgain = false;
        this.flush();
      }
    });
  }

  private settle(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done();
  }
}
