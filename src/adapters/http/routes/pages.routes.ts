import * as v from 'valibot';
import type { ContactService } from '../../../application/contact.service.js';
import type { Portfolio } from '../../../application/portfolio.service.js';
import { HumanCheckFailedError, HumanCheckUnavailableError } from '../../../domain/messages/human-check.js';
import { RateLimitedError } from '../../../domain/shared/errors.js';
import { parseWith } from '../../schemas/issues.js';
import { ContactInputSchema } from '../../schemas/message.schema.js';
import { rateLimitKey } from '../client-address.js';
import { ContactFormSchema } from '../pages/contact-form.schema.js';
import {
  contactSubmission,
  EMPTY_CONTACT_FORM,
  invalidOutcome,
  type ContactFormState,
  type ContactFormValues,
  type ContactOutcome,
} from '../pages/contact-form.js';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../pages/content-security-policy.js';
import type { PageSettings } from '../pages/page-settings.js';
import { renderPortfolioPage, type PortfolioPageOptions } from '../pages/portfolio-page.js';
import { HttpProblem } from '../problem.js';
import { content, html, route, type RouteDependencies } from '../route.js';

/** Everything the portfolio page is made of: comparing two of these tells whether the page changed. */
interface PortfolioPage {
  readonly content: Portfolio;
  readonly form: ContactFormState;
  readonly options: PortfolioPageOptions;
}

/** How a form sent without JavaScript can end; `failed` is the browser's own, when it cannot reach the service. */
type FormOutcome = Exclude<ContactOutcome, { kind: 'failed' }>;

interface AnsweredForm extends PortfolioPage {
  readonly form: { readonly values: ContactFormValues; readonly outcome: FormOutcome };
}

const renderPage = (page: PortfolioPage): string => renderPortfolioPage(page.content, page.form, page.options);

const FORM_STATUSES: Readonly<Record<FormOutcome['kind'], number>> = {
  sent: 200,
  invalid: 400,
  'captcha-failed': 400,
  'rate-limited': 429,
  unavailable: 503,
};

const pageOptions = ({ web, captcha }: PageSettings): PortfolioPageOptions => ({
  assets: web().manifest.portfolio,
  ...(captcha ? { captcha } : {}),
});

const PORTFOLIO_HEADERS = { 'Content-Security-Policy': ({ pages }: RouteDependencies) => pages.portfolioPolicy };

/** A fingerprinted file: its name changes with its content, so a browser may keep it for a year. */
const FOREVER = { publicMaxAgeSeconds: 365 * 24 * 60 * 60, immutable: true } as const;

const assetFile = {
  schema: v.pipe(
    v.string(),
    v.maxLength(200),
    v.regex(/^[\w.-]+$/, 'Must be the name of a built asset'),
    v.description('A fingerprinted file name, as the pages name it.'),
  ),
  description: 'The asset: a fingerprinted name, as the page names it.',
};

/**
 * The pages for people: the portfolio at `/` with its contact form, which
 * works without JavaScript (`POST /contact`), the owner's console at `/admin`,
 * and their built assets. They are a second driving adapter beside the API:
 * rendered from the same services, never by calling the API over HTTP.
 */
