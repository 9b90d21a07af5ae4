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

const problemsOf = (env: NodeJS.ProcessEnv) => refusalOf(env).problems;

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
      seedSampleData: false,
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
      SEED_SAMPLE_DATA: 'true',
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
      seedSampleData: true,
      requestTimeoutSeconds: 30,
      headersTimeoutSeconds: 5,
      keepAliveTimeoutSeconds: 65,
    });
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
      [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY: must be true or false'],
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
      [
        { NODE_ENV: 'production', ADMIN_TOKEN: 't'.repeat(31) },
        'ADMIN_TOKEN: must be at least 32 characters in production',
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
      NODE_ENV: 'production',
      ADMIN_TOKEN: 'short-secret',
      STORAGE: 'postgres',
    });

    expect(error.problems).to.have.members([
      'PORT: must be a whole number from 0 to 65535',
      "CORS_ORIGINS: 'me.dev' is not an origin such as https://example.com",
      "CORS_ORIGINS: 'ftp://files.dev' is not an origin such as https://example.com",
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

  it('when the production token is long enough, or there is none, then production starts', () => {
    expect(loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: LONG_TOKEN }).adminToken).to.equal(LONG_TOKEN);
    expect(loadConfig({ NODE_ENV: 'production' }).adminToken).to.equal(undefined);
  });
});
