import { expect } from 'chai';
import { readFileSync } from 'node:fs';

/**
 * The client types are committed, so that `npm run typecheck` compiles the
 * typed client without a generation step and a change to the API shows in
 * review as a diff of test/e2e/generated/api.d.ts. This keeps them current.
 */
describe('generated client types (test/e2e/generated/api.d.ts)', function () {
  this.timeout(60_000);

  it('are what `npm run generate:client` makes from the current document', async () => {
    // Loaded here, not at the top: openapi-typescript brings the TypeScript compiler along.
    const { clientTypes, CLIENT_TYPES_FILE } = await import('../../scripts/generate-client.js');
    const committed = readFileSync(CLIENT_TYPES_FILE, 'utf8');
    expect(committed === (await clientTypes()), `${CLIENT_TYPES_FILE} is stale: run npm run generate:client`).to.equal(
      true,
    );
  });
});
