import * as v from 'valibot';
import { email, flag, httpsUrl, line, prose, timestamp, version } from './fields.js';

const profileFields = {
  name: line(1, 100),
  headline: line(1, 160),
  bio: v.optional(prose(5000), ''),
  location: v.optional(line(0, 100)),
  email: v.optional(email),
  avatarUrl: v.optional(httpsUrl),
  links: v.optional(
    v.pipe(
      v.record(line(1, 40), httpsUrl, 'Must be an object of name → https URL'),
      v.check((links) => Object.keys(links).length <= 20, 'Must have at most 20 links'),
    ),
    {},
  ),
  availableForWork: v.optional(flag, false),
};

export const ProfileInputSchema = v.strictObject(profileFields, 'Unknown field');
export const StoredProfileSchema = v.strictObject({ ...profileFields, updatedAt: timestamp, version }, 'Unknown field');
export const PROFILE_READ_ONLY = ['updatedAt'] as const;
