import { monthsUpTo, parseQuery } from '../query';
import { trend } from '../trend';
import { idsAlong, populateIds } from '../sources';

const enums = { category: ['general', 'livelihood'], stage: ['declared', 'started'] };

describe('dashboard query parameters', () => {
  it('reads filters, sort and Strapi-style pagination', () => {
    const { query, problems } = parseQuery({ light: 'red', unit: 'abc123', category: 'general', stage: 'started', sort: 'name:desc', pagination: { page: '2', pageSize: '10' } }, enums);
    expect(problems).toEqual([]);
    expect(query).toMatchObject({ light: 'red', unit: 'abc123', category: 'general', stage: 'started', sort: { field: 'name', order: 'desc' }, page: 2, pageSize: 10 });
    expect(parseQuery({}, enums).query).toMatchObject({ light: null, sort: { field: 'light', order: 'desc' }, page: 1, pageSize: 25, months: 12 });
  });

  it('names every bad parameter', () => {
    const { problems } = parseQuery({ light: 'blue', sort: 'password:asc', pageSize: '1000', page: '0', where: 'x', stage: ['started', 'declared'] }, enums);
    expect(problems.map((problem) => problem.parameter).sort()).toEqual(['light', 'page', 'pageSize', 'sort', 'stage', 'where']);
  });
});

describe('monthly trend from the history of changes', () => {
  it('counts month-end colours and the month’s turns to red and back to green', () => {
    const at = (iso: string) => new Date(iso);
    const points = trend(
      ['2026-09', '2026-10', '2026-11'],
      [
        { key: 'a', from: 'green', to: 'red', changedAt: at('2026-09-10T01:00:00Z') },
        { key: 'b', from: 'green', to: 'yellow', changedAt: at('2026-10-02T01:00:00Z') },
        { key: 'a', from: 'red', to: 'green', changedAt: at('2026-10-20T01:00:00Z') },
        // 2026-10-31 23:30 Beijing time is still October there
        { key: 'c', from: 'green', to: 'red', changedAt: at('2026-10-31T15:30:00Z') },
      ],
      [at('2026-08-01T00:00:00Z'), at('2026-08-01T00:00:00Z'), at('2026-09-20T00:00:00Z'), at('2026-11-03T00:00:00Z')]
    );
    expect(points).toEqual([
      { month: '2026-09', red: 1, yellow: 0, green: 2, turnedRed: 1, turnedGreen: 0 },
      { month: '2026-10', red: 1, yellow: 1, green: 1, turnedRed: 1, turnedGreen: 1 },
      { month: '2026-11', red: 1, yellow: 1, green: 2, turnedRed: 0, turnedGreen: 0 },
    ]);
  });

  it('lists the last months across a year boundary', () => {
    expect(monthsUpTo('2026-02-10', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('dependency paths', () => {
  it('populates only ids along the paths and reads them back', () => {
    expect(populateIds(['preAssessment.project', 'bureau', ''])).toEqual({ preAssessment: { select: ['id'], populate: { project: { select: ['id'] } } }, bureau: { select: ['id'] } });
    const row = { id: 7, preAssessment: { id: 3, project: { id: 11 } }, projects: [{ id: 1 }, { id: 2 }], bureau: null };
    expect(idsAlong(row, 'preAssessment.project')).toEqual([11]);
    expect(idsAlong(row, 'projects')).toEqual([1, 2]);
    expect(idsAlong(row, 'bureau')).toEqual([]);
    expect(idsAlong(row, '')).toEqual([7]);
  });
});
