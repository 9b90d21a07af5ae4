/**
 * `npm run lint:openapi`: writes the document to a temporary file and lints it
 * with Spectral (spectral:oas and the OWASP ruleset, as configured in
 * .spectral.yaml). Exits non-zero on any error.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../src/adapters/http/openapi/openapi.document.js';

const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
const spectral = join('node_modules', '.bin', 'spectral');
const result = spawnSync(spectral, ['lint', file, '--ruleset', '.spectral.yaml', '--fail-severity', 'error'], {
  stdio: 'inherit',
});
rmSync(dir, { recursive: true, force: true });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
