/**
 * `npm run generate:client`: TypeScript types for the API, generated with
 * openapi-typescript from the document the service serves, into
 * test/e2e/generated/api.d.ts (committed; a test fails when it is stale).
 * Use them with openapi-fetch: `createClient<paths>({ baseUrl })`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument } from '../src/adapters/http/openapi/openapi.document.js';

export const CLIENT_TYPES_FILE = 'test/e2e/generated/api.d.ts';

export async function clientTypes(): Promise<string> {
  // A write's body may omit a field with a default; a response always has it (the schemas say so with `required`).
  const ast = await openapiTS(buildOpenApiDocument() as unknown as OpenAPI3, {
    defaultNonNullable: false,
    silent: true,
  });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CLIENT_TYPES_FILE, await clientTypes());
  process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
}
