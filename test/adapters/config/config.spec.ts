import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../../src/adapters/config/config.js';

const LONG_TOKEN = 't'.repeat(32);

function refusalOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

const notAProxy = (entry: string) =>
  `TRUST_PROXY: '${entry}' is not an IP address, a CIDR range, loopback, linklocal or uniquelocal (true and false stand alone)`;

const problemsOf = (env: NodeJS.ProcessEnv) => refusalOf(env).problems;

const SCHEDULE = 'must be waits such as 10s,1m,5m,2h (units ms, s, m, h; each at most 720h)';
const EMAIL = {
  SMTP_URL: 'smtp://mail.example.com:25',
  NOTIFY_EMAIL_TO: 'owner@example.com',
  NOTIFY_EMAIL_FROM: 'site@example.com',
};
const EMAIL_TOGETHER =
  'is required when any of SMTP_URL, NOTIFY_EMAIL_TO, NOTIFY_EMAIL_FROM is set (email needs all three)';

describe('loadConfig', () => {
  it('when nothing is set, then the defaults of the contract', () => {
    expect(loadConfig({})).to.deep.equal({
      env: 'development',
      port: 3000,
      host: '127.0.0.1',
      storage: 'file',
      dataFile: 'data/portfolio.json',
      databaseUrl: undefined,
      adminToken: undefined,
      logLevel: 'info',
      corsOrigins: [],
      bodyLimitBytes: 102_400,
      contactRateLimit: 5,
      contactRateWindowSeconds: 600,
      redisUrl: undefined,
      trustProxy: false,
      adminTokenFailureLimit: 20,
      adminTokenFailureWindowSeconds: 600,
      seedSampleData: false,
      deliveryRetrySchedule: [10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000],
      webhookAllowPrivate: false,
      captcha: undefined,
      metricsToken: undefined,
      requestTimeoutSeconds: 20,
      headersTimeoutSeconds: 10,
      keepAliveTimeoutSeconds: 5,
    });
  });

  it('when every variable is set, then each is read', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      STORAGE: 'postgres',
      DATA_FILE: '/srv/portfolio.json',
      DATABASE_URL: 'postgresql://app@db:5432/portfolio',
      ADMIN_TOKEN: ` ${LONG_TOKEN} `,
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: 'https://me.dev, http://localhost:5173,',
      BODY_LIMIT: '1mb',
      CONTACT_RATE_LIMIT: '3',
      CONTACT_RATE_WINDOW: '60',
      REDIS_URL: 'rediss://cache:6380',
      TRUST_PROXY: 'true',
      ADMIN_TOKEN_FAILURE_LIMIT: '5',
      ADMIN_TOKEN_FAILURE_WINDOW: '3600',
      SEED_SAMPLE_DATA: 'true',
      DELIVERY_RETRY_SCHEDULE: '250ms, 2s,1m,3h',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SMTP_URL: 'smtps://mailer:p%40ss@smtp.example.com:465',
      NOTIFY_EMAIL_TO: 'owner@example.com',
      NOTIFY_EMAIL_FROM: ' portfolio@example.com ',
      CAPTCHA_PROVIDER: 'hcaptcha',
      CAPTCHA_SECRET: ' 0x0000000000000000000000000000000000000000 ',
      CAPTCHA_VERIFY_URL: 'http://127.0.0.1:9999/siteverify',
      CAPTCHA_SITE_KEY: '10000000-ffff-ffff-ffff-000000000001',
      METRICS_TOKEN: ` ${'m'.repeat(32)} `,
      REQUEST_TIMEOUT: '30',
      HEADERS_TIMEOUT: '5',
      KEEP_ALIVE_TIMEOUT: '65',
    });
    expect(config).to.deep.equal({
      env: 'production',
      port: 8080,
      host: '0.0.0.0',
      storage: 'postgres',
      dataFile: '/srv/portfolio.json',
      databaseUrl: 'postgresql://app@db:5432/portfolio',
      adminToken: LONG_TOKEN,
      logLevel: 'warn',
      corsOrigins: ['https://me.dev', 'http://localhost:5173'],
      bodyLimitBytes: 1_048_576,
      contactRateLimit: 3,
      contactRateWindowSeconds: 60,
      redisUrl: 'rediss://cache:6380',
      trustProxy: true,
      adminTokenFailureLimit: 5,
      adminTokenFailureWindowSeconds: 3600,
      seedSampleData: true,
      deliveryRetrySchedule: [250, 2000, 60_000, 10_800_000],
      webhookAllowPrivate: true,
      email: {
        smtpUrl: 'smtps://mailer:p%40ss@smtp.example.com:465',
        to: 'owner@example.com',
        from: 'portfolio@example.com',
      },
      captcha: {
        provider: 'hcaptcha',
        secret: '0x0000000000000000000000000000000000000000',
        verifyUrl: 'http://127.0.0.1:9999/siteverify',
        siteKey: '10000000-ffff-ffff-ffff-000000000001',
      },
      metricsToken: 'm'.repeat(32),
      requestTimeoutSeconds: 30,
      headersTimeoutSeconds: 5,
      keepAliveTimeoutSeconds: 65,
    });
  });

  it('when TRUST_PROXY lists proxies, then each address, CIDR range and named range is kept as written', () => {
    expect(
      loadConfig({ TRUST_PROXY: ' 10.0.0.7, 10.0.0.0/8 ,2001:db8::/32,::1, 192.168.0.0/255.255.0.0,loopback,' })
        .trustProxy,
    ).to.deep.equal(['10.0.0.7', '10.0.0.0/8', '2001:db8::/32', '::1', '192.168.0.0/255.255.0.0', 'loopback']);
  });

  it('when TRUST_PROXY is false or blank, then no peer is trusted', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).to.equal(false);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustProxy).to.equal(false);
  });

  it('when NODE_ENV is test and LOG_LEVEL is unset, then the log is silent', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).to.equal('silent');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).to.equal('debug');
  });

  it('when ADMIN_TOKEN is blank, then no token is configured', () => {
    expect(loadConfig({ ADMIN_TOKEN: '   ' }).adminToken).to.equal(undefined);
  });

  describe('bad values', () => {
    const rows: [NodeJS.ProcessEnv, string][] = [
      [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be development, test or production'],
      [{ PORT: 'eighty' }, 'PORT: must be a whole number from 0 to 65535'],
      [{ PORT: '65536' }, 'PORT: must be a whole number from 0 to 65535'],
      [{ PORT: '80.5' }, 'PORT: must be a whole number from 0 to 65535'],
      [{ HOST: '' }, 'HOST: must not be empty'],
      [{ STORAGE: 'disk' }, 'STORAGE: must be memory, file or postgres'],
      [{ DATA_FILE: '' }, 'DATA_FILE: must not be empty'],
      [{ DATABASE_URL: 'mysql://db/portfolio' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
      [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
      [
        { CORS_ORIGINS: 'https://me.dev/' },
        "CORS_ORIGINS: 'https://me.dev/' is not an origin such as https://example.com",
      ],
      [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT: must be a size such as 100kb or 1mb'],
      [{ BODY_LIMIT: '0' }, 'BODY_LIMIT: must be a size such as 100kb or 1mb'],
      [{ CONTACT_RATE_LIMIT: '0' }, 'CONTACT_RATE_LIMIT: must be a whole number from 1 to 1000000'],
      [{ CONTACT_RATE_WINDOW: '-1' }, 'CONTACT_RATE_WINDOW: must be a whole number from 1 to 31536000'],
      [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: must be a redis:// or rediss:// URL'],
      [{ TRUST_PROXY: 'yes' }, notAProxy('yes')],
      [{ TRUST_PROXY: 'true,10.0.0.1' }, notAProxy('true')],
      [{ TRUST_PROXY: '10.0.0.0/33' }, notAProxy('10.0.0.0/33')],
      [{ TRUST_PROXY: '2001:db8::/129' }, notAProxy('2001:db8::/129')],
      // ipaddr.js, under proxy-addr, reads these as 127.0.0.1; no proxy writes them.
      [{ TRUST_PROXY: '2130706433' }, notAProxy('2130706433')],
      [{ TRUST_PROXY: '0x7f000001' }, notAProxy('0x7f000001')],
      [{ ADMIN_TOKEN_FAILURE_LIMIT: '0' }, 'ADMIN_TOKEN_FAILURE_LIMIT: must be a whole number from 1 to 1000000'],
      [{ ADMIN_TOKEN_FAILURE_WINDOW: '10m' }, 'ADMIN_TOKEN_FAILURE_WINDOW: must be a whole number from 1 to 31536000'],
      [{ SEED_SAMPLE_DATA: '1' }, 'SEED_SAMPLE_DATA: must be true or false'],
      [{ REQUEST_TIMEOUT: '0' }, 'REQUEST_TIMEOUT: must be a whole number from 1 to 3600'],
      [{ HEADERS_TIMEOUT: '1.5' }, 'HEADERS_TIMEOUT: must be a whole number from 1 to 3600'],
      [{ KEEP_ALIVE_TIMEOUT: '3601' }, 'KEEP_ALIVE_TIMEOUT: must be a whole number from 1 to 3600'],
      [
        { REQUEST_TIMEOUT: '10', HEADERS_TIMEOUT: '11' },
        'HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT: the headers are part of the request',
      ],
      [
        { REQUEST_TIMEOUT: '5' },
        'HEADERS_TIMEOUT: must not be longer than REQUEST_TIMEOUT: the headers are part of the request',
      ],
      [{ STORAGE: 'postgres' }, 'DATABASE_URL: is required when STORAGE=postgres'],
      ...['', '10', '10 s', '10sec', '1d', '-5s', '1.5s', '10s,,1m', '10s,', '721h'].map(
        (value): [NodeJS.ProcessEnv, string] => [
          { DELIVERY_RETRY_SCHEDULE: value },
          `DELIVERY_RETRY_SCHEDULE: ${SCHEDULE}`,
        ],
      ),
      [{ WEBHOOK_ALLOW_PRIVATE: 'yes' }, 'WEBHOOK_ALLOW_PRIVATE: must be true or false'],
      [{ ...EMAIL, SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL: must be a smtp:// or smtps:// URL'],
      [{ ...EMAIL, SMTP_URL: 'smtp//mail' }, 'SMTP_URL: must be a smtp:// or smtps:// URL'],
      [{ ...EMAIL, NOTIFY_EMAIL_TO: 'owner' }, 'NOTIFY_EMAIL_TO: must be an email address such as owner@example.com'],
      [
        { ...EMAIL, NOTIFY_EMAIL_FROM: 'a@b@c' },
        'NOTIFY_EMAIL_FROM: must be an email address such as owner@example.com',
      ],
      [
        { NODE_ENV: 'production', ADMIN_TOKEN: 't'.repeat(31) },
        'ADMIN_TOKEN: must be at least 32 characters in production',
      ],
      [
        { NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(31) },
        'METRICS_TOKEN: must be at least 32 characters in production',
      ],
      [
        { ADMIN_TOKEN: 'same-token', METRICS_TOKEN: ' same-token ' },
        'METRICS_TOKEN: must not be the ADMIN_TOKEN: give the scraper a token of its own',
      ],
      [{ CAPTCHA_PROVIDER: 'recaptcha', CAPTCHA_SECRET: 's' }, 'CAPTCHA_PROVIDER: must be turnstile or hcaptcha'],
      [{ CAPTCHA_PROVIDER: 'turnstile' }, 'CAPTCHA_SECRET: is required when CAPTCHA_PROVIDER is set'],
      [
        { CAPTCHA_PROVIDER: 'hcaptcha', CAPTCHA_SECRET: '  ' },
        'CAPTCHA_SECRET: is required when CAPTCHA_PROVIDER is set',
      ],
      [
        { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 's', CAPTCHA_VERIFY_URL: 'ftp://127.0.0.1/siteverify' },
        'CAPTCHA_VERIFY_URL: must be a http:// or https:// URL',
      ],
      [
        { CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 's', CAPTCHA_VERIFY_URL: '127.0.0.1:8080' },
        'CAPTCHA_VERIFY_URL: must be a http:// or https:// URL',
      ],
      [{ CAPTCHA_SECRET: 's' }, 'CAPTCHA_SECRET: is set, but CAPTCHA_PROVIDER is not: set it to turnstile or hcaptcha'],
      [
        { CAPTCHA_VERIFY_URL: 'https://siteverify.example/' },
        'CAPTCHA_VERIFY_URL: is set, but CAPTCHA_PROVIDER is not: set it to turnstile or hcaptcha',
      ],
      [
        { CAPTCHA_SITE_KEY: '1x00000000000000000000AA' },
        'CAPTCHA_SITE_KEY: is set, but CAPTCHA_PROVIDER is not: set it to turnstile or hcaptcha',
      ],
    ];
    for (const [env, problem] of rows) {
      it(`when ${JSON.stringify(env)}, then "${problem}"`, () => {
        expect(problemsOf(env)).to.deep.equal([problem]);
      });
    }
  });

  it('when several variables are bad, then one error names each, the rules between variables included', () => {
    const error = refusalOf({
      PORT: 'abc',
      CORS_ORIGINS: 'me.dev,https://ok.dev,ftp://files.dev',
      TRUST_PROXY: '10.0.0.1,proxy.internal,10.0.0.0/8,300.0.0.1',
      NODE_ENV: 'production',
      ADMIN_TOKEN: 'short-secret',
      STORAGE: 'postgres',
    });

    expect(error.problems).to.have.members([
      'PORT: must be a whole number from 0 to 65535',
      "CORS_ORIGINS: 'me.dev' is not an origin such as https://example.com",
      "CORS_ORIGINS: 'ftp://files.dev' is not an origin such as https://example.com",
      notAProxy('proxy.internal'),
      notAProxy('300.0.0.1'),
      'DATABASE_URL: is required when STORAGE=postgres',
      'ADMIN_TOKEN: must be at least 32 characters in production',
    ]);
    expect(error.message).to.match(/^Invalid configuration:\n {2}- /);
    expect(error.message).not.to.include('short-secret');
  });

  it('when a variable a rule reads is itself bad, then only that variable is named', () => {
    expect(problemsOf({ STORAGE: 'postgres', DATABASE_URL: 'mysql://db' })).to.deep.equal([
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    ]);
    expect(problemsOf({ NODE_ENV: 'prod', ADMIN_TOKEN: 'short' })).to.deep.equal([
      'NODE_ENV: must be development, test or production',
    ]);
  });

  describe('the human check', () => {
    it("when a provider and its secret are set, then the check is on with the provider's own endpoint and no widget key", () => {
      expect(loadConfig({ CAPTCHA_PROVIDER: 'turnstile', CAPTCHA_SECRET: 'the-secret' }).captcha).to.deep.equal({
        provider: 'turnstile',
        secret: 'the-secret',
        verifyUrl: undefined,
        siteKey: undefined,
      });
    });

    it('when CAPTCHA_PROVIDER is blank, then the check is off', () => {
      expect(loadConfig({ CAPTCHA_PROVIDER: ' ' }).captcha).to.equal(undefined);
    });

    it('when the provider is unknown, then only it is named, and the secret is never printed', () => {
      const error = refusalOf({ CAPTCHA_PROVIDER: 'Turnstile', CAPTCHA_SECRET: 'do-not-print-me' });
      expect(error.problems).to.deep.equal(['CAPTCHA_PROVIDER: must be turnstile or hcaptcha']);
      expect(error.message).not.to.include('do-not-print-me');
    });
  });

  it('when the production token is long enough, or there is none, then production starts', () => {
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: LONG_TOKEN }).adminToken).to.equal(LONG_TOKEN);
    expect(loadConfig({ NODE_ENV: 'production' }).adminToken).to.equal(undefined);
  });

  describe('email and deliveries', () => {
    it('when the three email variables are set, then email is configured; when none is, it is not', () => {
      expect(loadConfig(EMAIL).email).to.deep.equal({
        smtpUrl: 'smtp://mail.example.com:25',
        to: 'owner@example.com',
        from: 'site@example.com',
      });
      expect(loadConfig({})).not.to.have.property('email');
      expect(loadConfig({ SMTP_URL: '', NOTIFY_EMAIL_TO: ' ', NOTIFY_EMAIL_FROM: '' })).not.to.have.property('email');
    });

    it('when only SMTP_URL is set, then start-up names each of the two missing variables', () => {
      expect(problemsOf({ SMTP_URL: EMAIL.SMTP_URL })).to.deep.equal([
        `NOTIFY_EMAIL_TO: ${EMAIL_TOGETHER}`,
        `NOTIFY_EMAIL_FROM: ${EMAIL_TOGETHER}`,
      ]);
    });

    it('when only the addresses are set, then SMTP_URL is named', () => {
      const { SMTP_URL: _url, ...addresses } = EMAIL;
      expect(problemsOf(addresses)).to.deep.equal([`SMTP_URL: ${EMAIL_TOGETHER}`]);
    });

    it('when SMTP_URL is bad, then the message names it without repeating it or its credentials', () => {
      const error = refusalOf({ ...EMAIL, SMTP_URL: 'https://user:hunter2@mail.example.com' });
      expect(error.problems).to.deep.equal(['SMTP_URL: must be a smtp:// or smtps:// URL']);
      expect(error.message).not.to.include('hunter2');
    });

    it('a schedule of one wait, and waits of 0 and of 720h, are accepted', () => {
      expect(loadConfig({ DELIVERY_RETRY_SCHEDULE: '0ms' }).deliveryRetrySchedule).to.deep.equal([0]);
      expect(loadConfig({ DELIVERY_RETRY_SCHEDULE: '720h' }).deliveryRetrySchedule).to.deep.equal([2_592_000_000]);
    });
  });
});
