import { expect } from 'chai';

/**
 * Awaits `promise` and asserts that it rejects with an instance of `type`;
 * returns the error so that a test can check its fields.
 */
export async function expectRejection<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  let outcome: { rejected: false } | { rejected: true; error: unknown };
  try {
    await promise;
    outcome = { rejected: false };
  } catch (error) {
    outcome = { rejected: true, error };
  }
  if (!outcome.rejected) expect.fail(`expected a ${type.name}, but the call resolved`);
  expect(outcome.error).to.be.instanceOf(type);
  return outcome.error as E;
}

/** Settles every promise and counts the outcomes, for races where exactly one writer may win. */
export async function settleAll(
  promises: readonly Promise<unknown>[],
): Promise<{ fulfilled: number; rejected: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    fulfilled: results.filter((result) => result.status === 'fulfilled').length,
    rejected: results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : [])),
  };
}
