import sinon from 'sinon';
import { createApi } from '../../../web/admin/src/api/client.js';
import { resources } from '../../../web/admin/src/api/resources.js';

export const BASE_URL = 'http://console.test';
export const TOKEN = 'a-token-for-the-console-tests-0123456789';

/** A JSON answer as the service sends it. */
export function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8';
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: body === undefined ? headers : { 'Content-Type': type, ...headers },
  });
}

export function problem(status: number, type: string, detail: string, errors?: { path: string; message: string }[]) {
  return {
    type: `/problems/${type}`,
    title: 'Title',
    status,
    detail,
    requestId: 'req-1',
    ...(errors ? { errors } : {}),
  };
}

/** The console's calls over a fake `fetch` that answers each request in turn; the requests are kept to be looked at. */
export function fakeApi(...answers: (Response | Error)[]) {
  const requests: Request[] = [];
  const fetch = sinon.fake(async (input: Request) => {
    requests.push(input);
    const next = answers.shift();
    if (!next) throw new Error(`no answer left for ${input.method} ${input.url}`);
    if (next instanceof Error) throw next;
    return next;
  });
  return {
    api: resources(createApi(TOKEN, { baseUrl: BASE_URL, fetch: fetch as unknown as typeof globalThis.fetch })),
    requests,
  };
}
