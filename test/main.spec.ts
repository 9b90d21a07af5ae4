import { expect } from 'chai';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { runService, startService, type ServiceProcess } from './support/process.js';

const ADMIN_TOKEN = 'process-test-admin-token-0123456789abcdef';

/** The exit code, or `'still running'` if the process has not exited `ms` after the call. */
function exitWithin(service: ServiceProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    service.exit().finally(() => clearTimeout(timer)),
    new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms))),
  ]).finally(() => service.child.kill('SIGKILL'));
}

interface Outcome {
  status?: number;
  error?: string;
}

/** One request on `agent`; a failure is an outcome too: its error code. */
function attempt(url: string, agent: Agent, method: string, path: string, body?: object): Promise<Outcome> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = httpRequest(
      new URL(path, url),
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(text);
  });
}

describe('main (the service as a process)', function () {
  this.timeout(15000);

  describe('start-up', () => {
    it('when the configuration is invalid, then it names every bad variable and exits non-zero', async () => {
      const { code, output } = await runService({ STORAGE: 'disk', PORT: 'eighty', CONTACT_RATE_LIMIT: '0' });
      expect(code).to.equal(1);
      expect(output).to.include('Invalid configuration');
      expect(output).to.include('STORAGE: must be memory, file or postgres');
      expect(output).to.include('PORT: must be a whole number from 0 to 65535');
      expect(output).to.include('CONTACT_RATE_LIMIT: must be a whole number from 1 to 1000000');
    });

    it('when a production token is shorter than 32 characters, then it refuses to start', async () => {
      const { code, output } = await runService({ NODE_ENV: 'production', STORAGE: 'memory', ADMIN_TOKEN: 'short' });
      expect(code).to.equal(1);
      expect(output).to.include('ADMIN_TOKEN: must be at least 32 characters in production');
      expect(output).not.to.include('short');
    });

    it('when the human check has a provider without a secret, or an unknown one, then it refuses to start naming the variable', async () => {
      const withoutSecret = await runService({ STORAGE: 'memory', CAPTCHA_PROVIDER: 'turnstile' });
      expect(withoutSecret.code).to.equal(1);
      expect(withoutSecret.output).to.include('CAPTCHA_SECRET: is required when CAPTCHA_PROVIDER is set');

      const unknown = await runService({
        STORAGE: 'memory',
        CAPTCHA_PROVIDER: 'recaptcha',
        CAPTCHA_SECRET: 'hidden-1',
      });
      expect(unknown.code).to.equal(1);
      expect(unknown.output).to.include('CAPTCHA_PROVIDER: must be turnstile or hcaptcha');
      expect(unknown.output).not.to.include('hidden-1');
    });

    it('when no admin token is configured, then it warns and serves public endpoints', async () => {
      const service = await startService({ STORAGE: 'memory' });
      try {
        expect(service.output()).to.include('ADMIN_TOKEN is not set');
        const health = await fetch(`${service.url}/health`);
        expect(health.status).to.equal(200);
        expect(await health.json()).to.deep.equal({ status: 'ok' });
      } finally {
        service.child.kill('SIGTERM');
        await service.exit();
      }
    });
  });

  describe('graceful shutdown', () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`when ${signal} arrives during a write, then the write completes, is answered, and the process exits 0`, async () => {
        const service = await startService({ STORAGE: 'memory' });
        const body = JSON.stringify({ name: 'Grace', email: 'grace@example.com', message: 'A message sent slowly.' });
        const { port, hostname } = new URL(service.url);
        const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest(
            {
              host: hostname,
              port,
              path: '/api/v1/contact',
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
            },
            (res) => {
              let text = '';
              res.on('data', (chunk: Buffer) => (text += chunk.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          req.on('error', reject);
          // Half the body now, the rest after the signal: the request is in flight when it arrives.
          req.write(body.slice(0, 10));
          setTimeout(() => {
            service.child.kill(signal);
            setTimeout(() => req.end(body.slice(10)), 200);
          }, 100);
        });
        const response = await answered;
        expect(response.status).to.equal(202);
        expect(JSON.parse(response.body).data).to.have.keys(['id', 'receivedAt']);
        expect(await service.exit()).to.equal(0);
        expect(service.output()).to.include('stopped');
      });
    }

    it('when SIGTERM arrives while clients send requests back to back on kept-alive connections, then none loses one', async () => {
      const service = await startService({
        STORAGE: 'memory',
        SEED_SAMPLE_DATA: 'true',
        ADMIN_TOKEN,
        CONTACT_RATE_LIMIT: '1000000',
      });
      const mix: [string, string, object?][] = [
        ['GET', '/api/v1/projects?limit=5'],
        ['POST', '/api/v1/contact', { name: 'Grace', email: 'grace@example.com', message: 'Sent while it stops.' }],
        ['PATCH', '/api/v1/projects/trailhead-route-planner', { featured: true }],
        ['GET', '/api/v1/profile'],
      ];
      let signalled = false;
      const lost: Outcome[] = [];
      const answered = new Set<number>();
      let answeredAfterSignal = 0;
      // Each client sends its next request as soon as the last is answered, until the service refuses to connect.
      const client = async (index: number) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        for (let n = index; ; n++) {
          const [method, path, body] = mix[n % mix.length]!;
          const outcome = await attempt(service.url, agent, method, path, body);
          if (outcome.error === 'ECONNREFUSED') break;
          if (outcome.error !== undefined) lost.push({ ...outcome, status: n });
          else if (signalled) answeredAfterSignal++;
          answered.add(index);
        }
        agent.destroy();
      };
      const clients = Array.from({ length: 16 }, (_, index) => client(index));
      // Every client under way, and some requests later, whatever the machine's load.
      while (answered.size < 16) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 100));
      signalled = true;
      service.child.kill('SIGTERM');
      await Promise.all(clients);

      expect(lost).to.deep.equal([]);
      expect(answeredAfterSignal).to.be.greaterThan(0);
      expect(await exitWithin(service, 9500)).to.equal(0);
    });

    it('when whatever read stdout has gone, then SIGTERM still ends the process, with 0, within the contract', async () => {
      const service = await startService({ STORAGE: 'memory' });
      service.child.stdout.destroy();

      service.child.kill('SIGTERM');

      expect(await exitWithin(service, 9500)).to.equal(0);
    });

    it('when stdout is not read at all, then SIGTERM still ends the process, with 0, within the contract', async () => {
      const service = await startService({ STORAGE: 'memory' });
      service.child.stdout.pause();
      // Request log lines until the pipe is full: far more than a pipe holds.
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const path = `/api/v1/projects?tag=${'x'.repeat(2000)}`;
      for (let round = 0; round < 20; round++) {
        await Promise.all(Array.from({ length: 40 }, () => attempt(service.url, agent, 'GET', path)));
      }
      agent.destroy();

      service.child.kill('SIGTERM');

      expect(await exitWithin(service, 9500)).to.equal(0);
    });

    it('when the service stops, then the log has a line for every request it answered', async () => {
      const service = await startService({ STORAGE: 'memory', SEED_SAMPLE_DATA: 'true' });
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, (_, n) => attempt(service.url, agent, 'GET', `/api/v1/projects?page=${n + 1}`)),
      );
      agent.destroy();
      expect(outcomes.every((outcome) => outcome.status === 200)).to.equal(true);

      service.child.kill('SIGTERM');
      expect(await service.exit()).to.equal(0);

      const pages = service
        .output()
        .split('\n')
        .filter((line) => line.includes('"request completed"'))
        .map((line) => (JSON.parse(line) as { path: string }).path);
      expect(pages).to.have.length(200);
    });
  });

  describe('timeouts', () => {
    it('when a client sends its headers slower than HEADERS_TIMEOUT, then 408 and the connection is closed', async () => {
      const service = await startService({ STORAGE: 'memory', HEADERS_TIMEOUT: '1', REQUEST_TIMEOUT: '1' });
      try {
        const { port, hostname } = new URL(service.url);
        const socket = connect(Number(port), hostname);
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
        await once(socket, 'close');

        expect(answer.split('\r\n')[0]).to.equal('HTTP/1.1 408 Request Timeout');
      } finally {
        service.child.kill('SIGTERM');
        await service.exit();
      }
    });
  });
});
