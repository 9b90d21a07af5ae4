import bytes from 'bytes';
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';
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
  /** `true`: every peer is a proxy; a list: these addresses and ranges are (see docs/operations.md). */
  readonly trustProxy: boolean | readonly string[];
  /** Wrong admin tokens from one client address per window before its wrong tokens get 429. */
  readonly adminTokenFailureLimit: number;
  readonly adminTokenFailureWindowSeconds: number;
  /** Fill an empty memory or PostgreSQL storage with the sample portfolio at start-up. */
  readonly seedSampleData: boolean;
  /** Milliseconds to wait before each retry of a webhook or email delivery. */
  readonly deliveryRetrySchedule: readonly number[];
  /** Webhooks may target loopback and private addresses, and use http (development, tests). */
  readonly webhookAllowPrivate: boolean;
  /** Contact messages are emailed to the owner when all three variables are set. */
  readonly email?: EmailConfig;
  /** The contact form's human check; absent while CAPTCHA_PROVIDER is not set. */
  readonly captcha?: CaptchaConfig;
  /** The bearer token of `GET /metrics`; absent: metrics are off (and `/metrics` is an unknown path). */
  readonly metricsToken?: string;
  /** How long a client may take to send a whole request, from its first byte. */
  readonly requestTimeoutSeconds: number;
  /** How long a client may take to send a request's headers, from its first byte. */
  readonly headersTimeoutSeconds: number;
  /** How long an idle connection is kept open for a next request. */
  readonly keepAliveTimeoutSeconds: number;
}

export interface EmailConfig {
  /** May hold credentials: never logged. */
  readonly smtpUrl: string;
  readonly to: string;
  readonly from: string;
}

export interface CaptchaConfig {
  readonly provider: CaptchaProviderName;
  readonly secret: string;
  /** Another address for the provider's siteverify endpoint; absent: the provider's own. */
  readonly verifyUrl?: string;
  /** The widget's public key, for the contact form on `/`; absent: the page shows no widget. */
  readonly siteKey?: string;
}

export const CAPTCHA_PROVIDER_NAMES = ['turnstile', 'hcaptcha'] as const;
export type CaptchaProviderName = (typeof CAPTCHA_PROVIDER_NAMES)[number];

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

const WAIT_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
/** A wait longer than this is a typo; it also keeps every retry instant a valid date. */
const MAX_WAIT_MS = 30 * 24 * WAIT_UNITS_MS.h;
const WAIT = /^(\d{1,10})(ms|s|m|h)$/;
const SCHEDULE_MESSAGE = 'must be waits such as 10s,1m,5m,2h (units ms, s, m, h; each at most 720h)';

/** `10s,1m,5m` → milliseconds; null when any item is not a wait. */
function parseSchedule(text: string): number[] | null {
  const waits = text.split(',').map((item) => {
    const match = WAIT.exec(item.trim());
    if (!match) return null;
    const ms = Number(match[1]) * WAIT_UNITS_MS[match[2] as keyof typeof WAIT_UNITS_MS];
    return ms <= MAX_WAIT_MS ? ms : null;
  });
  return waits.every((wait) => wait !== null) ? waits : null;
}

const schedule = v.pipe(
  v.optional(v.string(), '10s,1m,5m,30m,2h,6h,12h'),
  v.transform(parseSchedule),
  v.array(v.number(), SCHEDULE_MESSAGE),
);

const address = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => (s === '' ? undefined : s)),
    v.optional(v.pipe(v.string(), v.email('must be an email address such as owner@example.com'))),
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

/** proxy-addr's names for the loopback, link-local and private ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * An address, `address/prefix` or `address/netmask` as proxy-addr reads it,
 * the address written as Node reads one: ipaddr.js, under proxy-addr, would
 * also take `2130706433` or `0x7f000001` for 127.0.0.1.
 */
function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  if (isIP(entry.split('/')[0]!) === 0) return false;
  try {
    proxyAddr.compile(entry);
    return true;
  } catch {
    return false;
  }
}