export const PAGE_ROUTES = [
  route({
    operationId: 'getPortfolioPage',
    method: 'get',
    path: '/',
    tag: 'Pages',
    summary: 'The portfolio, as a page',
    description:
      'The content of `/api/v1/portfolio` as an HTML page, with a contact form that works without JavaScript. It loads nothing from another host (with `CAPTCHA_SITE_KEY` set, but the human-check widget).',
    access: 'public',
    success: html(renderPage),
    errors: [],
    storage: true,
    headers: PORTFOLIO_HEADERS,
    handle: async (_, { portfolio, pages }): Promise<PortfolioPage> => ({
      content: await portfolio.get(),
      form: EMPTY_CONTACT_FORM,
      options: pageOptions(pages),
    }),
  }),
  route({
    operationId: 'submitContactForm',
    method: 'post',
    path: '/contact',
    tag: 'Pages',
    summary: 'Send a message with the form of the portfolio page',
    description:
      'What the contact form on `/` posts when the browser runs no script: the same message, rules and rate limit as `POST /api/v1/contact` (one count for both), answered with the page. It says how the attempt ended and keeps what was typed: `200` sent, `400` a field is wrong (marked beside it) or the human check failed, `429` too many messages, `503` the human check could not be made. A field the form does not have is refused with problem details, as the API refuses one.',
    access: 'public',
    body: {
      schema: ContactFormSchema,
      media: ['form'],
      example: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        subject: '',
        message: 'Hello! Could we talk about a backend for my side project?',
        website: '',
      },
    },
    success: html(renderPage, {
      of: ({ form: { outcome } }: AnsweredForm) => ({
        status: FORM_STATUSES[outcome.kind],
        ...('retryAfterSeconds' in outcome && outcome.retryAfterSeconds !== undefined
          ? { headers: { 'Retry-After': String(outcome.retryAfterSeconds) } }
          : {}),
      }),
      documented: {
        400: 'The page, with each wrong field marked beside it, or saying that the human check failed',
        429: 'The page, saying that this address sent too many messages and when to try again',
        503: 'The page, saying that the human check could not be made and when to try again',
      },
    }),
    errors: [],
    storage: true,
    headers: PORTFOLIO_HEADERS,
    handle: async ({ ctx, body }, { contact, portfolio, pages }): Promise<AnsweredForm> => {
      const { values, input } = contactSubmission(body);
      const outcome = await send(contact, input, ctx.ip);
      return { content: await portfolio.get(), form: { values, outcome }, options: pageOptions(pages) };
    },
  }),
  route({
    operationId: 'getConsolePage',
    method: 'get',
    path: '/admin',
    tag: 'Pages',
    summary: "The owner's console",
    description:
      'A single-page app that signs in with the admin token and works through this API only. The page is revalidated on every visit; the files it names are fingerprinted.',
    access: 'public',
    success: content('text/html'),
    errors: [],
    storage: false,
    cache: 'no-cache',
    headers: { 'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY },
    handle: (_, { pages }) => ({ body: pages.web().adminPage, type: 'text/html; charset=utf-8' }),
  }),
  route({
    operationId: 'getPortfolioAsset',
    method: 'get',
    path: '/assets/{file}',
    tag: 'Pages',
    summary: 'Style sheet or script of the portfolio page',
    access: 'public',
    pathParameters: { file: { ...assetFile, example: 'portfolio-NBRWD46K.css' } },
    success: content('text/css', 'text/javascript', 'application/json'),
    errors: [404],
    storage: false,
    cache: FOREVER,
    handle: ({ params }, { pages }) => builtAsset(pages, `/assets/${params.file}`),
  }),
  route({
    operationId: 'getConsoleAsset',
    method: 'get',
    path: '/admin/assets/{file}',
    tag: 'Pages',
    summary: "Style sheet or script of the owner's console",
    access: 'public',
    pathParameters: { file: { ...assetFile, example: 'main-XI6MG7PO.js' } },
    success: content('text/css', 'text/javascript', 'application/json'),
    errors: [404],
    storage: false,
    cache: FOREVER,
    handle: ({ params }, { pages }) => builtAsset(pages, `/admin/assets/${params.file}`),
  }),
];

/**
 * The form's message through the same service, limit and human check as the
 * API's: a value the API would refuse is marked beside its field (and, as
 * there, not counted against the limit); a refusal of the service becomes
 * the outcome the page tells. Anything else (storage down) is an error like
 * any other.
 */
async function send(
  contact: ContactService,
  input: Readonly<Record<string, unknown>>,
  address: string,
): Promise<FormOutcome> {
  const message = parseWith(ContactInputSchema, input);
  if (!message.ok) return invalidOutcome(message.issues);
  try {
    await contact.submit(message.value, { rateLimitKey: rateLimitKey(address), address });
    return { kind: 'sent' };
  } catch (error) {
    if (error instanceof RateLimitedError) return { kind: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds };
    if (error instanceof HumanCheckFailedError) return { kind: 'captcha-failed' };
    if (error instanceof HumanCheckUnavailableError)
      return { kind: 'unavailable', retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

function builtAsset(pages: PageSettings, servedPath: string) {
  const asset = pages.web().asset(servedPath);
  if (!asset) throw new HttpProblem('not-found', `No asset at ${servedPath}`);
  return asset;
}
