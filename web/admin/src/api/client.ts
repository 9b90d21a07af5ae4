import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../../../generated/api.js';

/**
 * The console's only way to the service: the public REST API, through
 * openapi-fetch typed by the types generated from the OpenAPI document
 * (`npm run generate:client`), so a change to the API that the console does
 * not follow fails `npm run typecheck`.
 */
export type Api = Client<paths>;
export type Schemas = components['schemas'];

export interface ApiOptions {
  /** The service's origin; the page's own in the browser. */
  readonly baseUrl: string;
  /** For tests; the browser's otherwise. */
  readonly fetch?: typeof fetch;
}

/** A client that sends the admin token with every request, in the one header the service accepts it in. */
export function createApi(token: string, { baseUrl, fetch }: ApiOptions): Api {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
}
