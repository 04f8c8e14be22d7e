import {
  expiresAt,
  openItems,
  openItemsMessage,
  purgeable,
  restorePlan,
  retentionDays,
  snapshotPopulate,
  takeSnapshot,
  type Attributes,
} from '../rules';

const DAY = 24 * 3600_000;

describe('retention', () => {
  it('is 180 days unless configured', () => {
    expect(retentionDays(undefined)).toBe(180);
    expect(retentionDays('')).toBe(180);
    expect(retentionDays('365')).toBe(365);
    expect(retentionDays('90')).toBe(90);
  });

  it('below 90 days, or not a whole number of days, stops the start with the reason in Chinese and English', () => {
    expect(() => retentionDays('89')).toThrow(/不少于 90.*at least 90/);
    expect(() => retentionDays('30')).toThrow(/RECYCLE_RETENTION_DAYS/);
    expect(() => retentionDays('120.5')).toThrow(/整数/);
    expect(() => retentionDays('forever')).toThrow(/whole number/);
  });

  it('a snapshot expires its retention after deletion', () => {
    const deleted = new Date('2026-01-01T00:00:00Z');
    expect(expiresAt(deleted, 180).toISOString()).toBe('2026-06-30T00:00:00.000Z');
  });

  it('is purged once expired and at least 90 days old, never earlier', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    expect(purgeable({ deletedAt: ago(181), expiresAt: ago(1) }, now)).toBe(true);
    expect(purgeable({ deletedAt: ago(179), expiresAt: ago(-1) }, now)).toBe(false);
    expect(purgeable({ deletedAt: ago(60), expiresAt: ago(1) }, now)).toBe(false);
    expect(purgeable({ deletedAt: ago(90), expiresAt: ago(0) }, now)).toBe(true);
  });
});

describe('deleting a project', () => {
  const facts = { stage: 'started', problems: ['resolved', 'resolving', 'escalated', 'reported'], tasks: ['done', 'pending'], preAssessments: ['completed'], deadlines: ['met', 'cancelled'] };

  it('counts open problems (all but resolved), unfinished tasks, pre-assessments in progress and open deadlines', () => {
    expect(openItems(facts).map((item) => [item.kind, item.count])).toEqual([
      ['problem', 3],
      ['task', 1],
    ]);
    expect(openItems({ ...facts, problems: [], tasks: [], preAssessments: ['draft', 'open', 'returned'], deadlines: ['pending', 'overdue', 'met'] }).map((item) => [item.kind, item.count])).toEqual([
      ['pre-assessment', 2],
      ['deadline', 2],
    ]);
  });

  it('nothing open, or withdrawn first: it may be deleted', () => {
    expect(openItems({ stage: 'completed', problems: ['resolved'], tasks: ['done'], preAssessments: ['completed'], deadlines: ['met'] })).toEqual([]);
    expect(openItems({ ...facts, stage: 'withdrawn' })).toEqual([]);
  });

  it('the refusal names what is open, in Chinese and English', () => {
    const message = openItemsMessage(openItems(facts));
    expect(message.zh).toBe('项目仍有 3 个未办结的困难问题、1 项未完成的责任事项，请先将项目撤回（withdrawn）后再删除');
    expect(message.en).toBe('the project still has 3 open problem(s), 1 unfinished task(s): withdraw it (stage withdrawn) before deleting it');
  });
});

describe('snapshots', () => {
  const attributes: Attributes = {
    title: { type: 'string' },
    amount: { type: 'decimal' },
    assignedAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
    createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
    project: { type: 'relation', relation: 'manyToOne', target: 'api::project.project', inversedBy: 'problems' },
    tasks: { type: 'relation', relation: 'oneToMany', target: 'api::task.task', mappedBy: 'problem' },
    images: { type: 'media', multiple: true },
    milestones: { type: 'component', component: 'project.milestone', repeatable: true },
  };
  const components = (uid: string): Attributes =>
    uid === 'project.milestone' ? { title: { type: 'string' }, owner: { type: 'relation', relation: 'oneToOne', target: 'api::bureau.bureau' } } : {};
  const row = {
    id: 7,
    documentId: 'doc-7',
    title: '用地指标不足',
    amount: '12.5000',
    assignedAt: new Date('2026-03-02T01:00:00Z'),
    createdAt: '2026-03-01T01:00:00.000Z',
    publishedAt: '2026-03-01T01:00:00.000Z',
    createdBy: { id: 1, documentId: 'admin-1' },
    project: { id: 3, documentId: 'p-3' },
    tasks: [{ id: 4, documentId: 't-4' }, { id: 5, documentId: 't-5' }],
    images: [{ id: 11 }],
    milestones: [{ id: 99, title: '开工', owner: { id: 2, documentId: 'b-2' } }],
  };

  it('read every relation of both sides as documentIds, components deep, admin users left out', () => {
    expect(snapshotPopulate(attributes, components)).toEqual({
      project: { select: ['id', 'documentId'] },
      tasks: { select: ['id', 'documentId'] },
      images: { select: ['id'] },
      milestones: { populate: { owner: { select: ['id', 'documentId'] } } },
    });
    expect(takeSnapshot(row, attributes, components)).toEqual({
      title: '用地指标不足',
      amount: '12.5000',
      assignedAt: '2026-03-02T01:00:00.000Z',
      createdAt: '2026-03-01T01:00:00.000Z',
      project: 'p-3',
      tasks: ['t-4', 't-5'],
      images: [11],
      milestones: [{ title: '开工', owner: 'b-2' }],
    });
  });

  it('restore writes the fields and components as they were and lists the relations to reconnect', () => {
    const plan = restorePlan(takeSnapshot(row, attributes, components), attributes);
    expect(plan.data).toEqual({
      title: '用地指标不足',
      amount: '12.5000',
      assignedAt: '2026-03-02T01:00:00.000Z',
      createdAt: '2026-03-01T01:00:00.000Z',
      images: [11],
      milestones: [{ title: '开工', owner: 'b-2' }],
    });
    expect(plan.relations).toEqual([
      { field: 'project', target: 'api::project.project', many: false, mappedBy: undefined, documentIds: ['p-3'] },
      { field: 'tasks', target: 'api::task.task', many: true, mappedBy: 'problem', documentIds: ['t-4', 't-5'] },
    ]);
  });

  it('an empty relation has nothing to reconnect', () => {
    expect(restorePlan({ title: 'x', project: null, tasks: [] }, attributes).relations).toEqual([]);
  });
});
