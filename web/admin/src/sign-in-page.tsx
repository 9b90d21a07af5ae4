import { useState } from 'preact/hooks';
import { described } from './components/fields.js';
import { signInMessage, type SignInOutcome } from './session.js';

/**
 * The token is typed in a password field, checked with one admin read, and
 * kept for this tab only. A wrong token and a service without any token are
 * told apart: the second cannot be fixed by typing again.
 */
export function SignInPage({ check, reason }: { check: (token: string) => Promise<SignInOutcome>; reason?: string }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(reason);
  const errors = problem ? [problem] : [];
  return (
    <main id="main" class="sign-in">
      <form
        class="sign-in-card"
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim() === '') return setProblem('Type the admin token.');
          setBusy(true);
          void check(token.trim()).then((outcome) => {
            setBusy(false);
            if (outcome.kind !== 'signed-in') setProblem(signInMessage(outcome));
          });
        }}
      >
        <h1>Portfolio console</h1>
        <p class="hint">
          Sign in with the service's admin token (ADMIN_TOKEN). It is kept in this tab only, until you close it.
        </p>
        <div class={problem ? 'field field-invalid' : 'field'}>
          <label for="token">Admin token</label>
          <input
            id="token"
            name="token"
            type="password"
            autocomplete="current-password"
            required
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
            {...described({ id: 'token', errors })}
          />
          {problem && (
            <ul id="token-errors" class="field-errors" role="alert">
              <li>{problem}</li>
            </ul>
          )}
        </div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p class="hint">
          <a href="/">See the portfolio</a> · <a href="/docs">API reference</a>
        </p>
      </form>
    </main>
  );
}
