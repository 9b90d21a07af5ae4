import { maxHeaderSize } from 'node:http';
import * as v from 'valibot';
import { groupSkills } from '../../../domain/skills/skill.js';
import { sampleContent } from '../../sample/sample-content.js';
import { StoredExperienceSchema } from '../../schemas/experience.schema.js';
import { id, timestamp } from '../../schemas/fields.js';
import { StoredMessageSchema } from '../../schemas/message.schema.js';
import { StoredProfileSchema } from '../../schemas/profile.schema.js';
import { StoredProjectSchema, tag } from '../../schemas/project.schema.js';
import { StoredSkillSchema } from '../../schemas/skill.schema.js';
import { DELIVERY_STATUSES } from '../../../domain/events/delivery.js';
import { EVENT_TYPES, PING } from '../../../domain/events/event.js';
import { StoredWebhookSchema } from '../../schemas/webhook.schema.js';
import { SANE_ID } from '../middleware/request-id.js';
import {
  presentDelivery,
  presentExperience,
  presentMessage,
  presentProfile,
  presentProject,
  presentSkillGroup,
  presentWebhook,
  presentWebhookWithSecret,
} from '../presenters.js';
import { PROBLEMS } from '../problem.js';

/**
 * The public representations, as valibot schemas derived from the stored
 * ones: what a stored document guarantees, minus the storage version, with
 * every field that has a default always present (the service fills it in
 * before it stores). Presenters must produce exactly these; a test parses
 * their output with them. The examples are the sample portfolio, presented.
 */

type Entries = v.ObjectEntries;

type Optional = v.OptionalSchema<v.GenericSchema, unknown>;

/**
 * `optional(x, default)` becomes `x`, unwrapped down to a required schema:
 * after parsing, a field with a default is always there.
 */
function alwaysPresent(entries: Entries): Entries {
  return Object.fromEntries(
    Object.entries(entries).map(([key, entry]) => {
      if (entry.type !== 'optional' || (entry as Optional).default === undefined) return [key, entry];
      let schema: v.GenericSchema = entry;
      while (schema.type === 'optional') schema = (schema as Optional).wrapped;
      return [key, schema];
    }),
  );
}

function representationOf(stored: v.StrictObjectSchema<Entries, v.ErrorMessage<v.StrictObjectIssue> | undefined>) {
  const { version: _version, ...entries } = stored.entries;
  return v.strictObject(alwaysPresent(entries), 'Unknown field');
}

const sample = sampleContent();
/** The example as a client receives it: JSON, so without the presenters' undefined fields. */
const withExample = <S extends v.GenericSchema>(schema: S, example: unknown) =>
  v.pipe(schema, v.examples([JSON.parse(JSON.stringify(example))]));

export const ProfileSchema = withExample(representationOf(StoredProfileSchema), presentProfile(sample.profile!));
export const ProjectSchema = withExample(representationOf(StoredProjectSchema), presentProject(sample.projects[0]!));
export const SkillSchema = representationOf(StoredSkillSchema);
export const SkillGroupSchema = withExample(
  v.strictObject({ category: v.pipe(v.string(), v.maxLength(60)), skills: v.array(SkillSchema) }),
  presentSkillGroup(groupSkills(sample.skills)[0]!),
);
export const ExperienceSchema = withExample(
  representationOf(StoredExperienceSchema),
  presentExperience(sample.experience[0]!),
);
export const MessageSchema = withExample(
  representationOf(StoredMessageSchema),
  presentMessage({
    id: '01JD8Y3M9X0000000000000001',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    subject: 'A project',
    message: 'Hello! Could we talk about a backend for my side project?',
    status: 'new',
    receivedAt: '2026-11-25T20:17:51.000Z',
    version: 1,
  }),
);

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const NotificationSchema = v.pipe(
  v.strictObject({
    status: v.picklist(['pending', 'sent', 'failed']),
    attempts: count,
    lastError: v.nullable(v.string()),
  }),
  v.description(
    'The email to the owner about this message: `pending` until the mail server takes it, then `sent`, or `failed` once the retry schedule ran out.',
  ),
);

export const InboxMessageSchema = v.strictObject({
  ...representationOf(StoredMessageSchema).entries,
  notification: v.pipe(
    v.nullable(NotificationSchema),
    v.description('`null` when email to the owner is not configured, or none was made for this message.'),
  ),
});

const exampleWebhook = {
  id: '01JD8Y3M9X0000000000000002',
  url: 'https://api.netlify.com/build_hooks/5f1c0ffee0123456789abcde',
  events: ['content.changed' as const],
  description: 'Rebuild the site',
  debounceSeconds: 60,
  active: true,
  secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
  createdAt: '2026-11-25T20:17:51.000Z',
  updatedAt: '2026-11-25T20:17:51.000Z',
  version: 1,
};

