import { POLICIES } from '../policy';
import {
  MATCH_NOTHING,
  pathFilter,
  populateObject,
  relationWrites,
  rowTest,
  scopeFilters,
  scopePopulate,
  sortThroughRelation,
  type Model,
} from '../query';

/** A miniature of the platform's schemas: enough relations to walk every shape. */
const MODELS: Record<string, Model> = {
  'api::pre-assessment.pre-assessment': {
    attributes: {
      title: { type: 'string' },
      project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project', inversedBy: 'preAssessments' },
      leadBureau: { type: 'relation', relation: 'manyToOne', target: 'api::bureau.bureau' },
      opinions: { type: 'relation', relation: 'oneToMany', target: 'api::opinion.opinion', mappedBy: 'preAssessment' },
      createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
    },
  },
  'api::opinion.opinion': {
    attributes: {
      content: { type: 'text' },
      bureau: { type: 'relation', relation: 'manyToOne', target: 'api::bureau.bureau' },
      preAssessment: { type: 'relation', relation: 'manyToOne', target: 'api::pre-assessment.pre-assessment', inversedBy: 'opinions' },
    },
  },
  'api::project.project': {
    attributes: {
      name: { type: 'string' },
      milestones: { type: 'component', component: 'project.milestone' },
      preAssessments: { type: 'relation', relation: 'oneToMany', target: 'api::pre-assessment.pre-assessment', mappedBy: 'project' },
    },
  },
  'project.milestone': { attributes: { title: { type: 'string' }, opinion: { type: 'relation', relation: 'oneToOne', target: 'api::opinion.opinion' } } },
  'api::bureau.bureau': { attributes: { name: { type: 'string' } } },
};
const models = (uid: string) => MODELS[uid];
const OPINION_SCOPE = { bureau: { id: { $in: [7] } } };
const PRE_SCOPE = { leadBureau: { id: { $in: [7] } } };
const filterFor = (uid: string) =>
  uid === 'api::opinion.opinion' ? OPINION_SCOPE : uid === 'api::pre-assessment.pre-assessment' ? PRE_SCOPE : null;

describe('scope filters from relation paths', () => {
  it('nests a path down to the bureau id', () => {
    expect(pathFilter('preAssessment.project.applicantBureau', [3, 4])).toEqual({ preAssessment: { project: { applicantBureau: { id: { $in: [3, 4] } } } } });
    expect(pathFilter('bureau', [3])).toEqual({ bureau: { id: { $in: [3] } } });
  });

  it('every policy path resolves through relations of the real schemas to a bureau', () => {
    // the schema files are the source of truth: walk each path on them
    const schemaOf = (uid: string) => {
      const [, api, name] = /^(?:api|plugin)::([\w-]+)\.([\w-]+)$/.exec(uid)!;
      const path = uid.startsWith('plugin::deadlines')
        ? `../../../../../deadlines/server/src/content-types/${name}/schema.json`
        : `../../../../../../api/${api}/content-types/${name}/schema.json`;
      return require(path);
    };
    for (const [uid, policy] of Object.entries(POLICIES)) {
      for (const path of [...(Array.isArray(policy.read) ? policy.read : []), ...(Array.isArray(policy.write) ? policy.write : [])]) {
        let current = uid;
        for (const relation of path.split('.')) {
          const attribute = schemaOf(current).attributes[relation];
          expect({ uid, path, relation, type: attribute?.type }).toEqual({ uid, path, relation, type: 'relation' });
          current = attribute.target;
        }
        expect({ path, ends: current }).toEqual({ path, ends: 'api::bureau.bureau' });
      }
    }
  });
});

describe('filters through relations carry the related type’s scope', () => {
  it('ANDs the scope into a filter on a scoped relation, at any depth and inside $or/$not', () => {
    const filters = { $or: [{ opinions: { content: { $contains: '秘密' } } }, { title: { $eq: 'x' } }], $not: { project: { preAssessments: { title: 'y' } } } };
    expect(scopeFilters(filters, 'api::pre-assessment.pre-assessment', models, filterFor)).toEqual({
      $or: [{ opinions: { $and: [{ content: { $contains: '秘密' } }, OPINION_SCOPE] } }, { title: { $eq: 'x' } }],
      $not: { project: { preAssessments: { $and: [{ title: 'y' }, PRE_SCOPE] } } },
    });
  });

  it('leaves unscoped relations and plain fields alone, and reads a bare id as an id filter', () => {
    expect(scopeFilters({ leadBureau: { id: 3 }, title: 'a' }, 'api::pre-assessment.pre-assessment', models, filterFor)).toEqual({ leadBureau: { id: 3 }, title: 'a' });
    expect(scopeFilters({ opinions: 5 }, 'api::pre-assessment.pre-assessment', models, filterFor)).toEqual({ opinions: { $and: [{ id: 5 }, OPINION_SCOPE] } });
  });
});

