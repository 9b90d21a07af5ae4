import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'chai';
import * as v from 'valibot';
import { schemaOf, CHECK_TRANSLATIONS } from '../../../../src/adapters/http/openapi/json-schema.js';
import {
  buildOpenApiDocument,
  COMPONENTS,
  errorStatuses,
  openApiDocument,
  type OperationObject,
} from '../../../../src/adapters/http/openapi/openapi.document.js';
import { html, route } from '../../../../src/adapters/http/route.js';
import { ROUTES as OPERATIONS } from '../../../../src/adapters/http/routes/routes.js';
import { calendarDate, httpsUrl, timestamp } from '../../../../src/adapters/schemas/fields.js';
import { ProfileInputSchema } from '../../../../src/adapters/schemas/profile.schema.js';
import { eventTypes, webhookUrl } from '../../../../src/adapters/schemas/webhook.schema.js';
import { responseContract } from '../../../support/openapi-contract.js';

const doc = openApiDocument();
const contract = responseContract();
const schemas = doc.components.schemas;

function operation(method: string, path: string): OperationObject {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`no ${method} ${path} in the document`);
  return op;
}

const BODY_TYPES = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;

/** The media type the body of an operation is documented under: JSON unless the route takes forms. */
const bodyMedia = (op: (typeof OPERATIONS)[number]) =>
  (operation(op.method, op.path).requestBody as { content: Record<string, any> }).content[
    BODY_TYPES[op.body!.media?.[0] ?? 'json']
  ];

