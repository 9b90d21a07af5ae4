import { collection, resource, route } from '../route.js';
import { PORTFOLIO, TAG_COUNT } from '../representations.js';

export const PORTFOLIO_ROUTES = [
  route({
    operationId: 'getPortfolio',
    method: 'get',
    path: '/api/v1/portfolio',
    tag: 'Portfolio',
    summary: 'The whole portfolio',
    description:
      'Profile, every published project (by `startedAt` descending, ties by slug), skills grouped as in `/skills` and experience ordered as in `/experience`, under one ETag.',
    access: 'public',
    success: resource(PORTFOLIO),
    errors: [],
    storage: true,
    handle: (_, { portfolio }) => portfolio.get(),
  }),
  route({
    operationId: 'listTags',
    method: 'get',
    path: '/api/v1/tags',
    tag: 'Portfolio',
    summary: 'Tags of published projects with their counts',
    description: 'Most used first, ties by name.',
    access: 'public',
    success: collection(TAG_COUNT),
    errors: [],
    storage: true,
    handle: (_, { projects }) => projects.tags(),
  }),
];
