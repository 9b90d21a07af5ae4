import { expect } from 'chai';
import {
  forgetToken,
  keepToken,
  NO_TOKEN_CONFIGURED,
  savedToken,
  signIn,
  signInMessage,
  TOKEN_KEY,
  type TokenStorage,
} from '../../../web/admin/src/session.js';
import { answer, fakeApi, problem } from './fake-api.js';

/** sessionStorage's interface over a Map. */
function memoryStorage(): TokenStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
  };
}

describe('console: the session token', () => {
  it('when the owner signs in, then the token is kept in the storage given (sessionStorage), and forgotten on sign-out', () => {
    const storage = memoryStorage();
    expect(savedToken(storage)).to.equal(undefined);
    keepToken(storage, 'secret');
    expect([...storage.entries]).to.deep.equal([[TOKEN_KEY, 'secret']]);
    expect(savedToken(storage)).to.equal('secret');
    forgetToken(storage);
    expect(storage.entries.size).to.equal(0);
    expect(savedToken(storage)).to.equal(undefined);
  });

  it('when the service accepts the token, then the owner is signed in', async () => {
    const { api, requests } = fakeApi(answer(200, { data: [], meta: { page: 1, limit: 1, total: 0, totalPages: 0 } }));
    expect(await signIn(api)).to.deep.equal({ kind: 'signed-in' });
    expect(new URL(requests[0]!.url).pathname).to.equal('/api/v1/messages');
  });

  it('when the token is wrong, then it says so', async () => {
    const { api } = fakeApi(answer(401, problem(401, 'unauthorized', 'A valid admin token is required')));
    const outcome = await signIn(api);
    expect(outcome).to.deep.equal({ kind: 'wrong-token' });
    expect(signInMessage(outcome as { kind: 'wrong-token' })).to.equal(
      'This token is not the admin token of this service. Check it and try again.',
    );
  });

  it('when the service has no token configured, then that is told apart from a wrong token', async () => {
    const detail = `${NO_TOKEN_CONFIGURED}: set ADMIN_TOKEN to use the admin endpoints`;
    const { api } = fakeApi(answer(401, problem(401, 'unauthorized', detail)));
    const outcome = await signIn(api);
    expect(outcome).to.deep.equal({ kind: 'not-configured' });
    expect(signInMessage(outcome as { kind: 'not-configured' })).to.match(/has no admin token configured.*ADMIN_TOKEN/);
  });

  it('when the service cannot be reached, then the owner is told that, not that the token is wrong', async () => {
    const { api } = fakeApi(new TypeError('fetch failed'));
    expect(await signIn(api)).to.deep.equal({
      kind: 'failed',
      message: 'The service could not be reached. Check your connection and try again.',
    });
  });
});
