import * as v from 'valibot';

/**
 * A valibot issue as `dotted.path: message`, for an owner fixing a file by
 * hand. Strict objects report a wrong type, a missing key and an unknown key
 * with one message; they are told apart here.
 */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue) ?? '';
  return path === '' ? messageOf(issue) : `${path}: ${messageOf(issue)}`;
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type !== 'strict_object') return issue.message;
  if (issue.expected === 'Object') return 'Must be an object';
  if (issue.expected === 'never') return 'Unknown field';
  return 'Required';
}
