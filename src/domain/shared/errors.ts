/**
 * Domain errors carry a stable `code`; the HTTP layer maps codes to statuses in
 * one place, so no use case needs to know about HTTP.
 */
export type DomainErrorCode =
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'validation-error'
  | 'rate-limited'
  | 'captcha-failed'
  | 'service-unavailable';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(
    readonly resource: string,
    readonly key: string,
    message = `${resource} '${key}' does not exist`,
  ) {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

export class SlugTakenError extends ConflictError {
  constructor(readonly slug: string) {
    super(`The slug '${slug}' is already taken by another project`);
  }
}

export class SkillNameTakenError extends ConflictError {
  constructor(
    readonly skillName: string,
    readonly category: string,
  ) {
    super(`A skill named '${skillName}' already exists in category '${category}'`);
  }
}

/** The caller's precondition (If-Match) or the version it read is no longer current. */
export class StaleWriteError extends DomainError {
  readonly code = 'precondition-failed';
  constructor(resource: string) {
    super(`The ${resource} has changed since it was read`);
  }
}

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A rule over several fields (or over the merged result of a patch) is broken. */
export class RuleViolationError extends DomainError {
  readonly code = 'validation-error';
  constructor(readonly issues: readonly FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many messages; try again in ${retryAfterSeconds} seconds`);
  }
}

/** Storage did not answer, or refuses writes for now (e.g. a hand-edited file that does not validate). */
export class StorageUnavailableError extends DomainError {
  readonly code = 'service-unavailable';
}
