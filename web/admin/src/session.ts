import type { Resources } from './api/resources.js';

/**
 * The admin token, kept for this tab's session only: in `sessionStorage`,
 * which the browser clears when the tab closes and never shares with another
 * tab or sends to a server. Never in the URL, a cookie or `localStorage`.
 */
export const TOKEN_KEY = 'portfolio-api.admin-token';

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function savedToken(storage: TokenStorage): string | undefined {
  return storage.getItem(TOKEN_KEY) || undefined;
}

export function keepToken(storage: TokenStorage, token: string): void {
  storage.setItem(TOKEN_KEY, token);
}

export function forgetToken(storage: TokenStorage): void {
  storage.removeItem(TOKEN_KEY);
}

/**
 * The start of the `401` detail of a service that has no admin token at all
 * (`ADMIN_TOKEN` unset): then no token can work, and the owner must configure
 * the service rather than type again.
 */
export const NO_TOKEN_CONFIGURED = 'No admin token is configured';

export type SignInOutcome =
  | { readonly kind: 'signed-in' }
  | { readonly kind: 'wrong-token' }
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'failed'; readonly message: string };

/** Whether the service accepts the token: one admin read with it. */
export async function signIn(api: Resources): Promise<SignInOutcome> {
  const result = await api.checkToken();
  if (result.kind === 'ok') return { kind: 'signed-in' };
  if (result.kind === 'unauthorized') {
    return result.message.startsWith(NO_TOKEN_CONFIGURED) ? { kind: 'not-configured' } : { kind: 'wrong-token' };
  }
  return { kind: 'failed', message: result.message };
}

export function signInMessage(outcome: Exclude<SignInOutcome, { kind: 'signed-in' }>): string {
  switch (outcome.kind) {
    case 'wrong-token':
      return 'This token is not the admin token of this service. Check it and try again.';
    case 'not-configured':
      return 'This service has no admin token configured, so nobody can sign in. Set ADMIN_TOKEN in its environment and restart it.';
    case 'failed':
      return outcome.message;
  }
}