type Param = { name: string; in: string; schema: Record<string, unknown>; required?: boolean; style?: string };
const parameter = (op: OperationObject, name: string) =>
  (op.parameters as Param[]).find((p) => p.name === name) ?? expect.fail(`no parameter ${name}`);

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).to.deep.equal([]);
    expect(result.valid).to.equal(true);
    expect(doc.openapi).to.equal('3.1.0');
  });

  it('is built the same way every time', () => {
    expect(buildOpenApiDocument()).to.deep.equal(doc);
  });

  it('names every operation once', () => {
    expect(new Set(OPERATIONS.map((op) => op.operationId)).size).to.equal(OPERATIONS.length);
  });

  describe('request bodies', () => {
    const withBody = OPERATIONS.filter((op) => op.body);

    it('every write of the contract takes a body whose schema is a component, in the media types it takes', () => {
      expect(withBody.map((op) => op.operationId)).to.have.length(15);
      for (const op of withBody) {
        const body = operation(op.method, op.path).requestBody as { required: boolean; content: Record<string, any> };
        expect(body.required, op.operationId).to.equal(true);
        expect(Object.keys(body.content), op.operationId).to.deep.equal(
          (op.body!.media ?? ['json']).map((media) => BODY_TYPES[media]),
        );
        expect(bodyMedia(op).schema.$ref, op.operationId).to.match(/^#\/components\/schemas\//);
      }
      expect(Object.keys((operation('post', '/contact').requestBody as any).content)).to.deep.equal([
        'application/x-www-form-urlencoded',
      ]);
    });

    it('are strict objects that require exactly the fields the valibot schema requires', () => {
      for (const op of withBody) {
        const schema = op.body!.schema as v.StrictObjectSchema<v.ObjectEntries, undefined>;
        const ref = bodyMedia(op).schema.$ref;
        const json = schemas[ref.split('/').pop()] as any;
        const requiredByValibot = Object.entries(schema.entries)
          .filter(([, entry]) => !v.safeParse(entry, undefined).success)
          .map(([key]) => key);
        expect(json.additionalProperties, op.operationId).to.equal(false);
        expect(Object.keys(json.properties), op.operationId).to.deep.equal(Object.keys(schema.entries));
        expect(json.required, op.operationId).to.deep.equal(requiredByValibot);
      }
    });

    it('carry the bounds, patterns, formats and defaults of the validation schemas', () => {
      const input = schemas.ProjectInput as any;
      expect(input.properties.title).to.include({ type: 'string', minLength: 1, maxLength: 120 });
      expect(input.properties.tags).to.include({ type: 'array', maxItems: 20 });
      expect(schemas.Tag).to.include({ type: 'string', minLength: 1, maxLength: 30 });
      expect(input.properties.links).to.include({ additionalProperties: false });
      expect(schemas.Slug).to.include({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
      expect(schemas.CalendarDate).to.include({ format: 'date' });
      expect(schemas.HttpsUrl).to.include({ format: 'uri', maxLength: 2048 });
      expect((schemas.SkillInput as any).properties.level).to.include({ type: 'integer', minimum: 1, maximum: 5 });
      expect((schemas.ContactInput as any).properties.message).to.include({ minLength: 10, maxLength: 5000 });
      expect((schemas.ContactInput as any).properties.email).to.include({ format: 'email', maxLength: 254 });
      const profile = schemas.ProfileInput as any;
      expect(profile.properties.links).to.include({ maxProperties: 20 });
      expect(profile.properties.availableForWork).to.include({ default: false });
      expect((schemas.MessageStatusPatch as any).properties.status.enum).to.deep.equal(['new', 'read', 'archived']);
    });
  });

  describe('query parameters', () => {
    it('carry bounds and defaults, taken from parsing an empty query', () => {
      const list = operation('get', '/api/v1/projects');
      expect(parameter(list, 'limit').schema).to.include({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
      expect(parameter(list, 'page').schema).to.include({ type: 'integer', minimum: 1, default: 1 });
      expect(parameter(list, 'sort').schema).to.include({ default: '-startedAt' });
      expect(parameter(list, 'status').schema).to.deep.include({
        enum: ['published', 'draft', 'all'],
        default: 'published',
      });
      expect(parameter(list, 'featured').schema).to.deep.include({ enum: ['true', 'false'] });
      expect(parameter(list, 'q').schema).to.include({ maxLength: 200 });
      expect(parameter(list, 'tech').schema).to.include({ minLength: 1, maxLength: 40 });
      expect(parameter(list, 'tag')).to.deep.include({ style: 'form', explode: true, required: false });
      expect(parameter(list, 'tag').schema).to.include({ type: 'array' });
      expect(parameter(list, 'tag').schema.items).to.include({ minLength: 1, maxLength: 30 });
      const messages = operation('get', '/api/v1/messages');
      expect(parameter(messages, 'status').schema).to.deep.include({ enum: ['new', 'read', 'archived'] });
      expect(parameter(messages, 'limit').schema).to.include({ maximum: 100, default: 20 });
      expect(parameter(operation('get', '/api/v1/skills'), 'category').schema).to.include({ maxLength: 60 });
    });

    it('every query parameter of every operation is optional, described, and has a schema', () => {
      for (const op of OPERATIONS.filter((o) => o.query)) {
        const params = (operation(op.method, op.path).parameters as Param[]).filter((p) => p.in === 'query');
        expect(
          params.map((p) => p.name),
          op.operationId,
        ).to.deep.equal(Object.keys(op.query!.entries));
        for (const p of params) {
          expect(p.required, `${op.operationId} ${p.name}`).to.equal(false);
          expect((p as { description?: string }).description, `${op.operationId} ${p.name}`).to.be.a('string');
        }
      }
    });
  });

  describe('responses', () => {
    it('every operation documents its success, 500, and the errors its shape implies', () => {
      for (const op of OPERATIONS) {
        const documented = Object.keys(operation(op.method, op.path).responses).map(Number);
        expect(documented, op.operationId).to.include(op.success.status);
        expect(documented, op.operationId).to.include(500);
        if (op.body) expect(documented, op.operationId).to.include.members([400, 413, 415]);
        if (op.query) expect(documented, op.operationId).to.include(400);
        if (op.access === 'admin' || op.access === 'scraper')
          expect(documented, op.operationId).to.include.members([401, 429]);
        if (documented.includes(401)) expect(documented, op.operationId).to.include(429);
        if (op.ifMatch) expect(documented, op.operationId).to.include(412);
        if (op.path.startsWith('/api/')) expect(documented, op.operationId).to.include(503);
        if (op.method === 'get' && op.path.startsWith('/api/')) expect(documented, op.operationId).to.include(304);
        const pageStatuses = op.success.kind === 'html' ? Object.keys(op.success.statuses?.documented ?? {}) : [];
        expect(
          documented.filter((s) => s >= 400),
          op.operationId,
        ).to.deep.equal([...new Set([...errorStatuses(op), ...pageStatuses.map(Number)])].sort((a, b) => a - b));
      }
    });

    it('error responses are problem details whose type is one of the kinds of that status', () => {
      const notFound = contract.validator(
        (doc.components.responses.Problem404 as any).content['application/problem+json'].schema,
      );
      const problem = { title: 'Resource not found', detail: 'x', instance: '/x', requestId: 'r-1' };
      expect(notFound({ ...problem, type: '/problems/not-found', status: 404 })).to.equal(true);
      expect(notFound({ ...problem, type: '/problems/conflict', status: 404 })).to.equal(false);
      expect(notFound({ ...problem, type: '/problems/not-found', status: 404, stack: 'at x' })).to.equal(false);
    });

    it('admin operations require the bearer scheme; public ones say they need none', () => {
      expect(doc.components.securitySchemes.adminToken).to.include({ type: 'http', scheme: 'bearer' });
      for (const op of OPERATIONS) {
        const { security } = operation(op.method, op.path);
        const expected = {
          admin: [{ adminToken: [] }],
          public: [{}],
          'public-or-admin': [{}, { adminToken: [] }],
          scraper: [{ metricsToken: [] }],
        };
        expect(security, op.operationId).to.deep.equal(expected[op.access]);
      }
      const writes = OPERATIONS.filter((op) => op.method !== 'get');
      expect(writes.filter((op) => op.access !== 'admin').map((op) => op.operationId)).to.deep.equal([
        'submitContactMessage',
        'submitContactForm',
      ]);
    });

    it('a page for people is documented as HTML with its ETag and 304, like the API reads', () => {
      const page = route({
        operationId: 'getGreetingPage',
        method: 'get',
        path: '/greeting',
        tag: 'Portfolio',
        summary: 'A page',
        access: 'public',
        success: html((name: string) => `<p>${name}</p>`),
        errors: [],
        storage: false,
        handle: () => 'Ada',
      });
      const get = buildOpenApiDocument([...OPERATIONS, page]).paths['/greeting']!.get!;
      const ok = get.responses['200'] as any;
      expect(Object.keys(ok.content)).to.deep.equal(['text/html']);
      expect(Object.keys(ok.headers)).to.include('ETag');
      expect(get.responses['304']).to.deep.equal({ $ref: '#/components/responses/NotModified' });
      expect(get.parameters).to.deep.include({ $ref: '#/components/parameters/IfNoneMatch' });
    });

    it('a page that answers a form documents each of its statuses as the page, or problem details where it may be an error too', () => {
      const post = operation('post', '/contact');
      const ok = post.responses['200'] as any;
      expect(Object.keys(ok.content)).to.deep.equal(['text/html']);
      expect(Object.keys(ok.headers)).to.include('Content-Security-Policy').and.not.include('ETag');
      const invalid = post.responses['400'] as any;
      expect(Object.keys(invalid.content)).to.deep.equal(['application/problem+json', 'text/html']);
      const limited = post.responses['429'] as any;
      expect(Object.keys(limited.content)).to.deep.equal(['text/html']);
      expect(limited.headers['Retry-After']).to.deep.equal({ $ref: '#/components/headers/Retry-After' });
      const unavailable = post.responses['503'] as any;
      expect(Object.keys(unavailable.content)).to.deep.equal(['application/problem+json', 'text/html']);
      expect(unavailable.headers['Retry-After']).to.include({ required: false });
      expect(post.responses['413']).to.deep.equal({ $ref: '#/components/responses/Problem413' });
    });

    it('paged lists document Link and X-Total-Count; created resources Location; 429 Retry-After; 401 WWW-Authenticate', () => {
      const list = operation('get', '/api/v1/projects').responses['200'] as any;
      expect(Object.keys(list.headers)).to.include.members(['Link', 'X-Total-Count', 'ETag', 'X-Request-Id']);
      expect(Object.keys((operation('post', '/api/v1/projects').responses['201'] as any).headers)).to.include(
        'Location',
      );
      expect(Object.keys((doc.components.responses.Problem429 as any).headers)).to.include('Retry-After');
      expect(Object.keys((doc.components.responses.Problem401 as any).headers)).to.include('WWW-Authenticate');
    });
  });

  describe('examples', () => {
    it('every component example validates against its component', () => {
      let count = 0;
      for (const [name, schema] of Object.entries(schemas)) {
        for (const example of (schema as { examples?: unknown[] }).examples ?? []) {
          const validate = contract.validator({ $ref: `#/components/schemas/${name}` });
          expect(validate(example), `${name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
          expect(v.safeParse(COMPONENTS[name]!, example).success, name).to.equal(true);
          count += 1;
        }
      }
      expect(count).to.be.greaterThan(5);
    });

    it('every request example is accepted by the valibot schema and the JSON schema', () => {
      for (const op of OPERATIONS.filter((o) => o.body)) {
        const result = v.safeParse(op.body!.schema, op.body!.example);
        expect(result.success, `${op.operationId}: ${JSON.stringify(result.issues)}`).to.equal(true);
        const media = bodyMedia(op);
        const validate = contract.validator(media.schema);
        expect(validate(media.example), `${op.operationId}: ${JSON.stringify(validate.errors)}`).to.equal(true);
      }
    });

    it('every path parameter example is accepted by its schema', () => {
      for (const op of OPERATIONS) {
        for (const [name, p] of Object.entries(op.pathParameters ?? {})) {
          expect(v.safeParse(p.schema, p.example).success, `${op.operationId} ${name}`).to.equal(true);
        }
      }
    });
  });

  describe('the JSON Schema words for check predicates', () => {
    const profileLinks = (ProfileInputSchema.entries.links as v.OptionalSchema<v.GenericSchema, unknown>).wrapped;
    const cases: [string, v.GenericSchema, string, unknown[]][] = [
      [
        'https URL',
        httpsUrl,
        'HttpsUrl',
        [
          'https://example.com',
          'HTTPS://example.com/x?y#z',
          'http://example.com',
          'https://',
          'ftp://x',
          'example.com',
          '',
        ],
      ],
      [
        'calendar date',
        calendarDate,
        'CalendarDate',
        ['2024-02-29', '2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', ''],
      ],
      // Not '2026-02-30T…': Date.parse rolls it over to March, so the predicate accepts it where `date-time` does not.
      [
        'timestamp',
        timestamp,
        'Timestamp',
        [
          '2026-11-25T20:17:51.000Z',
          '2026-11-25T20:17:51Z',
          '2026-11-25T20:17:51.000+01:00',
          '2026-13-01T00:00:00.000Z',
        ],
      ],
    ];

    for (const [name, schema, component, samples] of cases) {
      it(`${name}: the document and the predicate agree on every sample`, () => {
        const validate = contract.validator({ $ref: `#/components/schemas/${component}` });
        for (const sample of samples) {
          expect(validate(sample), `${name} ${JSON.stringify(sample)}`).to.equal(v.safeParse(schema, sample).success);
        }
      });
    }

    it('webhook URLs and event types: the document and the predicates agree on every sample', () => {
      const input = (schemas.WebhookInput as any).properties;
      const url = contract.validator(input.url);
      for (const sample of ['https://example.com/hook', 'HTTP://x/y', 'ftp://x', 'https://', 'https:///x', 'x', '']) {
        expect(url(sample), JSON.stringify(sample)).to.equal(v.safeParse(webhookUrl, sample).success);
      }
      const events = contract.validator(input.events);
      const lists = [
        ['content.changed'],
        ['content.changed', 'contact.received'],
        ['content.changed', 'content.changed'],
      ];
      for (const sample of [...lists, [], ['x']]) {
        expect(events(sample), JSON.stringify(sample)).to.equal(v.safeParse(eventTypes, sample).success);
      }
    });

    it('profile links: at most 20, in both', () => {
      const validate = contract.validator((schemas.ProfileInput as any).properties.links);
      for (const n of [0, 20, 21]) {
        const links = Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, `https://x.dev/${i}`]));
        expect(validate(links), String(n)).to.equal(v.safeParse(profileLinks, links).success);
      }
    });

    it('a check without a translation fails the build of the document instead of vanishing from it', () => {
      expect(CHECK_TRANSLATIONS.size).to.equal(6);
      const untranslated = v.pipe(
        v.string(),
        v.maxLength(10),
        v.check((s) => s !== 'x', 'Must not be x'),
      );
      expect(() => schemaOf(untranslated, {})).to.throw(/check/);
    });
  });
});
