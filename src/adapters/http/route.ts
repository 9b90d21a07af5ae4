import type * as v from 'valibot';
import type { ContactService } from '../../application/contact.service.js';
import type { ExperienceService } from '../../application/experience.service.js';
import type { MessageService } from '../../application/message.service.js';
import type { NotificationService } from '../../application/notification.service.js';
import type { PortfolioService } from '../../application/portfolio.service.js';
import type { ProfileService } from '../../application/profile.service.js';
import type { ProjectService } from '../../application/project.service.js';
import type { SkillService } from '../../application/skill.service.js';
import type { WebhookService } from '../../application/webhook.service.js';
import type { Page } from '../../domain/shared/page.js';
import type { Precondition } from '../../domain/shared/precondition.js';
import type { HttpMetrics } from './metrics.js';
import type { BodyMedia } from './middleware/request-body.js';
import type { PageSettings } from './pages/page-settings.js';
import type { Readiness } from './readiness.js';
import type { AppContext } from './state.js';

/**
 * A route, declared once: what the router registers (`router.ts`), what the
 * response path sends (`response.ts`) and what the OpenAPI document says
 * (`openapi/openapi.document.ts`) all come from the same declaration. Statuses
 * that follow from its shape are added by the document's builder (a body: 400,
 * 413, 415; admin: 401; If-Match: 409, 412; storage: 503; always 500);
 * `errors` lists only the others.
 */

export type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

export type Tag =
  | 'Portfolio'
  | 'Profile'
  | 'Projects'
  | 'Skills'
  | 'Experience'
  | 'Contact'
  | 'Messages'
  | 'Webhooks'
  | 'Operations'
  | 'Documentation'
  | 'Pages';

/**
 * `public-or-admin`: works without a token; a valid one shows more (drafts).
 * `scraper`: only with the metrics token (`/metrics`).
 */
export type Access = 'public' | 'admin' | 'public-or-admin' | 'scraper';

/** The application's services: what route handlers call. */
export interface Services {
  readonly profile: ProfileService;
  readonly projects: ProjectService;
  readonly skills: SkillService;
  readonly experience: ExperienceService;
  readonly portfolio: PortfolioService;
  readonly contact: ContactService;
  readonly messages: MessageService;
  readonly notifications: NotificationService;
  readonly webhooks: WebhookService;
}

/** What a handler may use besides its request: the services, and what the operational routes read. */
export interface RouteDependencies extends Services {
  readonly readiness: Readiness;
  /** Absent while metrics are off: `/metrics` is then not routed at all. */
  readonly metrics?: HttpMetrics;
  /** The OpenAPI document, built on its first request. */
  readonly openApiDocument: () => Promise<object>;
  /** What the pages for people are made with: their built assets and the human-check widget. */
  readonly pages: PageSettings;
}

/** How a value is sent as JSON (`present`) and how the document shows it (`schema`). */
export interface Representation<T> {
  readonly schema: v.GenericSchema;
  readonly present: (value: T) => unknown;
}

/** `{ data: present(value) }`, with the ETag a GET of it carries (on writes too). */
export interface ResourceSuccess<T> extends Representation<T> {
  readonly status: 200 | 201;
  readonly kind: 'resource';
  /** For a 201: the URL of what was created. */
  readonly location?: (value: T) => string;
  /**
   * What a GET of the resource sends, when this answer shows more (a secret,
   * shown once): the answer carries that one's ETag, so that If-Match works.
   */
  readonly readBack?: Representation<T>;
}

/** `{ data: [present(item)…], meta }` with X-Total-Count and Link. */
export interface PageSuccess<T> extends Representation<T> {
  readonly status: 200;
  readonly kind: 'page';
}

/** `{ data: [present(item)…] }`: a small collection, whole. */
export interface CollectionSuccess<T> extends Representation<T> {
  readonly status: 200;
  readonly kind: 'collection';
}

