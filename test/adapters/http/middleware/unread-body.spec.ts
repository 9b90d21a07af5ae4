import { expect } from 'chai';
import { once } from 'node:events';
import { Agent, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../../src/adapters/http/app.js';
import { httpTimeouts } from '../../../../src/composition-root.js';
import { createHttpServer } from '../../../../src/adapters/http/server.js';
import { AUTH, testApp } from '../../../support/http-app.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Whether the agent sent this request on a connection an earlier request had used. */
  reused: boolean;
}

const LIMIT = 100 * 1024;
const CONTACT = { name: 'Ada', email: 'ada@example.com', message: 'Hello there, a message.' };

describe('a request whose body is not read to its end, on a kept-alive connection', () => {
  let server: Server;
  let agent: Agent;

  beforeEach(async () => {
    const { dependencies, config } = testApp({ config: { bodyLimitBytes: LIMIT } });
    server = createHttpServer(createApp(dependencies), { info() {} }, httpTimeouts(config));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    // One socket: every request goes over the same connection while the server keeps it.
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });

  afterEach(async () => {
    agent.destroy();
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  function send(
    method: string,
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: Buffer | Buffer[] } = {},
  ): Promise<Answer> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, reused: req.reusedSocket }));
      });
      req.on('error', reject);
      // An array is sent chunk by chunk, without Content-Length: chunked transfer coding.
      for (const chunk of Array.isArray(body) ? body : []) req.write(chunk);
      req.end(Array.isArray(body) ? undefined : body);
    });
  }

  const json = { 'Content-Type': 'application/json' };
  const oversized = (bytes: number) => Buffer.from(JSON.stringify({ ...CONTACT, message: 'x'.repeat(bytes) }));

  const refusals: [string, () => Promise<Answer>, number][] = [
    [
      'a 200 kB body over the limit',
      () => send('POST', '/api/v1/contact', { headers: json, body: oversized(200_000) }),
      413,
    ],
    [
      'a 1 MB body over the limit',
      () => send('POST', '/api/v1/contact', { headers: json, body: oversized(1_000_000) }),
      413,
    ],
    [
      'a chunked body that passes the limit midway',
      () =>
        send('POST', '/api/v1/contact', {
          headers: json,
          body: Array.from({ length: 20 }, () => Buffer.alloc(16_384, 'x')),
        }),
      413,
    ],
    [
      'a write with a body but no token',
      () => send('POST', '/api/v1/skills', { headers: json, body: Buffer.alloc(300_000, ' ') }),
      401,
    ],
    [
      'a write with a body of another media type',
      () =>
        send('POST', '/api/v1/skills', {
          headers: { ...AUTH, 'Content-Type': 'text/plain' },
          body: Buffer.alloc(300_000, 'x'),
        }),
      415,
    ],
  ];

  for (const [what, refused, status] of refusals) {
    it(`when ${what} is refused with ${status}, then the answer closes the connection and the next request is answered`, async () => {
      for (let round = 0; round < 3; round += 1) {
        const refusal = await refused();
        expect(refusal.status).to.equal(status);
        expect(refusal.headers.connection).to.equal('close');
        const next = await send('GET', '/health');
        expect(next.status).to.equal(200);
        expect(next.reused).to.equal(false);
      }
    });
  }

  it('when a write reads its body to the end, then the connection is kept for the next request', async () => {
    const accepted = await send('POST', '/api/v1/contact', {
      headers: json,
      body: Buffer.from(JSON.stringify(CONTACT)),
    });
    expect(accepted.status).to.equal(202);
    expect(accepted.headers.connection).to.equal('keep-alive');
    const invalid = await send('POST', '/api/v1/contact', { headers: json, body: Buffer.from('{"name":') });
    expect(invalid.status).to.equal(400);
    expect(invalid.headers.connection).to.equal('keep-alive');
    expect(invalid.reused).to.equal(true);
    const next = await send('GET', '/health');
    expect(next.status).to.equal(200);
    expect(next.reused).to.equal(true);
  });

  it('when a request has no body, then its refusal keeps the connection', async () => {
    const refused = await send('DELETE', '/api/v1/skills/s-1');
    expect(refused.status).to.equal(401);
    expect(refused.headers.connection).to.equal('keep-alive');
    expect((await send('GET', '/health')).reused).to.equal(true);
  });
});
