import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Resources } from './api/resources.js';
import type { Failure } from './api/results.js';
import type { Route } from './routes.js';

export interface ConsoleContext {
  readonly api: Resources;
  /**
   * Opens a route; `replace` only corrects the address (a new item got its
   * key) without leaving the page, so what it shows stays.
   */
  readonly navigate: (route: Route, options?: { readonly replace?: boolean }) => void;
  /** A `401` mid-session: the token no longer works, so the owner signs in again. */
  readonly signOut: (reason?: string) => void;
}

export const Console = createContext<ConsoleContext | undefined>(undefined);

export function useConsole(): ConsoleContext {
  const context = useContext(Console);
  if (!context) throw new Error('useConsole outside <Console.Provider>');
  return context;
}

/** Signs out on a `401`, whichever call met it; tells the caller whether it did. */
export function endsSession(failure: Failure, { signOut }: Pick<ConsoleContext, 'signOut'>): boolean {
  if (failure.kind !== 'unauthorized') return false;
  signOut('The service no longer accepts this token. Sign in again.');
  return true;
}
