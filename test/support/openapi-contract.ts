import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type Koa from 'koa';
import {
  openApiDocument,
  type HeaderObject,
  type OpenApiDocument,
  type OperationObject,
  type ResponseObject,
} from '../../src/adapters/http/openapi/openapi.document.js';
import { recordViolations } from './openapi-violations.js';

/**
 * Checks real responses against the OpenAPI document: the operation's
 * documented statuses, media types, body schemas and headers. The harness
 * runs it on every response of the HTTP suite, so a route that answers
 * something the document does not say fails the test that caused it.
 */

// ajv-formats is CommonJS: its plugin is both `module.exports` and `module.exports.default`.
const addFormats = addFormatsModule.default;

const COMPONENTS_ID = 'urn:portfolio-api:openapi';

export interface ObservedResponse {
  readonly method: string;
  /** The request path, without the query string. */
  readonly path: string;
  readonly status: number;
  /** Lower-case names, as Node keeps them. */
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  readonly body: unknown;
  readonly hasBody: boolean;
}

export interface MatchedOperation {
  readonly method: string;
  readonly template: string;
  readonly operation: OperationObject;
}

type Ref = { $ref: string };
const isRef = (value: unknown): value is Ref => typeof value === 'object' && value !== null && '$ref' in value;

/** Component refs point into one schema registered with ajv. */
function retarget(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(retarget);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')
        ? `${COMPONENTS_ID}#/$defs/${child.slice('#/components/schemas/'.length)}`
        : retarget(child),
    ]),
  );
}

export class ResponseContract {
  private readonly ajv: Ajv2020;
  private readonly routes: { method: string; template: string; pattern: RegExp; literal: boolean }[];
  /** Compiled validators by schema object, or by target for a bare `{ $ref }` (callers build those afresh). */
  private readonly compiled = new Map<object | string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: retarget(document.components.schemas) as object });
    this.routes = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => ({
        method: method.toUpperCase(),
        template,
        literal: !template.includes('{'),
        pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      })),
    );
  }

  /** The documented operation for this method and path (HEAD is answered as GET). */
  match(method: string, path: string): MatchedOperation | undefined {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const candidates = this.routes.filter((route) => route.method === wanted && route.pattern.test(path));
    const route = candidates.find((candidate) => candidate.literal) ?? candidates[0];
    if (!route) return undefined;
    const operation = this.document.paths[route.template]![route.method.toLowerCase()]!;
    return { method: route.method, template: route.template, operation };
  }

  /** Whether some operation has this path, whatever its method. */
  knowsPath(path: string): boolean {
    return this.routes.some((route) => route.pattern.test(path));
  }

  /** Compiling is what costs (milliseconds per schema): each schema is compiled once per process. */
  validator(schema: object): ValidateFunction {
    const key = isRef(schema) && Object.keys(schema).length === 1 ? schema.$ref : schema;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(retarget(schema) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }

  /** ajv's errors of the last run of `validate`, as one line. */
  explain(validate: ValidateFunction): string {
    return this.ajv.errorsText(validate.errors);
  }

  private resolve<T>(value: T | Ref): T {
    if (!isRef(value)) return value;
    const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(value.$ref) ?? [];
    const target = (this.document.components as Record<string, Record<string, unknown>>)[kind!]?.[name!];
    if (target === undefined) throw new Error(`unresolvable ${value.$ref}`);
    return target as T;
  }

  /** Every way the response departs from the document; empty when it conforms. */
  violations(observed: ObservedResponse): string[] {
    const where = `${observed.method} ${observed.path} → ${observed.status}`;
    if (observed.method === 'OPTIONS') return []; // CORS preflight and Allow: answered by the framework for every path
    const matched = this.match(observed.method, observed.path);
    if (!matched) return this.unmatched(where, observed);
    const response = matched.operation.responses[String(observed.status)];
    if (!response) {
      const documented = Object.keys(matched.operation.responses).join(', ');
      return [
        `${where}: status ${observed.status} is not documented for ${matched.method} ${matched.template} (documented: ${documented})`,
      ];
    }
    return this.check(where, observed, this.resolve(response));
  }

  /** Unknown paths are 404s, known paths with another method 405s: problem details. */
  private unmatched(where: string, observed: ObservedResponse): string[] {
    const expected = this.knowsPath(observed.path) ? [405] : [404, 405];
    const problems: string[] = [];
    if (!expected.includes(observed.status)) {
      problems.push(`${where}: no documented operation answers ${observed.method} ${observed.path}`);
    }
    if (observed.method === 'HEAD') return problems;
    const problem = this.validator({ $ref: '#/components/schemas/Problem' });
    if (!problem(observed.body))
      problems.push(`${where}: body is not a Problem: ${this.ajv.errorsText(problem.errors)}`);
    return problems;
  }

  private check(where: string, observed: ObservedResponse, response: ResponseObject): string[] {
    const problems: string[] = [];
    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      const header = this.resolve<HeaderObject>(declared);
      const value = observed.headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`${where}: documented header ${name} is missing`);
        continue;
      }
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      const typed = header.schema.type === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
      const validate = this.validator(header.schema);
      if (!validate(typed)) problems.push(`${where}: header ${name}: ${this.ajv.errorsText(validate.errors)}`);
    }
    const contentType = String(observed.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    const content = response.content;
    if (!content) {
      if (observed.hasBody) problems.push(`${where}: documented without a body, but one was sent (${contentType})`);
      return problems;
    }
    if (observed.method === 'HEAD') return problems;
    const media = content[contentType];
    if (!media) {
      problems.push(`${where}: content type '${contentType}' is not documented (${Object.keys(content).join(', ')})`);
      return problems;
    }
    if (media.schema) {
      const validate = this.validator(media.schema);
      if (!validate(observed.body)) {
        problems.push(`${where}: body does not match the documented schema: ${this.ajv.errorsText(validate.errors)}`);
      }
    }
    return problems;
  }
}

let shared: ResponseContract | undefined;

export function responseContract(): ResponseContract {
  return (shared ??= new ResponseContract(openApiDocument()));
}

function parsedBody(ctx: Koa.Context): { body: unknown; hasBody: boolean } {
  const raw: unknown = ctx.body;
  if (raw === undefined || raw === null || ctx.status === 204 || ctx.status === 304)
    return { body: undefined, hasBody: false };
  const isJson = /json/.test(ctx.response.type);
  if (!isJson) return { body: undefined, hasBody: true };
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) return { body: JSON.parse(raw.toString()), hasBody: true };
  return { body: JSON.parse(JSON.stringify(raw)), hasBody: true };
}

/**
 * Outermost Koa middleware for tests: once the app has answered, checks the
 * answer against the document and records what departs from it.
 */
export function checkResponsesAgainstDocument(app: Koa): void {
  const contract = responseContract();
  app.middleware.unshift(async (ctx, next) => {
    try {
      await next();
    } finally {
      // The check itself must never change the answer: its own failures are recorded too.
      try {
        const { body, hasBody } = parsedBody(ctx);
        recordViolations(
          contract.violations({
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            headers: ctx.response.headers,
            body,
            hasBody,
          }),
        );
      } catch (error) {
        recordViolations([`${ctx.method} ${ctx.path} → ${ctx.status}: the check failed: ${(error as Error).message}`]);
      }
    }
  });
}
