import type { Profile, ProfileInput } from '../api/resources.js';
import { optional } from './lists.js';

export interface LinkRow {
  readonly name: string;
  readonly url: string;
}

export interface ProfileValues {
  readonly name: string;
  readonly headline: string;
  readonly bio: string;
  readonly location: string;
  readonly email: string;
  readonly avatarUrl: string;
  readonly links: readonly LinkRow[];
  readonly availableForWork: boolean;
}

export const PROFILE_FIELDS = [
  'name',
  'headline',
  'bio',
  'location',
  'email',
  'avatarUrl',
  'links',
  'availableForWork',
];

export const EMPTY_PROFILE: ProfileValues = {
  name: '',
  headline: '',
  bio: '',
  location: '',
  email: '',
  avatarUrl: '',
  links: [],
  availableForWork: false,
};

export function profileValues(profile: Profile): ProfileValues {
  return {
    name: profile.name,
    headline: profile.headline,
    bio: profile.bio,
    location: profile.location ?? '',
    email: profile.email ?? '',
    avatarUrl: profile.avatarUrl ?? '',
    links: Object.entries(profile.links).map(([name, url]) => ({ name, url })),
    availableForWork: profile.availableForWork,
  };
}

/** Blank optional fields are left out; a link row with neither a name nor a URL is dropped. */
export function profileBody(values: ProfileValues): ProfileInput {
  const optionals = {
    location: optional(values.location),
    email: optional(values.email),
    avatarUrl: optional(values.avatarUrl),
  };
  return {
    name: values.name,
    headline: values.headline,
    bio: values.bio,
    ...Object.fromEntries(Object.entries(optionals).filter(([, value]) => value !== undefined)),
    links: Object.fromEntries(
      values.links
        .filter((row) => row.name.trim() !== '' || row.url.trim() !== '')
        .map((row) => [row.name.trim(), row.url]),
    ),
    availableForWork: values.availableForWork,
  };
}
