/**
 * A caller's condition on the current state of a resource (the HTTP layer
 * builds one from If-Match). Services check it against what they read and
 * then write conditionally on the version they read.
 */
export type Precondition<T> = (current: T) => boolean;
