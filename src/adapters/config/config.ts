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

const EnvSchema = v.object({
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
  CORS_ORIGINS: v.optional(v.string(), ''),
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
});

/** Reads the environment; every bad variable is named at once. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = v.safeParse(EnvSchema, env, { abortEarly: false });
  if (!result.success) {
    throw new ConfigError(result.issues.map((issue) => `${v.getDotPath(issue)}: ${issue.message}`));
  }
  const e = result.output;
  const problems: string[] = [];
  const corsOrigins = e.CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS: '${origin}' is not an origin such as https://example.com`);
  }
  if (e.STORAGE === 'postgres' && !e.DATABASE_URL) problems.push('DATABASE_URL: is required when STORAGE=postgres');
  if (
    e.NODE_ENV === 'production' &&
    e.ADMIN_TOKEN !== undefined &&
    e.ADMIN_TOKEN.length < MIN_PRODUCTION_TOKEN_LENGTH
  ) {
    problems.push(`ADMIN_TOKEN: must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters in production`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    storage: e.STORAGE,
    dataFile: e.DATA_FILE,
    databaseUrl: e.DATABASE_URL,
    adminToken: e.ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    corsOrigins,
    bodyLimitBytes: e.BODY_LIMIT,
    contactRateLimit: e.CONTACT_RATE_LIMIT,
    contactRateWindowSeconds: e.CONTACT_RATE_WINDOW,
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    seedSampleData: e.SEED_SAMPLE_DATA,
  };
}
