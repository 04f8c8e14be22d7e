import { POLICIES, PROJECT } from '../policy';
import type { Model } from '../query';
import { movesScope, scopeDependencies, scopeKey } from '../sets';

const BUREAU = 'api::bureau.bureau';
const relation = (target: string, relation = 'manyToOne', extra: Record<string, string> = {}) => ({ type: 'relation', relation, target, ...extra });

/** The project's side of the platform's schemas: what its seven read paths go through. */
const MODELS: Record<string, Model> = {
  [PROJECT]: {
    attributes: {
      name: { type: 'string' },
      light: { type: 'enumeration' },
      applicantBureau: relation(BUREAU),
      problems: relation('api::problem.problem', 'oneToMany', { mappedBy: 'project' }),
      tasks: relation('api::task.task', 'oneToMany', { mappedBy: 'project' }),
      preAssessments: relation('api::pre-assessment.pre-assessment', 'oneToMany', { mappedBy: 'project' }),
      milestones: { type: 'component', component: 'project.milestone' },
    },
  },
  'api::problem.problem': { attributes: { title: { type: 'string' }, reportingBureau: relation(BUREAU), leadBureau: relation(BUREAU) } },
  'api::task.task': { attributes: { title: { type: 'string' }, responsibleBureau: relation(BUREAU), coBureaus: relation(BUREAU, 'manyToMany') } },
  'api::pre-assessment.pre-assessment': {
    attributes: { leadBureau: relation(BUREAU), opinions: relation('api::opinion.opinion', 'oneToMany', { mappedBy: 'preAssessment' }) },
  },
  'api::opinion.opinion': { attributes: { content: { type: 'text' }, verdict: { type: 'enumeration' }, bureau: relation(BUREAU) } },
  [BUREAU]: { attributes: { name: { type: 'string' } } },
};
const models = (uid: string) => MODELS[uid];

describe('stored scopes: which writes move them', () => {
  it('a project’s scope depends on the project, every type its paths go through, the bureaus, and the types that open projects', () => {
    const read = POLICIES[PROJECT].read as string[];
    expect([...scopeDependencies(PROJECT, read, models, ['api::credit-record.credit-record'])].sort()).toEqual(
      [
        'api::bureau.bureau',
        'api::credit-record.credit-record',
        'api::opinion.opinion',
        'api::pre-assessment.pre-assessment',
        'api::problem.problem',
        'api::project.project',
        'api::task.task',
      ].sort()
    );
  });

  it('a path that leaves the schema stops there (a type renamed away is no dependency)', () => {
    expect([...scopeDependencies(PROJECT, ['missing.bureau', 'tasks.responsibleBureau'], models)].sort()).toEqual([BUREAU, PROJECT, 'api::task.task'].sort());
  });

  it('creates, clones and deletes always may; an update only when it names a relation', () => {
    expect(movesScope('create', 'api::task.task', { title: 'x' }, models)).toBe(true);
    expect(movesScope('clone', 'api::task.task', {}, models)).toBe(true);
    expect(movesScope('delete', 'api::opinion.opinion', undefined, models)).toBe(true);
    // the lights' write of a project, a stage, an opinion's verdict: no scope moves
    expect(movesScope('update', PROJECT, { light: 'red', name: 'n' }, models)).toBe(false);
    expect(movesScope('update', 'api::opinion.opinion', { verdict: 'approve', content: '同意' }, models)).toBe(false);
    // a component is no relation to a bureau
    expect(movesScope('update', PROJECT, { milestones: [] }, models)).toBe(false);
    // a relation named in any form, even to disconnect
    expect(movesScope('update', 'api::task.task', { coBureaus: { disconnect: [3] } }, models)).toBe(true);
    expect(movesScope('update', PROJECT, { applicantBureau: 'doc' }, models)).toBe(true);
    expect(movesScope('update', PROJECT, undefined, models)).toBe(false);
    expect(movesScope('findMany', PROJECT, {}, models)).toBe(false);
  });
});

describe('stored scopes: keys', () => {
  it('the same bureaus in any order are one key; what a lead duty opens makes another', () => {
    expect(scopeKey([12, 3])).toBe(scopeKey([3, 12]));
    expect(scopeKey([3, 12])).toBe('3,12');
    expect(scopeKey([5], ['api::land-evaluation.land-evaluation.project', 'api::credit-record.credit-record.project'])).toBe(
      '5|api::credit-record.credit-record.project|api::land-evaluation.land-evaluation.project'
    );
    expect(scopeKey([5], ['api::credit-record.credit-record.project'])).not.toBe(scopeKey([5]));
  });
});