describe('populate carries the scope at every level', () => {
  it('understands *, comma lists, dotted arrays and objects', () => {
    const model = models('api::pre-assessment.pre-assessment');
    expect(populateObject('*', model)).toEqual({ project: true, leadBureau: true, opinions: true, createdBy: true });
    expect(populateObject('opinions,project.preAssessments', model)).toEqual({ opinions: true, project: { populate: { preAssessments: true } } });
    expect(populateObject(['opinions.preAssessment', 'opinions.bureau'], model)).toEqual({ opinions: { populate: { preAssessment: true, bureau: true } } });
    expect(populateObject(undefined, model)).toBeNull();
  });

  it('filters populated records and counts by their own scope, nested three deep', () => {
    const populate = { project: { populate: { preAssessments: { populate: { opinions: { count: true } } } } }, opinions: { filters: { content: 'a' } } };
    expect(scopePopulate(populate, 'api::pre-assessment.pre-assessment', models, filterFor)).toEqual({
      project: { populate: { preAssessments: { populate: { opinions: { count: true, filters: OPINION_SCOPE } }, filters: PRE_SCOPE } } },
      opinions: { filters: { $and: [{ content: 'a' }, OPINION_SCOPE] } },
    });
  });

  it('populate=* reaches scoped relations too, and relations inside components', () => {
    expect(scopePopulate('*', 'api::opinion.opinion', models, filterFor)).toEqual({ bureau: {}, preAssessment: { filters: PRE_SCOPE } });
    expect(scopePopulate({ milestones: { populate: { opinion: true } } }, 'api::project.project', models, filterFor)).toEqual({
      milestones: { populate: { opinion: { filters: OPINION_SCOPE } } },
    });
  });
});

describe('populated records are tested row by row', () => {
  it('turns id IN S into NOT (id NOT IN S) with the same S, and leaves other filters alone', () => {
    const subquery = { toSQL: () => 'select …' };
    expect(rowTest({ id: { $in: subquery } })).toEqual({ id: { $not: { $notIn: subquery } } });
    expect((rowTest({ id: { $in: subquery } }) as any).id.$not.$notIn).toBe(subquery);
    expect(rowTest({ id: { $in: [3, 4] } })).toEqual({ id: { $not: { $notIn: [3, 4] } } });
    expect(rowTest(null)).toBeNull();
    expect(rowTest(MATCH_NOTHING)).toBe(MATCH_NOTHING);
    const other = [OPINION_SCOPE, { id: { $in: [1], $ne: 2 } }, { id: { $in: [1] }, title: 'a' }, { id: 3 }];
    for (const filter of other) expect(rowTest(filter)).toBe(filter);
  });

  it('selects the same rows as IN under SQL three-valued logic, NULLs and empty sets included', () => {
    // the two operators as SQLite and PostgreSQL define them; null stands for unknown
    type Truth = boolean | null;
    const sqlIn = (x: number | null, set: (number | null)[]): Truth => {
      if (set.length === 0) return false;
      if (x === null) return null;
      if (set.includes(x)) return true;
      return set.includes(null) ? null : false;
    };
    const sqlNotIn = (x: number | null, set: (number | null)[]): Truth => {
      if (set.length === 0) return true;
      if (x === null) return null;
      if (set.includes(x)) return false;
      return set.includes(null) ? null : true;
    };
    const not = (value: Truth): Truth => (value === null ? null : !value);
    for (const x of [1, 2, null]) {
      for (const set of [[], [1], [1, 3], [1, null], [null], [3, null]]) {
        expect(not(sqlNotIn(x, set))).toBe(sqlIn(x, set));
      }
    }
  });
});

describe('sort through a relation', () => {
  it('names the relation a sort goes through, in string, array and object forms', () => {
    const uid = 'api::pre-assessment.pre-assessment';
    expect(sortThroughRelation('opinions.content:asc', uid, models)).toBe('opinions');
    expect(sortThroughRelation(['title:desc', 'project.name'], uid, models)).toBe('project');
    expect(sortThroughRelation({ opinions: { content: 'asc' } }, uid, models)).toBe('opinions');
    expect(sortThroughRelation('title:asc,createdAt:desc', uid, models)).toBeNull();
  });
});

describe('relation writes', () => {
  it('reads connect, disconnect, set and plain values, ids and documentIds, and knows the parent side', () => {
    const writes = relationWrites(
      {
        title: 'x',
        project: 'doc-p',
        opinions: { connect: [{ documentId: 'doc-o' }, 12], disconnect: ['13'] },
        leadBureau: { set: [{ id: 4 }] },
      },
      'api::pre-assessment.pre-assessment',
      models
    );
    expect(writes).toEqual([
      { field: 'project', target: 'api::project.project', inverse: false, connect: [], disconnect: [], set: [{ documentId: 'doc-p' }] },
      { field: 'opinions', target: 'api::opinion.opinion', inverse: true, connect: [{ documentId: 'doc-o' }, { id: 12 }], disconnect: [{ id: 13 }], set: null },
      { field: 'leadBureau', target: 'api::bureau.bureau', inverse: false, connect: [], disconnect: [], set: [{ id: 4 }] },
    ]);
  });
});