/** `{ data: present(value) }` for something that has no URL of its own, so no ETag. */
export interface ReceiptSuccess<T> extends Representation<T> {
  readonly status: 202;
  readonly kind: 'receipt';
}

/** The value itself, as JSON. */
export interface PlainSuccess {
  readonly status: 200;
  readonly kind: 'plain';
  readonly schema: v.GenericSchema;
}

export interface EmptySuccess {
  readonly status: 204;
  readonly kind: 'empty';
}

/** Bytes the handler made, of one of these media types (`Content`). */
export interface ContentSuccess {
  readonly status: 200;
  readonly kind: 'content';
  readonly mediaTypes: readonly string[];
}

/** A page for people: `render(value)` is its HTML, kept while the value is the same. */
export interface HtmlSuccess<T> {
  readonly status: 200;
  readonly kind: 'html';
  readonly render: (value: T) => string;
  /** For a page that is also the answer to a refused form: its other statuses. */
  readonly statuses?: PageStatuses<T>;
}

/**
 * A page that answers a form says what happened, and its status says it too:
 * the same page with the visitor's mistakes marked is a 400, with "too many
 * messages" a 429 and its Retry-After.
 */
export interface PageStatuses<T> {
  /** The status of the page made of this value, and the headers that go with it. */
  readonly of: (value: T) => { readonly status: number; readonly headers?: Readonly<Record<string, string>> };
  /** Every status `of` gives besides 200, with what the page then says: for the document. */
  readonly documented: Readonly<Record<number, string>>;
}

/** A non-JSON body and its `Content-Type`. */
export interface Content {
  readonly body: Buffer | string;
  readonly type: string;
}

export type Success =
  | ResourceSuccess<never>
  | PageSuccess<never>
  | CollectionSuccess<never>
  | ReceiptSuccess<never>
  | PlainSuccess
  | EmptySuccess
  | ContentSuccess
  | HtmlSuccess<never>;

/** What a handler returns for each kind of success. */
export type ResultOf<S> =
  S extends ResourceSuccess<infer T>
    ? T
    : S extends PageSuccess<infer T>
      ? Page<T>
      : S extends CollectionSuccess<infer T>
        ? readonly T[]
        : S extends ReceiptSuccess<infer T>
          ? T
          : S extends HtmlSuccess<infer T>
            ? T
            : S extends EmptySuccess
              ? void
              : S extends ContentSuccess
                ? Content
                : unknown;

export const resource = <T>(of: Representation<T>, readBack?: Representation<T>): ResourceSuccess<T> => ({
  status: 200,
  kind: 'resource',
  ...of,
  ...(readBack && { readBack }),
});
export const created = <T>(
  of: Representation<T>,
  location: (value: T) => string,
  readBack?: Representation<T>,
): ResourceSuccess<T> => ({
  status: 201,
  kind: 'resource',
  ...of,
  location,
  ...(readBack && { readBack }),
});
export const page = <T>(of: Representation<T>): PageSuccess<T> => ({ status: 200, kind: 'page', ...of });
export const collection = <T>(of: Representation<T>): CollectionSuccess<T> => ({
  status: 200,
  kind: 'collection',
  ...of,
});
export const receipt = <T>(of: Representation<T>): ReceiptSuccess<T> => ({ status: 202, kind: 'receipt', ...of });
export const plain = (schema: v.GenericSchema): PlainSuccess => ({ status: 200, kind: 'plain', schema });
export const NO_CONTENT: EmptySuccess = { status: 204, kind: 'empty' };
export const content = (...mediaTypes: string[]): ContentSuccess => ({ status: 200, kind: 'content', mediaTypes });
export const html = <T>(render: (value: T) => string, statuses?: PageStatuses<T>): HtmlSuccess<T> => ({
  status: 200,
  kind: 'html',
  render,
  ...(statuses ? { statuses } : {}),
});

/**
 * How long others may keep an answer. `conditional`, the default for a GET:
 * an ETag and `304` for a matching If-None-Match, `public, max-age=60` for the
 * public and `no-store` for an admin, `Vary: Authorization`. Every other
 * method is `no-store`.
 */
