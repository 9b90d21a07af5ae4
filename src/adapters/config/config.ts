import bytes from 'bytes';
import * as v from 'valibot';

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  readonly host: string;
  readonly storage: 'memory' | 'file' | 'postgres';
  readonly dataFile: string;
  readonly databaseUrl?: string;
  readonly adminToken?: string;
  readonly logLevel: string;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly contactRateLimit: number;
  readonly contactRateWindowSeconds: number;
  readonly redisUrl?: string;
  readonly trustProxy: boolean;
  /** Fill an empty memory or PostgreSQL storage with the sample portfolio at start-up. */
  readonly seedSampleData: boolean;
  /** How long a client may take to send a whole request, from its first byte. */
  readonly requestTimeoutSeconds: number;
  /** How long a client may take to send a request's headers, from its first byte. */
  readonly headersTimeoutSeconds: number;
  /** How long an idle connection is kept open for a next request. */
  readonly keepAliveTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIN_PRODUCTION_TOKEN_LENGTH = 32;

const optionalText = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (s === '' ? undefined : s)),
  ),
);

const integer = (min: number, max: number, fallback: string) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.regex(/^\d+$/, `must be a whole number from ${min} to ${max}`),
    v.transform(Number),
    v.minValue(min, `must be a whole number from ${min} to ${max}`),
    v.maxValue(max, `must be a whole number from ${min} to ${max}`),
  );

const boolean = (fallback: string) =>
  v.pipe(
    v.optional(v.string(), fallback),
    v.picklist(['true', 'false'], 'must be true or false'),
    v.transform((s) => s === 'true'),
  );

const url = (protocols: readonly string[]) =>
  v.optional(
    v.pipe(
      v.string(),
      v.check(
        (s) => {
          try {
            return protocols.includes(new URL(s).protocol);
          } catch {
            return false;
          }
        },
        `must be a ${protocols.map((p) => p.replace(':', '://')).join(' or ')} URL`,
      ),
    ),
  );

const ORIGIN = /^https?:\/\/[^/\s]+$/;

const origins = v.pipe(
  v.optional(v.string(), ''),
  v.transform((s) =>
    s
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  ),
  v.array(
    v.pipe(
      v.string(),
      v.regex(ORIGIN, (issue) => `'${issue.input}' is not an origin such as https://example.com`),
    ),
  ),
);

const Variables = v.object({
  NODE_ENV: v.optional(
    v.picklist(['development', 'test', 'production'], 'must be development, test or production'),
    'development',
  ),
  PORT: integer(0, 65535, '3000'),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), '127.0.0.1'),
  STORAGE: v.optional(v.picklist(['memory', 'file', 'postgres'], 'must be memory, file or postgres'), 'file'),
  DATA_FILE: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty')), 'data/portfolio.json'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  ADMIN_TOKEN: optionalText,
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)),
  CORS_ORIGINS: origins,
  BODY_LIMIT: v.pipe(
    v.optional(v.string(), '100kb'),
    v.transform((s) => bytes.parse(s)),
    v.number('must be a size such as 100kb or 1mb'),
    v.minValue(1, 'must be a size such as 100kb or 1mb'),
  ),
  CONTACT_RATE_LIMIT: integer(1, 1_000_000, '5'),
  CONTACT_RATE_WINDOW: integer(1, 31_536_000, '600'),
  REDIS_URL: url(['redis:', 'rediss:']),
  TRUST_PROXY: boolean('false'),
  SEED_SAMPLE_DATA: boolean('false'),
  // A request is at most BODY_LIMIT (100 kB) of JSON: 20 s is 5 kB/s. Node's defaults (300 s for the
  // request, 60 s for its headers, checked every 30 s) held a slow client for up to 330 s.
  REQUEST_TIMEOUT: integer(1, 3600, '20'),
  HEADERS_TIMEOUT: integer(1, 3600, '10'),
  // Node's default. Behind a proxy that keeps idle connections to the service, set it above the
  // proxy's idle timeout, so that the proxy, not the service, closes them.
  KEEP_ALIVE_TIMEOUT: integer(1, 3600, '5'),
});

// The rules between variables are partial checks: each runs as soon as the variables it reads
// are valid, whatever the others hold, so that one start-up names every bad variable.
const EnvSchema = v.pipe(
  Variables,
  v.forward(
    v.partialCheck(
      [['STORAGE'], ['DATABASE_URL']],
      (e) => e.STORAGE !== 'postgres' || e.DATABASE_URL !== undefined,
      'is required when STORAGE=postgres',
    ),
    ['DATABASE_URL'],
  ),
  v.forward(
    v.partialCheck(
      [['NODE_ENV'], ['ADMIN_TOKEN']],
      (e) =>
        e.NODE_ENV !== 'production' ||
        e.ADMIN_TOKEN === undefined ||
        e.ADMIN_TOKEN.length >= MIN_PRODUCTION_TOKEN_LENGTH,
      `must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters in production`,
    ),
    ['ADMIN_TOKEN'],
  ),
  v.forward(
    v.partialCheck(
      [['HEADERS_TIMEOUT'], ['REQUEST_TIMEOUT']],
      // A REQUEST_TIMEOUT out of range (still a number to valibot) is named by itself.
      (e) => e.REQUEST_TIMEOUT < 1 || e.HEADERS_TIMEOUT <= e.REQUEST_TIMEOUT,
      'must not be longer than REQUEST_TIMEOUT: the headers are part of the request',
    ),
    ['HEADERS_TIMEOUT'],
  ),
);

/** Reads the environment; every bad variable is named at once. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = v.safeParse(EnvSchema, env, { abortEarly: false });
  if (!result.success) {
    // A bad CORS origin's path ends in its index; the variable is what the owner needs to find.
    throw new ConfigError(result.issues.map((issue) => `${String(issue.path?.[0]?.key)}: ${issue.message}`));
  }
  const e = result.output;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    storage: e.STORAGE,
    dataFile: e.DATA_FILE,
    databaseUrl: e.DATABASE_URL,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    corsOrigins: e.CORS_ORIGINS,
    bodyLimitBytes: e.BODY_LIMIT,
    contactRateLimit: e.CONTACT_RATE_LIMIT,
    contactRateWindowSeconds: e.CONTACT_RATE_WINDOW,
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    seedSampleData: e.SEED_SAMPLE_DATA,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT,
    headersTimeoutSeconds: e.HEADERS_TIMEOUT,
    keepAliveTimeoutSeconds: e.KEEP_ALIVE_TIMEOUT,
  };
}
