import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, type ProblemKind } from './problem.js';

/** The HTTP server of the app: Koa answers every request Node can read, and `answerClientError` the rest. */
export function createHttpServer(app: Koa, logger: Pick<Logger, 'info'>): Server {
  // Koa's handler answers its own errors: the promise it returns never rejects.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server = createServer(app.callback());
  server.on('clientError', answerClientError(logger));
  return server;
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
 * error is: problem details, `no-store`, an `X-Request-Id` that the log line
 * carries too. There is no request to name in `instance`.
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
        'X-Content-Type-Options: nosniff',
        `X-Request-Id: ${requestId}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
      () => socket.destroy(),
    );
  };
}
