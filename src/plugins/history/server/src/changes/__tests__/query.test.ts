import { parseSearch } from '../query';

const TRACKED = new Set(['api::project.project', 'api::problem.problem']);

const issues = (query: Record<string, unknown>) => {
  const result = parseSearch(query, TRACKED);
  return 'issues' in result ? result.issues.map((issue) => issue.parameter) : [];
};

describe('searching the change history', () => {
  it('turns each parameter into its filter, newest page 1 of 20 by default', () => {
    const result = parseSearch({ uid: 'api::project.project', documentId: 'abcdefghij1234', actor: '张', action: 'update', field: 'stage', q: 'LS-2026' }, TRACKED);
    expect(result).toEqual({
      where: {
        $and: [
          { targetUid: 'api::project.project' },
          { targetDocumentId: 'abcdefghij1234' },
          { actorName: { $containsi: '张' } },
          { action: 'update' },
          { fieldNames: { $contains: ',stage,' } },
          { targetLabel: { $containsi: 'LS-2026' } },
        ],
      },
      page: 1,
      pageSize: 20,
    });
  });

  it('reads dates as whole days in Beijing time', () => {
    const result = parseSearch({ from: '2026-11-01', to: '2026-11-01' }, TRACKED) as any;
    expect(result.where.$and[0].at.$gte.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(result.where.$and[1].at.$lte.toISOString()).toBe('2026-11-01T15:59:59.999Z');
  });

  it('takes the page from page/pageSize or pagination[…], at most 100 a page', () => {
    expect(parseSearch({ pagination: { page: '3', pageSize: '100' } }, TRACKED)).toMatchObject({ page: 3, pageSize: 100 });
    expect(parseSearch({ page: '2', pageSize: '5' }, TRACKED)).toMatchObject({ page: 2, pageSize: 5 });
    expect(issues({ pagination: { pageSize: '101' } })).toEqual(['pageSize']);
    expect(issues({ pageSize: '0' })).toEqual(['pageSize']);
  });

  it('names every bad parameter', () => {
    expect(issues({ uid: 'api::user.user' })).toEqual(['uid']);
    expect(issues({ uid: 'plugin::history.change' })).toEqual(['uid']);
    expect(issues({ action: 'publish', field: 'a.b', from: '2026-13-01', to: 'yesterday', documentId: '../x' })).toEqual(['documentId', 'action', 'field', 'from', 'to']);
    expect(issues({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['to']);
    expect(issues({ actor: ['a', 'b'] })).toEqual(['actor']);
    expect(issues({ q: 'x'.repeat(101) })).toEqual(['q']);
    expect(issues({ filters: { id: 1 } })).toEqual(['filters']);
  });
});
