import { PROFILE_READ_ONLY, ProfileInputSchema } from '../../schemas/profile.schema.js';
import { presentProfile } from '../presenters.js';
import { PROFILE } from '../representations.js';
import { resource, route } from '../route.js';
import { sample, writable } from './examples.js';

export const PROFILE_ROUTES = [
  route({
    operationId: 'getProfile',
    method: 'get',
    path: '/api/v1/profile',
    tag: 'Profile',
    summary: 'The profile',
    description: '`404` until the owner has written one.',
    access: 'public',
    success: resource(PROFILE),
    errors: [404],
    storage: true,
    handle: (_, { profile }) => profile.get(),
  }),
  route({
    operationId: 'replaceProfile',
    method: 'put',
    path: '/api/v1/profile',
    tag: 'Profile',
    summary: 'Create or replace the profile',
    access: 'admin',
    body: {
      schema: ProfileInputSchema,
      readOnly: PROFILE_READ_ONLY,
      example: writable(presentProfile(sample.profile!), ['updatedAt']),
    },
    ifMatch: PROFILE,
    success: resource(PROFILE),
    errors: [],
    storage: true,
    handle: ({ body, ifMatch }, { profile }) => profile.replace(body, ifMatch),
  }),
];