const proxies = v.pipe(
  v.optional(v.string(), 'false'),
  v.transform((s): boolean | string[] => {
    const setting = s.trim();
    if (setting === 'true' || setting === 'false' || setting === '') return setting === 'true';
    return setting
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  }),
  v.union([
    v.boolean(),
    v.array(
      v.pipe(
        v.string(),
        v.check(
          isProxyEntry,
          (issue) =>
            `'${String(issue.input)}' is not an IP address, a CIDR range, loopback, linklocal or uniquelocal (true and false stand alone)`,
        ),
      ),
    ),
  ]),
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
  TRUST_PROXY: proxies,
  ADMIN_TOKEN_FAILURE_LIMIT: integer(1, 1_000_000, '20'),
  ADMIN_TOKEN_FAILURE_WINDOW: integer(1, 31_536_000, '600'),
  SEED_SAMPLE_DATA: boolean('false'),
  DELIVERY_RETRY_SCHEDULE: schedule,
  WEBHOOK_ALLOW_PRIVATE: boolean('false'),
  // An empty value counts as unset, as for the other optional URLs' callers who blank a variable out.
  SMTP_URL: v.pipe(
    v.optional(v.string()),
    v.transform((s) => (s?.trim() === '' ? undefined : s)),
    url(['smtp:', 'smtps:']),
  ),
  NOTIFY_EMAIL_TO: address,
  NOTIFY_EMAIL_FROM: address,
  CAPTCHA_PROVIDER: v.pipe(
    optionalText,
    v.optional(v.picklist(CAPTCHA_PROVIDER_NAMES, `must be ${CAPTCHA_PROVIDER_NAMES.join(' or ')}`)),
  ),
  CAPTCHA_SECRET: optionalText,
  CAPTCHA_VERIFY_URL: url(['http:', 'https:']),
  CAPTCHA_SITE_KEY: optionalText,
  METRICS_TOKEN: optionalText,
  // A request is at most BODY_LIMIT (100 kB) of JSON: 20 s is 5 kB/s. Node's defaults (300 s for the
  // request, 60 s for its headers, checked every 30 s) held a slow client for up to 330 s.
  REQUEST_TIMEOUT: integer(1, 3600, '20'),
  HEADERS_TIMEOUT: integer(1, 3600, '10'),
  // Node's default. Behind a proxy that keeps idle connections to the service, set it above the
  // proxy's idle timeout, so that the proxy, not the service, closes them.
  KEEP_ALIVE_TIMEOUT: integer(1, 3600, '5'),
});

const EMAIL_VARIABLES = ['SMTP_URL', 'NOTIFY_EMAIL_TO', 'NOTIFY_EMAIL_FROM'] as const;

type EmailVariable = (typeof EMAIL_VARIABLES)[number];
const EMAIL_PATHS = [['SMTP_URL'], ['NOTIFY_EMAIL_TO'], ['NOTIFY_EMAIL_FROM']] as const;
const EMAIL_TOGETHER = `is required when any of ${EMAIL_VARIABLES.join(', ')} is set (email needs all three)`;

/** Email needs all three variables: each one missing while another is set is named. */
const presentIfAnyIs = (name: EmailVariable) => (e: Partial<Record<EmailVariable, string>>) =>
  e[name] !== undefined || EMAIL_VARIABLES.every((other) => e[other] === undefined);