const { secret: _secret, ...webhookEntries } = representationOf(StoredWebhookSchema).entries;
/** A webhook as every read shows it: never its secret. */
export const WebhookSchema = withExample(
  v.strictObject(webhookEntries, 'Unknown field'),
  presentWebhook(exampleWebhook),
);
/** The answer to create and rotate-secret: the one time the secret is shown. */
export const WebhookWithSecretSchema = withExample(
  representationOf(StoredWebhookSchema),
  presentWebhookWithSecret(exampleWebhook),
);

export const DeliverySchema = withExample(
  v.strictObject({
    id,
    event: v.strictObject({ id, type: v.picklist([...EVENT_TYPES, PING]) }),
    status: v.picklist(DELIVERY_STATUSES),
    attempts: count,
    createdAt: timestamp,
    nextAttemptAt: v.pipe(v.nullable(timestamp), v.description('When it is due; `null` once delivered or failed.')),
    deliveredAt: v.nullable(timestamp),
    lastAttempt: v.nullable(
      v.strictObject({
        at: timestamp,
        statusCode: v.pipe(
          v.nullable(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))),
          v.description("The receiver's status; `null` when none came back (timeout, refused connection)."),
        ),
        error: v.nullable(v.string()),
        durationMs: count,
      }),
    ),
  }),
  presentDelivery({
    id: '01JD8Y3M9X0000000000000003',
    target: { kind: 'webhook', webhookId: exampleWebhook.id },
    event: { id: '01JD8Y3M9X0000000000000004', type: 'content.changed' },
    timestamp: '2026-11-25T20:17:51.000Z',
    data: { changes: [] },
    status: 'pending',
    attempts: 1,
    createdAt: '2026-11-25T20:17:51.000Z',
    nextAttemptAt: '2026-11-25T20:18:51.000Z',
    deliveredAt: null,
    lastAttempt: { at: '2026-11-25T20:18:01.000Z', statusCode: 503, error: null, durationMs: 120 },
    failures: 1,
  }),
);

export const TagCountSchema = withExample(v.strictObject({ tag, count }), { tag: 'open-source', count: 3 });

export const PortfolioSchema = v.strictObject({
  /** `null` until the owner has written a profile. */
  profile: v.nullable(ProfileSchema),
  projects: v.array(ProjectSchema),
  skills: v.array(SkillGroupSchema),
  experience: v.array(ExperienceSchema),
});

export const ContactReceiptSchema = v.strictObject({ id, receivedAt: timestamp });

export const PageMetaSchema = v.strictObject({
  page: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100)),
  total: count,
  totalPages: count,
});

export const HealthSchema = v.strictObject({ status: v.literal('ok') });
export const ReadySchema = v.strictObject({
  status: v.literal('ready'),
  degraded: v.optional(
    v.pipe(
      v.array(v.picklist(['rate-limit', 'data-file'])),
      v.description(
        'Present while the service works without something it normally uses: `rate-limit` while Redis is ' +
          'unreachable, when the contact-form limit is counted by each instance on its own; `data-file` while ' +
          'the data file is an invalid hand edit, when the last good content is served and admin writes answer ' +
          '`503` until the file is fixed.',
      ),
    ),
  ),
});

/** The OpenAPI document itself, loosely: its own schema is the OpenAPI 3.1 specification. */
export const OpenApiDocumentSchema = v.looseObject({
  openapi: v.literal('3.1.0'),
  info: v.looseObject({}),
  paths: v.record(v.pipe(v.string(), v.maxLength(200)), v.looseObject({})),
});

/** Anything a request line can carry is bounded by Node's header limit, which counts the request line. */
const requestText = v.pipe(v.string(), v.maxLength(maxHeaderSize));

export const FieldIssueSchema = v.strictObject({
  /** The dotted path of the field; empty for the body as a whole; the header's name for a header (`If-Match`). */
  path: v.string(),
  message: v.string(),
});

const kinds = Object.keys(PROBLEMS) as (keyof typeof PROBLEMS)[];

/** RFC 9457 problem details, as every error of every layer is answered. */
export const ProblemSchema = v.strictObject({
  type: v.picklist(kinds.map((kind) => `/problems/${kind}`)),
  title: v.picklist([...new Set(kinds.map((kind) => PROBLEMS[kind].title))]),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  detail: v.string(),
  /** The request's path; absent only when Node's HTTP parser refused the request before its path was known. */
  instance: v.optional(requestText),
  requestId: v.pipe(v.string(), v.maxLength(128), v.regex(SANE_ID)),
  /** Present for validation problems: every failing field. */
  errors: v.optional(v.array(FieldIssueSchema)),
  problems: v.optional(
    v.pipe(
      v.array(v.string()),
      v.description(
        'Present on a `503` to an admin while the data file is an invalid hand edit: what is wrong with it, ' +
          'as the log lists it (`not valid JSON: … (line 3, column 5)`, `projects.1.slug: Must be lowercase …`).',
      ),
    ),
  ),
});
