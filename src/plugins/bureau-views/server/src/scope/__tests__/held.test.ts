import { heldFieldUse, withoutHeld, type HeldFor } from '../held';
import { HELD_FIELDS } from '../policy';
import type { Model } from '../query';

const ENTERPRISE = 'api::enterprise.enterprise';
const PROJECT = 'api::project.project';

/** A miniature of the schemas: a project with its investor, a component and a dynamic zone that reach one too. */
const MODELS: Record<string, Model> = {
  [PROJECT]: {
    attributes: {
      name: { type: 'string' },
      enterprise: { type: 'relation', relation: 'manyToOne', target: ENTERPRISE, inversedBy: 'projects' },
      milestones: { type: 'component', component: 'project.milestone' },
      blocks: { type: 'dynamiczone', components: ['project.investor'] },
    },
  },
  [ENTERPRISE]: {
    attributes: {
      name: { type: 'string' },
      blacklisted: { type: 'boolean' },
      creditLine: { type: 'decimal' },
      projects: { type: 'relation', relation: 'oneToMany', target: PROJECT, mappedBy: 'enterprise' },
    },
  },
  'project.milestone': { attributes: { title: { type: 'string' }, investor: { type: 'relation', relation: 'oneToOne', target: ENTERPRISE } } },
  'project.investor': { attributes: { investor: { type: 'relation', relation: 'oneToOne', target: ENTERPRISE } } },
};
const models = (uid: string) => MODELS[uid];

const town: HeldFor = (uid) => (uid === ENTERPRISE ? new Set(['blacklisted', 'creditLine']) : undefined);
const office: HeldFor = () => undefined;

describe('held fields', () => {
  it('the platform holds the enterprise’s dishonesty flag for 发改局 and its credit line and watch for 金融监管局', () => {
    expect(HELD_FIELDS).toEqual([
      { uid: ENTERPRISE, field: 'blacklisted', lead: 'development-reform' },
      { uid: ENTERPRISE, field: 'creditLine', lead: 'financial-regulation' },
      { uid: ENTERPRISE, field: 'financeWatched', lead: 'financial-regulation' },
    ]);
  });

  it('finds a held field in filters at any depth, through relations, components and logical operators', () => {
    expect(heldFieldUse({ filters: { blacklisted: { $eq: true } } }, ENTERPRISE, models, town)).toBe('filters.blacklisted');
    expect(heldFieldUse({ filters: { $or: [{ name: 'x' }, { $not: { creditLine: { $gt: 1 } } }] } }, ENTERPRISE, models, town)).toBe('filters.creditLine');
    expect(heldFieldUse({ filters: { enterprise: { blacklisted: true } } }, PROJECT, models, town)).toBe('filters.enterprise.blacklisted');
    expect(heldFieldUse({ filters: { milestones: { investor: { creditLine: { $gte: 5 } } } } }, PROJECT, models, town)).toBe('filters.milestones.investor.creditLine');
    expect(heldFieldUse({ filters: { enterprise: { projects: { name: 'x' } } } }, PROJECT, models, town)).toBeNull();
    expect(heldFieldUse({ filters: { enterprise: { blacklisted: true } } }, PROJECT, models, office)).toBeNull();
  });

  it('finds a held field in a sort, and in a populate’s own filters and sort', () => {
    expect(heldFieldUse({ sort: 'name:asc,creditLine:desc' }, ENTERPRISE, models, town)).toBe('sort.creditLine');
    expect(heldFieldUse({ sort: [{ blacklisted: 'asc' }] }, ENTERPRISE, models, town)).toBe('sort.blacklisted');
    expect(heldFieldUse({ sort: ['name'] }, ENTERPRISE, models, town)).toBeNull();
    expect(heldFieldUse({ populate: { enterprise: { filters: { blacklisted: true } } } }, PROJECT, models, town)).toBe('populate.enterprise.filters.blacklisted');
    expect(heldFieldUse({ populate: { enterprise: { sort: 'creditLine' } } }, PROJECT, models, town)).toBe('populate.enterprise.sort.creditLine');
    expect(
      heldFieldUse({ populate: { enterprise: { populate: { projects: { populate: { enterprise: { filters: { creditLine: 1 } } } } } } } }, PROJECT, models, town)
    ).toBe('populate.enterprise.populate.projects.populate.enterprise.filters.creditLine');
    expect(heldFieldUse({ populate: '*', filters: { name: 'x' } }, PROJECT, models, town)).toBeNull();
  });

  it('leaves the held fields out of answers at any depth and keeps everything else', () => {
    const answer = [
      {
        name: '项目甲',
        enterprise: { name: '企业甲', blacklisted: true, creditLine: 90000, projects: [{ name: '项目乙', enterprise: { name: '企业甲', creditLine: 1 } }] },
        milestones: [{ title: '开工', investor: { name: '企业乙', blacklisted: false } }],
        blocks: [{ __component: 'project.investor', investor: { name: '企业丙', creditLine: 5 } }],
      },
    ];
    expect(withoutHeld(answer, PROJECT, models, town)).toEqual([
      {
        name: '项目甲',
        enterprise: { name: '企业甲', projects: [{ name: '项目乙', enterprise: { name: '企业甲' } }] },
        milestones: [{ title: '开工', investor: { name: '企业乙' } }],
        blocks: [{ __component: 'project.investor', investor: { name: '企业丙' } }],
      },
    ]);
    const own = { name: '企业甲', blacklisted: true, creditLine: 90000 };
    expect(withoutHeld({ ...own }, ENTERPRISE, models, office)).toEqual(own);
    expect(withoutHeld(3, ENTERPRISE, models, town)).toBe(3);
    expect(withoutHeld(null, ENTERPRISE, models, town)).toBeNull();
  });
});
