/**
 * `npm run generate:client`: TypeScript types for the API, generated with
 * openapi-typescript from the document the service serves, into
 * web/generated/api.d.ts. Use them with openapi-fetch:
 * `createClient<paths>({ baseUrl })`, as the owner's console (web/admin/)
 * and the typed-client test (test/e2e/) do.
 *
 * The file is committed, so that `npm run typecheck` compiles the typed client
 * without a generation step and a change to the API shows in review as a diff
 * of it. `--check` (`npm run lint:client`, part of `npm run lint`) fails when
 * it is not what the current document generates. A lint rather than a test:
 * it checks a generated file, and loading the TypeScript compiler for it would
 * add 2 s to every `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument } from '../src/adapters/http/openapi/openapi.document.js';

export const CLIENT_TYPES_FILE = 'web/generated/api.d.ts';

export async function clientTypes(): Promise<string> {
  // A write's body may omit a field with a default; a response always has it (the schemas say so with `required`).
  const ast = await openapiTS(buildOpenApiDocument() as unknown as OpenAPI3, {
    defaultNonNullable: false,
    silent: true,
  });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const types = await clientTypes();
  if (!process.argv.includes('--check')) {
    writeFileSync(CLIENT_TYPES_FILE, types);
    process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
  } else if (readFileSync(CLIENT_TYPES_FILE, 'utf8') !== types) {
    process.stderr.write(`${CLIENT_TYPES_FILE} is stale: run npm run generate:client and commit it\n`);
    process.exitCode = 1;
  }
}
