import { expect } from 'chai';
import { groupSkills, sameSkillName } from '../../../src/domain/skills/skill.js';
import { aSkill } from '../../support/builders.js';

describe('groupSkills', () => {
  it('when there are no skills, then there are no groups', () => {
    expect(groupSkills([])).to.deep.equal([]);
  });

  it('groups skills by category and orders categories alphabetically, ignoring case', () => {
    const groups = groupSkills([
      aSkill({ id: '1', category: 'Tools' }),
      aSkill({ id: '2', category: 'databases' }),
      aSkill({ id: '3', category: 'Languages' }),
      aSkill({ id: '4', category: 'Tools', name: 'Docker' }),
    ]);
    expect(groups.map((group) => group.category)).to.deep.equal(['databases', 'Languages', 'Tools']);
    expect(groups.map((group) => group.skills.map((skill) => skill.id))).to.deep.equal([['2'], ['3'], ['4', '1']]);
  });

  it('orders skills inside a category by level descending', () => {
    const [group] = groupSkills([
      aSkill({ id: 'mid', name: 'A', level: 3 }),
      aSkill({ id: 'low', name: 'B', level: 1 }),
      aSkill({ id: 'top', name: 'C', level: 5 }),
    ]);
    expect(group!.skills.map((skill) => skill.id)).to.deep.equal(['top', 'mid', 'low']);
  });

  it('when levels are equal, then by name, ignoring case', () => {
    const [group] = groupSkills([
      aSkill({ id: 'ts', name: 'TypeScript', level: 4 }),
      aSkill({ id: 'go', name: 'go', level: 4 }),
      aSkill({ id: 'py', name: 'Python', level: 4 }),
    ]);
    expect(group!.skills.map((skill) => skill.id)).to.deep.equal(['go', 'py', 'ts']);
  });

  it('when level and name are equal, then by id, so the order is stable', () => {
    const [group] = groupSkills([aSkill({ id: 'b', name: 'Go', level: 4 }), aSkill({ id: 'a', name: 'Go', level: 4 })]);
    expect(group!.skills.map((skill) => skill.id)).to.deep.equal(['a', 'b']);
    const [again] = groupSkills([aSkill({ id: 'a', name: 'Go', level: 4 }), aSkill({ id: 'b', name: 'Go', level: 4 })]);
    expect(again!.skills.map((skill) => skill.id)).to.deep.equal(['a', 'b']);
  });

  it('when names differ only in accents, then they are ordered by code point, whatever the input order', () => {
    const plain = aSkill({ id: 'plain', name: 'Cafe', level: 4 });
    const accented = aSkill({ id: 'accented', name: 'Café', level: 4 });
    expect(groupSkills([accented, plain])[0]!.skills.map((skill) => skill.id)).to.deep.equal(['plain', 'accented']);
    expect(groupSkills([plain, accented])[0]!.skills.map((skill) => skill.id)).to.deep.equal(['plain', 'accented']);
  });

  it('keeps categories that differ only in case apart, in a fixed order', () => {
    const groups = groupSkills([aSkill({ id: '1', category: 'tools' }), aSkill({ id: '2', category: 'Tools' })]);
    expect(groups.map((group) => group.category)).to.deep.equal(['Tools', 'tools']);
    const again = groupSkills([aSkill({ id: '2', category: 'Tools' }), aSkill({ id: '1', category: 'tools' })]);
    expect(again.map((group) => group.category)).to.deep.equal(['Tools', 'tools']);
  });

  it('leaves its input untouched', () => {
    const skills = [aSkill({ id: 'b', level: 1 }), aSkill({ id: 'a', level: 5 })];
    groupSkills(skills);
    expect(skills.map((skill) => skill.id)).to.deep.equal(['b', 'a']);
  });
});

describe('sameSkillName', () => {
  it('when names differ only in case within one category, then they are the same', () => {
    expect(
      sameSkillName({ name: 'TypeScript', category: 'Languages' }, { name: 'typescript', category: 'Languages' }),
    ).to.equal(true);
  });

  it('when the categories differ, then they are not the same', () => {
    expect(sameSkillName({ name: 'Go', category: 'Languages' }, { name: 'Go', category: 'Games' })).to.equal(false);
  });

  it('when the names differ, then they are not the same', () => {
    expect(sameSkillName({ name: 'Go', category: 'Languages' }, { name: 'Rust', category: 'Languages' })).to.equal(
      false,
    );
  });
});
