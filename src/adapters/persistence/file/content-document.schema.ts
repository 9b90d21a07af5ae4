import * as v from 'valibot';
import { StoredExperienceSchema } from '../../schemas/experience.schema.js';
import { StoredProfileSchema } from '../../schemas/profile.schema.js';
import { StoredProjectSchema } from '../../schemas/project.schema.js';
import { StoredSkillSchema } from '../../schemas/skill.schema.js';

/** Bumped when the layout of the document changes, so that an old service refuses a newer file. */
export const CONTENT_FORMAT = 1;

/**
 * The data file as the owner may write it by hand: sections may be left out,
 * and so may the fields the stored schemas default.
 */
export const ContentDocumentSchema = v.strictObject(
  {
    format: v.optional(v.literal(CONTENT_FORMAT, `Must be ${CONTENT_FORMAT}`), CONTENT_FORMAT),
    profile: v.optional(v.nullable(StoredProfileSchema), null),
    projects: v.optional(v.array(StoredProjectSchema, 'Must be an array'), []),
    skills: v.optional(v.array(StoredSkillSchema, 'Must be an array'), []),
    experience: v.optional(v.array(StoredExperienceSchema, 'Must be an array'), []),
  },
  'Unknown field',
);

/** Key order of each entity in the file, so that a rewrite changes only what changed. */
export const KEY_ORDER = {
  document: Object.keys(ContentDocumentSchema.entries),
  profile: Object.keys(StoredProfileSchema.entries),
  project: Object.keys(StoredProjectSchema.entries),
  projectLinks: ['repo', 'live', 'caseStudy'],
  skill: Object.keys(StoredSkillSchema.entries),
  experience: Object.keys(StoredExperienceSchema.entries),
} as const;
