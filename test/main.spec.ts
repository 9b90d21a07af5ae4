import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { runService, startService } from './support/process.js';

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
  });
});
