import { useEffect, useMemo, useState } from 'preact/hooks';
import { createApi } from './api/client.js';
import { resources } from './api/resources.js';
import { Console, type ConsoleContext } from './console-context.js';
import { ExperiencePage, RoleEditorPage } from './pages/experience-page.js';
import { InboxPage } from './pages/inbox-page.js';
import { MessagePage } from './pages/message-page.js';
import { ProfilePage } from './pages/profile-page.js';
import { ProjectEditorPage } from './pages/project-editor-page.js';
import { ProjectsPage } from './pages/projects-page.js';
import { SkillEditorPage, SkillsPage } from './pages/skills-page.js';
import { WebhookPages } from './pages/webhook-pages.js';
import { hrefOf, parseRoute, SECTIONS, type Route } from './routes.js';
import { forgetToken, keepToken, savedToken, signIn, type TokenStorage } from './session.js';
import { SignInPage } from './sign-in-page.js';

export function App({ storage, baseUrl }: { storage: TokenStorage; baseUrl: string }) {
  const [token, setToken] = useState(() => savedToken(storage));
  const [signedOutBecause, setSignedOutBecause] = useState<string>();
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  // Which page is open: a new one starts fresh. A page that only learns its own address (an item
  // just created, a slug changed) stays the same page, with its state and its notice.
  const [pageKey, setPageKey] = useState(() => location.hash);

  useEffect(() => {
    const follow = () => {
      setRoute(parseRoute(location.hash));
      setPageKey(location.hash);
    };
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  // A new page gets the keyboard focus on its heading, so a screen reader announces where the owner is.
  useEffect(() => {
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [pageKey, token]);

  const context = useMemo<ConsoleContext | undefined>(() => {
    if (!token) return undefined;
    return {
      api: resources(createApi(token, { baseUrl })),
      navigate: (next, options) => {
        if (options?.replace) {
          history.replaceState(null, '', hrefOf(next));
          setRoute(next);
        } else location.hash = hrefOf(next);
      },
      signOut: (reason) => {
        forgetToken(storage);
        setSignedOutBecause(reason);
        setToken(undefined);
      },
    };
  }, [token]);

  if (!context) {
    return (
      <SignInPage
        reason={signedOutBecause}
        check={async (candidate) => {
          const outcome = await signIn(resources(createApi(candidate, { baseUrl })));
          if (outcome.kind === 'signed-in') {
            keepToken(storage, candidate);
            setSignedOutBecause(undefined);
            setToken(candidate);
          }
          return outcome;
        }}
      />
    );
  }

  return (
    <Console.Provider value={context}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}
      >
        Skip to content
      </a>
      <div class="shell">
        <header class="sidebar">
          <p class="brand">Portfolio console</p>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.map((section) => (
                <li key={section.label}>
                  <a
                    href={hrefOf(section.route)}
                    aria-current={section.pages.includes(route.page) ? 'page' : undefined}
                  >
                    {section.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="sidebar-footer">
            <a href="/">View the portfolio</a>
            <button type="button" class="link-button" onClick={() => context.signOut()}>
              Sign out
            </button>
          </div>
        </header>
        <main id="main" class="content" tabIndex={-1}>
          <Page route={route} pageKey={pageKey} />
        </main>
      </div>
    </Console.Provider>
  );
}

/** Each page is keyed by the address it was opened at, so opening another item starts a fresh page. */
function Page({ route, pageKey: key }: { route: Route; pageKey: string }) {
  switch (route.page) {
    case 'profile':
      return <ProfilePage key={key} />;
    case 'projects':
      return <ProjectsPage key={key} pageNumber={route.pageNumber} />;
    case 'project':
      return <ProjectEditorPage key={key} slug={route.key} />;
    case 'skills':
      return <SkillsPage key={key} />;
    case 'skill':
      return <SkillEditorPage key={key} id={route.key} />;
    case 'experience':
      return <ExperiencePage key={key} />;
    case 'role':
      return <RoleEditorPage key={key} id={route.key} />;
    case 'inbox':
      return <InboxPage key={key} status={route.status} pageNumber={route.pageNumber} />;
    case 'message':
      return <MessagePage key={key} id={route.key} />;
    default:
      return <WebhookPages key={key} route={route} />;
  }
}
