import { expect } from 'chai';
import * as v from 'valibot';
import {
  ExperienceSchema,
  MessageSchema,
  ProfileSchema,
  ProjectSchema,
  SkillGroupSchema,
  SkillSchema,
} from '../../../../src/adapters/http/openapi/representation.schema.js';
import {
  presentExperience,
  presentMessage,
  presentProfile,
  presentProject,
  presentSkill,
  presentSkillGroup,
} from '../../../../src/adapters/http/presenters.js';
import { sampleContent } from '../../../../src/adapters/sample/sample-content.js';
import { groupSkills } from '../../../../src/domain/skills/skill.js';
import { aMessage, aProfile, aProject, aSkill, anExperience } from '../../../support/builders.js';
import { responseContract } from '../../../support/openapi-contract.js';

const sample = sampleContent();
const contract = responseContract();

/** The presenter's output conforms to the valibot schema and, as the JSON it becomes, to the document's component. */
function expectConforms(name: string, schema: v.GenericSchema, presented: unknown): void {
  const parsed = v.safeParse(schema, presented);
  expect(
    parsed.success,
    `${name}: ${JSON.stringify(parsed.issues?.map((i) => [v.getDotPath(i), i.message]))}`,
  ).to.equal(true);
  const validate = contract.validator({ $ref: `#/components/schemas/${name}` });
  const json: unknown = JSON.parse(JSON.stringify(presented));
  expect(validate(json), `${name}: ${contract.explain(validate)}`).to.equal(true);
}

describe('public representations (the response schemas of the OpenAPI document)', () => {
  it('presentProject conforms to Project, with every optional field absent or present', () => {
    for (const project of sample.projects) expectConforms('Project', ProjectSchema, presentProject(project));
    expectConforms('Project', ProjectSchema, presentProject(aProject()));
    expectConforms(
      'Project',
      ProjectSchema,
      presentProject(
        aProject({
          status: 'draft',
          endedAt: '2024-06-01',
          links: { repo: 'https://x.dev/r', live: 'https://x.dev', caseStudy: 'https://x.dev/c' },
        }),
      ),
    );
  });

  it('presentProfile conforms to Profile', () => {
    expectConforms('Profile', ProfileSchema, presentProfile(sample.profile!));
    expectConforms('Profile', ProfileSchema, presentProfile(aProfile()));
  });

  it('presentSkill and presentSkillGroup conform to Skill and SkillGroup', () => {
    for (const skill of sample.skills) expectConforms('Skill', SkillSchema, presentSkill(skill));
    expectConforms('Skill', SkillSchema, presentSkill(aSkill()));
    for (const group of groupSkills(sample.skills))
      expectConforms('SkillGroup', SkillGroupSchema, presentSkillGroup(group));
  });

  it('presentExperience conforms to Experience', () => {
    for (const role of sample.experience) expectConforms('Experience', ExperienceSchema, presentExperience(role));
    expectConforms('Experience', ExperienceSchema, presentExperience(anExperience()));
  });

  it('presentMessage conforms to Message, with and without a subject', () => {
    expectConforms('Message', MessageSchema, presentMessage(aMessage()));
    expectConforms('Message', MessageSchema, presentMessage(aMessage({ subject: 'Hi', status: 'archived' })));
  });

  it('a representation that leaks a field, such as the storage version, does not conform', () => {
    expect(v.safeParse(ProjectSchema, { ...presentProject(aProject()), version: 1 }).success).to.equal(false);
    const validate = contract.validator({ $ref: '#/components/schemas/Project' });
    expect(validate({ ...presentProject(aProject()), version: 1 })).to.equal(false);
  });

  it('a representation that misses a field that always has a value does not conform', () => {
    const { description: _description, ...withoutDescription } = presentProject(aProject());
    expect(v.safeParse(ProjectSchema, withoutDescription).success).to.equal(false);
  });
});
