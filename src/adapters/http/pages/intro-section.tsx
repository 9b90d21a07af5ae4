import type { Profile } from '../../../domain/profile/profile.js';
import { Markdown } from './markdown.js';

/** The owner: name, headline, where, whether available, the bio and their links. */
export function IntroSection({ profile }: { profile: Profile | null }) {
  if (!profile) {
    return (
      <section class="intro" aria-labelledby="intro-title">
        <h1 id="intro-title">Portfolio</h1>
        <p class="headline">The owner has not written a profile yet.</p>
      </section>
    );
  }
  const links = Object.entries(profile.links);
  return (
    <section class="intro" aria-labelledby="intro-title">
      <div class="intro-text">
        <h1 id="intro-title">{profile.name}</h1>
        <p class="headline">{profile.headline}</p>
        <p class="facts">
          {profile.location && <span class="location">{profile.location}</span>}
          {profile.availableForWork && <span class="badge badge-available">Available for work</span>}
        </p>
        <Markdown text={profile.bio} class="bio" />
        {(links.length > 0 || profile.email) && (
          <ul class="link-list" aria-label="Elsewhere">
            {profile.email && (
              <li>
                <a href={`mailto:${profile.email}`}>{profile.email}</a>
              </li>
            )}
            {links.map(([name, url]) => (
              <li key={name}>
                <a href={url} rel="me noopener">
                  {name}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
      {/* The initials stay visible behind a photo that has not loaded, or that the owner has not set. */}
      <div class="avatar" aria-hidden="true">
        <span class="initials">{initials(profile.name)}</span>
        {profile.avatarUrl && <img src={profile.avatarUrl} alt="" width={160} height={160} decoding="async" />}
      </div>
    </section>
  );
}

/** "Alex Morgan" → "AM": the first letter of the first and the last word. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(words[0] ?? '')][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toUpperCase();
}
