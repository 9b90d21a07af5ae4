/**
 * Responses of the HTTP suite that the OpenAPI document does not describe,
 * recorded by the harness (see openapi-contract.ts) and turned into a
 * failure of the test that produced them by the root hook below, which
 * .mocharc.json loads. Kept free of imports so that every suite can load it.
 */
const recorded: string[] = [];

export function recordViolations(violations: readonly string[]): void {
  recorded.push(...violations);
}

export function takeViolations(): string[] {
  return recorded.splice(0, recorded.length);
}

/** Mocha root hook plugin: fails the current test, without aborting its suite, when it produced an undocumented response. */
export const mochaHooks = {
  afterEach(this: Mocha.Context): void {
    const violations = takeViolations();
    if (violations.length === 0) return;
    const hook = this.test as unknown as { error(error: Error): void };
    hook.error(
      new Error(
        `response(s) not described by the OpenAPI document (src/adapters/http/openapi/):\n  - ${violations.join('\n  - ')}`,
      ),
    );
  },
};
