/**
 * Writes the OpenAPI document the service serves at /openapi.json, built from
 * the code (no server needed): `tsx scripts/openapi.ts [file]`, stdout without a file.
 */
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../src/adapters/http/openapi/openapi.document.js';

const json = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
const [file] = process.argv.slice(2);
if (file) writeFileSync(file, json);
else process.stdout.write(json);