export type CachePolicy =
  | 'conditional'
  | 'no-store'
  | 'no-cache'
  /** `immutable`: the URL names this content only (a fingerprinted asset), so it never needs revalidating. */
  | { readonly publicMaxAgeSeconds: number; readonly immutable?: true };

export interface PathParameter {
  readonly schema: v.GenericSchema;
  readonly description: string;
  readonly example: string;
}

export type QuerySchema = v.ObjectSchema<v.ObjectEntries, undefined>;

export interface RequestBody<S extends v.GenericSchema> {
  readonly schema: S;
  readonly example: unknown;
  /** Fields the resource sets itself: sending one is a 400 that says so. */
  readonly readOnly?: readonly string[];
  /** The media types it may come in; JSON unless said. */
  readonly media?: readonly BodyMedia[];
}

/** What a handler gets: the request, already authorised and validated. */
export interface RouteRequest<P extends string, Q extends QuerySchema, B extends v.GenericSchema, M> {
  /** For what the request says (its address, its state); the response is the handler's return value. */
  readonly ctx: AppContext;
  readonly params: Readonly<Record<P, string>>;
  readonly query: v.InferOutput<Q>;
  readonly body: v.InferOutput<B>;
  /** The client's If-Match, as a condition on the current entity; undefined when it sent none. */
  readonly ifMatch: Precondition<M> | undefined;
}

export interface RouteDeclaration<
  P extends string,
  Q extends QuerySchema,
  B extends v.GenericSchema,
  M,
  S extends Success,
> {
  readonly operationId: string;
  readonly method: Method;
  /** OpenAPI path template: `/api/v1/projects/{slug}`. */
  readonly path: string;
  readonly tag: Tag;
  readonly summary: string;
  readonly description?: string;
  readonly access: Access;
  /** A check of its own after `access`, before the query and body are read. */
  readonly authorize?: (ctx: AppContext) => void;
  readonly pathParameters?: Readonly<Record<P, PathParameter>>;
  readonly query?: Q;
  /** What each query parameter means; its type, bounds and default come from `query`. */
  readonly queryDescriptions?: Readonly<Record<string, string>>;
  readonly body?: RequestBody<B>;
  /** Honours If-Match on the current representation (412 on mismatch), the one a GET of it sends. */
  readonly ifMatch?: Representation<M>;
  readonly success: S;
  readonly errors: readonly number[];
  /** Whether it reads or writes storage, and so can answer 503. */
  readonly storage: boolean;
  readonly cache?: CachePolicy;
  /**
   * Response headers of every success: a value, or one made of the
   * dependencies (a page's Content-Security-Policy, which names the
   * configured human-check provider).
   */
  readonly headers?: Readonly<Record<string, string | ((dependencies: RouteDependencies) => string)>>;
  readonly handle: (
    request: RouteRequest<P, Q, B, M>,
    dependencies: RouteDependencies,
  ) => Promise<ResultOf<S>> | ResultOf<S>;
}

/** A declared route, its types erased so that routes of every kind fit in one list. */
export type Route = RouteDeclaration<string, QuerySchema, v.GenericSchema, never, Success>;

/**
 * Declares a route. The type parameters are inferred from the declaration, so
 * that the handler's request (path parameters, query, body, If-Match) and its
 * return value are typed by what the declaration says.
 */
export function route<
  P extends string = never,
  Q extends QuerySchema = QuerySchema,
  B extends v.GenericSchema = v.GenericSchema,
  M = never,
  S extends Success = Success,
>(declaration: RouteDeclaration<P, Q, B, M, S>): Route {
  return declaration as unknown as Route;
}

/** A GET whose answer carries an ETag and may be a 304: every GET whose declaration does not say otherwise. */
export const isConditionalRead = (route: Pick<Route, 'method' | 'cache'>): boolean =>
  route.method === 'get' && (route.cache ?? 'conditional') === 'conditional';
