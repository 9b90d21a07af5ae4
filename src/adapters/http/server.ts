import { randomUUID } from 'node:crypto';
import { createServer, ServerResponse, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, type ProblemKind } from './problem.js';
import { REFUSED_REQUEST_HEADERS } from './middleware/security-headers.js';

/** How long the server waits for a client, in milliseconds. */
export interface HttpTimeouts {
  /** From the first byte of a request to its last. */
  readonly requestMs: number;
  /** From the first byte of a request to the end of its headers. */
  readonly headersMs: number;
  /** How long a connection may stay open without a request, after its last response. */
  readonly keepAliveMs: number;
}

/** Servers that are stopping: they answer what they are sent, each answer saying `Connection: close`. */
const stopping = new WeakSet<Server>();

/** The HTTP server of the app: Koa answers every request Node can read, and `answerClientError` the rest. */
export function createHttpServer(app: Koa, logger: Pick<Logger, 'info'>, timeouts: HttpTimeouts): Server {
  const server: Server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node looks for requests past those two timeouts every 30 s by default, which would hold a
      // slow client up to 30 s longer than configured.
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs / 2),
      ServerResponse: responseClosingWhen(() => stopping.has(server)),
    },
    // Koa's handler answers its own errors: the promise it returns never rejects.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    app.callback(),
  );
  server.on('clientError', answerClientError(logger));
  return server;
}

const KEEP_ALIVE = Symbol('keep-alive');

/**
 * Node's response, except that `shouldKeepAlive`, which Node reads when it
 * writes the headers, is false once `isStopping()`: an answer sent after the
 * signal says `Connection: close`, whether its request came before the signal
 * or after, and its connection is closed once it is sent. The client then
 * opens its next request on a new connection, which a stopped server refuses:
 * a refusal it can retry anywhere, unlike a reset under a request it sent.
 */
function responseClosingWhen(isStopping: () => boolean) {
  class StoppableResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    declare [KEEP_ALIVE]: boolean;
  }
  Object.defineProperty(StoppableResponse.prototype, 'shouldKeepAlive', {
    get(this: StoppableResponse) {
      return this[KEEP_ALIVE] && !isStopping();
    },
    set(this: StoppableResponse, value: boolean) {
      this[KEEP_ALIVE] = value;
    },
  });
  return StoppableResponse;
}

/**
 * Stops the server without losing a request: new connections are refused
 * (once those already queued are accepted); every request in flight or still arriving on an open connection is
 * answered, with `Connection: close`, and its connection closed after the
 * answer; a connection that sends nothing more is closed when the keep-alive
 * timeout its client was told expires; and whatever is left at `deadlineMs`
 * is closed then. Resolves once every connection is closed.
 *
 * Not sooner for idle connections: a client may send its next request on an
 * idle connection at any moment until the timeout it was told, and closing the
 * connection under that request loses it, with a reset the client cannot tell
 * from a request that failed midway (clients stop reusing a connection before
 * the advertised timeout, Node's own agent 1 s before). http.Server's `close`
 * closes idle connections at once, so the listening socket is closed with
 * net.Server's.
 */
export function stopServer(server: Server, deadlineMs: number): Promise<void> {
  stopping.add(server);
  return new Promise((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    // Not at once: connections the kernel has queued but Node has yet to accept (a busy process
    // accepts late) would be reset with the listening socket, requests sent on them with them.
    // After this turn of the event loop's poll phase they are accepted, and answered.
    setImmediate(() =>
      NetServer.prototype.close.call(server, () => {
        clearTimeout(deadline);
        resolve();
      }),
    );
  });
}

/** Parser errors by code, with the statuses Node's own plain-text answer gives them. */
const PARSER_PROBLEMS: Record<string, { kind: ProblemKind; detail: string }> = {
  HPE_HEADER_OVERFLOW: { kind: 'headers-too-large', detail: 'The request headers are larger than the server accepts' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    kind: 'payload-too-large',
    detail: 'The chunk extensions of the request body are larger than the server accepts',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { kind: 'request-timeout', detail: 'The request did not arrive in time' },
};
const UNREADABLE = { kind: 'bad-request', detail: 'The request is not valid HTTP/1.1' } as const;

/**
 * A request that Node's HTTP parser refuses never reaches Koa, so Node would
 * answer it in plain text without a request id. This answers it as every other
 * error is: problem details, `no-store`, the security headers, an
 * `X-Request-Id` that the log line carries too. There is no request to name in `instance`.
 */
export function answerClientError(logger: Pick<Logger, 'info'>) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // A peer that went away, or a socket already answered: nothing to say to it.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { kind, detail } = PARSER_PROBLEMS[error.code ?? ''] ?? UNREADABLE;
    const { status, title } = PROBLEMS[kind];
    const requestId = randomUUID();
    logger.info({ requestId, code: error.code, status }, `request refused by the HTTP parser: ${title}`);
    const body = JSON.stringify({ type: `/problems/${kind}`, title, status, detail, requestId });
    // Server sockets stay half-open after end(): without destroy, a peer that never closes its side
    // would hold the connection (and a graceful stop) until Node's headers timeout.
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Cache-Control: no-store',
        ...REFUSED_REQUEST_HEADERS.map(([name, value]) => `${name}: ${value}`),
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
      () => socket.destroy(),
    );
  };
}
