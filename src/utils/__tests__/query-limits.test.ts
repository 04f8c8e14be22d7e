import { DEFAULT_QUERY_LIMITS, filterSize, populateDepth, queryProblem } from '../query-limits';

describe('what one REST query may ask of the database', () => {
  it('counts the relation levels of a populate in all its forms', () => {
    expect(populateDepth(undefined)).toBe(0);
    expect(populateDepth('*')).toBe(1);
    expect(populateDepth('project,bureau')).toBe(1);
    expect(populateDepth('project.preAssessments.opinions')).toBe(3);
    expect(populateDepth(['project', 'project.applicantBureau'])).toBe(2);
    expect(populateDepth({ project: true })).toBe(1);
    expect(populateDepth({ project: { populate: { preAssessments: { populate: { opinions: { populate: '*' } } } } } })).toBe(4);
    expect(populateDepth({ project: { fields: ['name'] }, tasks: { populate: ['coBureaus'] } })).toBe(2);
    expect(populateDepth({ blocks: { on: { 'a.b': { populate: { c: true } }, 'a.d': true } } })).toBe(2);
  });

  it('measures a filter: object depth, conditions and the longest list', () => {
    expect(filterSize({ name: { $eq: 'x' } })).toEqual({ depth: 2, conditions: 1, longestList: 0 });
    expect(filterSize({ id: { $in: [1, 2, 3] } })).toEqual({ depth: 2, conditions: 1, longestList: 3 });
    expect(filterSize({ $or: [{ a: { $eq: 1 } }, { b: { project: { name: { $contains: 'x' } } } }] })).toEqual({ depth: 5, conditions: 2, longestList: 2 });
  });

  it('refuses the first limit overstepped, naming the parameter in Chinese and English', () => {
    const deep = { populate: { a: { populate: { b: { populate: { c: { populate: { d: { populate: { e: { populate: { f: true } } } } } } } } } } } };
    expect(queryProblem(deep, '')).toMatchObject({ parameter: 'populate', zh: expect.stringContaining('6 层'), en: expect.stringContaining('6 levels') });
    expect(queryProblem({ populate: 'a.b.c.d.e' }, '')).toBeNull();

    let nested: Record<string, unknown> = { $eq: 1 };
    for (let level = 0; level < 12; level += 1) nested = { [`r${level}`]: nested };
    expect(queryProblem({ filters: nested }, '')).toMatchObject({ parameter: 'filters', zh: expect.stringContaining('13 层') });

    const ids = Array.from({ length: 501 }, (_, i) => i);
    expect(queryProblem({ filters: { id: { $in: ids } } }, '')).toMatchObject({ parameter: 'filters', en: expect.stringContaining('501 values') });
    expect(queryProblem({ filters: { id: { $in: ids.slice(0, 500) } } }, '')).toBeNull();

    const many = { $or: Array.from({ length: 201 }, (_, i) => ({ name: { $eq: `n${i}` } })) };
    expect(queryProblem({ filters: many }, '')).toMatchObject({ parameter: 'filters', zh: expect.stringContaining('201 项') });

    expect(queryProblem({}, 'x'.repeat(DEFAULT_QUERY_LIMITS.queryLength + 1))).toMatchObject({ parameter: 'query' });
    expect(queryProblem({ populate: '*', filters: { name: { $containsi: '园' } } }, 'populate=*')).toBeNull();
  });
});