/** What a variable of the human check that means nothing without a provider is told: refused rather than unused. */
const WITHOUT_PROVIDER = `is set, but CAPTCHA_PROVIDER is not: set it to ${CAPTCHA_PROVIDER_NAMES.join(' or ')}`;

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
  v.forward(v.partialCheck(EMAIL_PATHS, presentIfAnyIs('SMTP_URL'), EMAIL_TOGETHER), ['SMTP_URL']),
  v.forward(v.partialCheck(EMAIL_PATHS, presentIfAnyIs('NOTIFY_EMAIL_TO'), EMAIL_TOGETHER), ['NOTIFY_EMAIL_TO']),
  v.forward(v.partialCheck(EMAIL_PATHS, presentIfAnyIs('NOTIFY_EMAIL_FROM'), EMAIL_TOGETHER), ['NOTIFY_EMAIL_FROM']),
  v.forward(
    v.partialCheck(
      [['NODE_ENV'], ['METRICS_TOKEN']],
      (e) =>
        e.NODE_ENV !== 'production' ||
        e.METRICS_TOKEN === undefined ||
        e.METRICS_TOKEN.length >= MIN_PRODUCTION_TOKEN_LENGTH,
      `must be at least ${MIN_PRODUCTION_TOKEN_LENGTH} characters in production`,
    ),
    ['METRICS_TOKEN'],
  ),
  // A scraper's configuration is read by more people and systems than the owner's token should be.
  v.forward(
    v.partialCheck(
      [['ADMIN_TOKEN'], ['METRICS_TOKEN']],
      (e) => e.METRICS_TOKEN === undefined || e.METRICS_TOKEN !== e.ADMIN_TOKEN,
      'must not be the ADMIN_TOKEN: give the scraper a token of its own',
    ),
    ['METRICS_TOKEN'],
  ),
  v.forward(
    v.partialCheck(
      [['CAPTCHA_PROVIDER'], ['CAPTCHA_SECRET']],
      (e) => e.CAPTCHA_PROVIDER === undefined || e.CAPTCHA_SECRET !== undefined,
      'is required when CAPTCHA_PROVIDER is set',
    ),
    ['CAPTCHA_SECRET'],
  ),
  v.forward(
    v.partialCheck(
      [['CAPTCHA_PROVIDER'], ['CAPTCHA_SECRET']],
      (e) => e.CAPTCHA_PROVIDER !== undefined || e.CAPTCHA_SECRET === undefined,
      WITHOUT_PROVIDER,
    ),
    ['CAPTCHA_SECRET'],
  ),
  v.forward(
    v.partialCheck(
      [['CAPTCHA_PROVIDER'], ['CAPTCHA_VERIFY_URL']],
      (e) => e.CAPTCHA_PROVIDER !== undefined || e.CAPTCHA_VERIFY_URL === undefined,
      WITHOUT_PROVIDER,
    ),
    ['CAPTCHA_VERIFY_URL'],
  ),
  v.forward(
    v.partialCheck(
      [['CAPTCHA_PROVIDER'], ['CAPTCHA_SITE_KEY']],
      (e) => e.CAPTCHA_PROVIDER !== undefined || e.CAPTCHA_SITE_KEY === undefined,
      WITHOUT_PROVIDER,
    ),
    ['CAPTCHA_SITE_KEY'],
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
    adminTokenFailureLimit: e.ADMIN_TOKEN_FAILURE_LIMIT,
    adminTokenFailureWindowSeconds: e.ADMIN_TOKEN_FAILURE_WINDOW,
    seedSampleData: e.SEED_SAMPLE_DATA,
    deliveryRetrySchedule: e.DELIVERY_RETRY_SCHEDULE,
    webhookAllowPrivate: e.WEBHOOK_ALLOW_PRIVATE,
    ...(e.SMTP_URL !== undefined &&
      e.NOTIFY_EMAIL_TO !== undefined &&
      e.NOTIFY_EMAIL_FROM !== undefined && {
        email: { smtpUrl: e.SMTP_URL, to: e.NOTIFY_EMAIL_TO, from: e.NOTIFY_EMAIL_FROM },
      }),
    captcha: e.CAPTCHA_PROVIDER
      ? {
          provider: e.CAPTCHA_PROVIDER,
          secret: e.CAPTCHA_SECRET!,
          verifyUrl: e.CAPTCHA_VERIFY_URL,
          siteKey: e.CAPTCHA_SITE_KEY,
        }
      : undefined,
    metricsToken: e.METRICS_TOKEN,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT,
    headersTimeoutSeconds: e.HEADERS_TIMEOUT,
    keepAliveTimeoutSeconds: e.KEEP_ALIVE_TIMEOUT,
  };
}
