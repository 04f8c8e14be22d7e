import { diffRows, fieldNames, labelOf, normalise, trackedFields } from '../diff';

const ATTRIBUTES = {
  name: { type: 'string' },
  plannedInvestment: { type: 'decimal' },
  active: { type: 'boolean' },
  dueAt: { type: 'datetime' },
  stage: { type: 'enumeration', enum: ['declared', 'started'] },
  applicantBureau: { type: 'relation', relation: 'manyToOne', target: 'api::bureau.bureau' },
  coBureaus: { type: 'relation', relation: 'manyToMany', target: 'api::bureau.bureau' },
  problems: { type: 'relation', relation: 'oneToMany', target: 'api::problem.problem', mappedBy: 'project' },
  milestones: { type: 'component', component: 'project.milestone', repeatable: true },
  projectPeriodKey: { type: 'string', private: true },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
  createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
  documentId: { type: 'string' },
};
const FIELDS = trackedFields(ATTRIBUTES);

describe('which fields a change history follows', () => {
  it('leaves out timestamps, authors, the documentId and private keys, and marks inverse relations', () => {
    expect(FIELDS.map((field) => field.name)).toEqual(['name', 'plannedInvestment', 'active', 'dueAt', 'stage', 'applicantBureau', 'coBureaus', 'problems', 'milestones']);
    expect(FIELDS.find((field) => field.name === 'problems')).toMatchObject({ kind: 'relation', many: true, inverse: true });
    expect(FIELDS.find((field) => field.name === 'applicantBureau')).toMatchObject({ kind: 'relation', many: false, inverse: false });
  });
});

describe('values compared the same way on SQLite and PostgreSQL', () => {
  const field = (name: string) => FIELDS.find((candidate) => candidate.name === name)!;
  it('a decimal given as a string is the same number', () => {
    expect(normalise(field('plannedInvestment'), '12000.50')).toBe(12000.5);
    expect(normalise(field('plannedInvestment'), 12000.5)).toBe(12000.5);
  });
  it('a boolean stored as 0/1 is a boolean, an instant an ISO string', () => {
    expect(normalise(field('active'), 1)).toBe(true);
    expect(normalise(field('active'), 0)).toBe(false);
    expect(normalise(field('dueAt'), new Date('2026-10-10T15:59:59.999Z'))).toBe('2026-10-10T15:59:59.999Z');
    expect(normalise(field('dueAt'), '2026-10-10 15:59:59.999Z')).toBe('2026-10-10T15:59:59.999Z');
  });
  it('relations are documentIds (to-many sorted), components lose their database ids', () => {
    expect(normalise(field('applicantBureau'), { id: 3, documentId: 'b3' })).toBe('b3');
    expect(normalise(field('coBureaus'), [{ id: 9, documentId: 'zz' }, { id: 2, documentId: 'aa' }])).toEqual(['aa', 'zz']);
    expect(normalise(field('coBureaus'), null)).toEqual([]);
    expect(normalise(field('milestones'), [{ id: 7, title: '开工', plannedDate: '2026-03-01' }])).toEqual([{ plannedDate: '2026-03-01', title: '开工' }]);
  });
  it('an empty JSON list or object is nothing, like null', () => {
    const json = { name: 'reasons', kind: 'json' as const, many: false, inverse: false };
    expect(normalise(json, [])).toBeNull();
    expect(normalise(json, {})).toBeNull();
    expect(normalise(json, [{ rule: 'overdue' }])).toEqual([{ rule: 'overdue' }]);
  });
});

describe('the changes of one write', () => {
  const before = {
    id: 1,
    documentId: 'p1',
    name: '旧名',
    plannedInvestment: '100.00',
    active: 1,
    stage: 'declared',
    applicantBureau: { id: 3, documentId: 'b3' },
    coBureaus: [],
    milestones: [{ id: 5, title: '开工', plannedDate: '2026-03-01' }],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('an update lists only the fields whose value differs, with old and new values', () => {
    const after = { ...before, name: '新名', plannedInvestment: 100, applicantBureau: { id: 4, documentId: 'b4' }, milestones: [{ id: 6, title: '开工', plannedDate: '2026-03-01' }], updatedAt: '2026-02-01T00:00:00.000Z' };
    expect(diffRows(FIELDS, before, after)).toEqual([
      { field: 'name', from: '旧名', to: '新名' },
      { field: 'applicantBureau', from: 'b3', to: 'b4' },
    ]);
  });

  it('an update that changes nothing (timestamps apart, re-created components) has no changes', () => {
    const after = { ...before, active: true, plannedInvestment: 100, milestones: [{ id: 99, plannedDate: '2026-03-01', title: '开工' }], updatedAt: 'later' };
    expect(diffRows(FIELDS, before, after)).toEqual([]);
  });

  it('a field not read on one side is not reported as changed', () => {
    const { coBureaus: _unused, ...without } = before;
    expect(diffRows(FIELDS, before, without)).toEqual([]);
    expect(diffRows(FIELDS, before, { ...without, coBureaus: [{ id: 5, documentId: 'b5' }] })).toEqual([{ field: 'coBureaus', from: [], to: ['b5'] }]);
  });

  it('a create lists every field set, from null; a delete every field that was set, to null', () => {
    const created = diffRows(FIELDS, null, before);
    expect(created.map((change) => change.field)).toEqual(['name', 'plannedInvestment', 'active', 'stage', 'applicantBureau', 'milestones']);
    expect(created.every((change) => change.from === null)).toBe(true);
    expect(created.find((change) => change.field === 'plannedInvestment')!.to).toBe(100);
    const deleted = diffRows(FIELDS, before, null);
    expect(deleted.map((change) => change.field)).toEqual(created.map((change) => change.field));
    expect(deleted.every((change) => change.to === null)).toBe(true);
    expect(deleted.find((change) => change.field === 'name')!.from).toBe('旧名');
  });

  it('the changed fields are searchable one by one', () => {
    expect(fieldNames([{ field: 'name', from: 'a', to: 'b' }, { field: 'stage', from: null, to: 'started' }])).toBe(',name,stage,');
    expect(fieldNames([])).toBe('');
  });
});

describe('a readable name of the record', () => {
  it('a project by its code and name, a problem by its title and project, anything else by its id', () => {
    expect(labelOf({ id: 1, code: 'LS-2026-0001', name: '某某项目' })).toBe('LS-2026-0001 某某项目');
    expect(labelOf({ id: 2, title: '用地指标' }, { name: '某某项目' })).toBe('用地指标「某某项目」');
    expect(labelOf({ id: 3 })).toBe('#3');
    expect(labelOf({ id: 4, name: 'x'.repeat(300) }).length).toBe(255);
  });
});
