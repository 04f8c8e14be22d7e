import type { Json } from './fixtures';
import type { TestApp } from './strapi';

/**
 * A small district built as the platform (document service, no request = unscoped), whose visible sets per
 * bureau follow from the scope table of src/plugins/bureau-views/README.md:
 *
 *   D1 = natural-resources (in the responsibility matrix: gives opinions on every pre-assessment)
 *   D2 = financial-regulation (not in the matrix: gives only the opinion created for it below)
 *   T1 = sample-lanshan-street, T2 = sample-yitang (towns), X = sample-baishabu (a town no actor belongs to)
 *
 *   P1 (applicant T1), P2 (applicant T2), PX (applicant X)
 *   PA1 on P1, lead D1; PA2 on P2, lead D2 — opinions from the fan-out of the responsibility matrix
 *     (D1 has two on each), plus O_D2: D2's own opinion on PA2
 *   Q1 on P1 (reported by T1, led by D1); Q2 on P2 (reported by T2, led by D2)
 *   K1 (problem Q1, project P1, D1), K2 (problem Q2, project P2, D2), K3 (project P2, D2, co-bureau D1),
 *   K4 (minute N3, D2, no project)
 *   R1, R2, RX: one progress report per project
 *   monthly reports of D1, D2, T1, T2 for 2025-01 (besides the ones the platform opens every month)
 *   pledges of D1 (projects P2), D2, T1, T2 and X (projects P1)
 *   M1 (attendees D1, T1; projects PX), M2 (attendees D2; projects P2), M3 (attendees X)
 *   N1 (M1), N2 (M2), N3 (no meeting; task K4), N4 (M3)
 */

export type TypeKey =
  | 'project'
  | 'preAssessment'
  | 'opinion'
  | 'problem'
  | 'task'
  | 'progressReport'
  | 'monthlyReport'
  | 'pledge'
  | 'meeting'
  | 'minute';

export interface TypeSpec {
  key: TypeKey;
  uid: string;
  plural: string;
  /** a scalar text field a harmless update may change */
  editable: string;
  /** relation paths (to a bureau) that say whose the record is; used by filter probes */
  bureauPaths: string[][];
}

export const TYPES: TypeSpec[] = [
  { key: 'project', uid: 'api::project.project', plural: 'projects', editable: 'summary', bureauPaths: [['applicantBureau']] },
  {
    key: 'preAssessment',
    uid: 'api::pre-assessment.pre-assessment',
    plural: 'pre-assessments',
    editable: 'conclusionNote',
    bureauPaths: [['leadBureau'], ['project', 'applicantBureau']],
  },
  {
    key: 'opinion',
    uid: 'api::opinion.opinion',
    plural: 'opinions',
    editable: 'content',
    bureauPaths: [['bureau'], ['preAssessment', 'leadBureau']],
  },
  {
    key: 'problem',
    uid: 'api::problem.problem',
    plural: 'problems',
    editable: 'suggestion',
    bureauPaths: [['reportingBureau'], ['leadBureau'], ['project', 'applicantBureau']],
  },
  {
    key: 'task',
    uid: 'api::task.task',
    plural: 'tasks',
    editable: 'description',
    bureauPaths: [['responsibleBureau'], ['coBureaus']],
  },
  {
    key: 'progressReport',
    uid: 'api::progress-report.progress-report',
    plural: 'progress-reports',
    editable: 'description',
    bureauPaths: [['project', 'applicantBureau']],
  },
  { key: 'monthlyReport', uid: 'api::monthly-report.monthly-report', plural: 'monthly-reports', editable: 'note', bureauPaths: [['bureau']] },
  { key: 'pledge', uid: 'api::pledge.pledge', plural: 'pledges', editable: 'measures', bureauPaths: [['bureau']] },
  { key: 'meeting', uid: 'api::meeting.meeting', plural: 'meetings', editable: 'summary', bureauPaths: [['attendees']] },
  { key: 'minute', uid: 'api::minute.minute', plural: 'minutes', editable: 'content', bureauPaths: [['meeting', 'attendees']] },
];

export const TYPE = Object.fromEntries(TYPES.map((spec) => [spec.key, spec])) as Record<TypeKey, TypeSpec>;
export const TYPE_KEYS = TYPES.map((spec) => spec.key);

export type ScopedKey = 'D1' | 'D2' | 'T1' | 'T2';
export const SCOPED: ScopedKey[] = ['D1', 'D2', 'T1', 'T2'];
export const KIND_OF: Record<ScopedKey, 'department' | 'town'> = { D1: 'department', D2: 'department', T1: 'town', T2: 'town' };
/** The other bureau of the same kind: the one whose rows must never show. */
export const PEER: Record<ScopedKey, ScopedKey> = { D1: 'D2', D2: 'D1', T1: 'T2', T2: 'T1' };

export const BUREAU_CODES = {
  D1: 'natural-resources',
  D2: 'financial-regulation',
  T1: 'sample-lanshan-street',
  T2: 'sample-yitang',
  X: 'sample-baishabu',
  office: 'office',
  commerce: 'commerce',
} as const;
export type BureauKey = keyof typeof BUREAU_CODES;

/** What the README's role table lets each role do through its permissions (not yet the scope). */
export const RIGHTS: Record<'department' | 'town', { update: TypeKey[]; create: TypeKey[] }> = {
  department: {
    update: ['opinion', 'problem', 'task', 'monthlyReport', 'pledge'],
    create: ['problem', 'monthlyReport', 'pledge'],
  },
  town: {
    update: ['project', 'preAssessment', 'progressReport', 'problem', 'monthlyReport', 'pledge'],
    create: ['project', 'preAssessment', 'progressReport', 'problem', 'monthlyReport', 'pledge'],
  },
};

export interface World {
  bureaus: Record<BureauKey, Json>;
  /** named records: documentIds */
  r: Record<string, string>;
  /** opinions per pre-assessment name, and who gave each */
  opinionsOf: { PA1: string[]; PA2: string[] };
  opinionBureau: Map<string, BureauKey | string>;
  /** the content of every opinion (unique text, used by filters through relations) */
  opinionText: Map<string, string>;
  /** per scoped bureau and type: what it may read / change */
  visible: Record<ScopedKey, Record<TypeKey, Set<string>>>;
  writable: Record<ScopedKey, Record<TypeKey, Set<string>>>;
  /** every record of each type (as the platform sees them) */
  all: Record<TypeKey, Set<string>>;
  /** documentId → type of every record of the scoped types */
  typeOf: Map<string, TypeKey>;
  /** the admin user stamped as createdBy/updatedBy on the world's records */
  author: { id: number; email: string };
  /** a marker stored as a users-permissions user's resetPasswordToken */
  resetToken: string;
}

/** The stored row of a record, read as the platform (never scoped). */
export async function platformRow(app: TestApp, type: TypeKey, documentId: string, populate?: string[]): Promise<Json | null> {
  return app.strapi.db.query(TYPE[type].uid as any).findOne({ where: { documentId }, populate });
}

/** The documentIds of a relation of a record, read as the platform. */
export async function platformRelated(app: TestApp, type: TypeKey, documentId: string, field: string): Promise<string[]> {
  const row = await app.strapi.db
    .query(TYPE[type].uid as any)
    .findOne({ where: { documentId }, populate: { [field]: { select: ['documentId'] } } });
  const value = row?.[field];
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).map((item: Json) => item.documentId).sort();
}

/** The records of a type matching a filter object, as the platform sees them (no scope). */
export async function platformMatching(app: TestApp, type: TypeKey, filters: Json): Promise<Set<string>> {
  const rows = await app.strapi.db.query(TYPE[type].uid as any).findMany({ where: filters, select: ['documentId'] });
  return new Set(rows.map((row: Json) => row.documentId));
}

export async function buildWorld(app: TestApp): Promise<World> {
  const { strapi } = app;
  const docs = (type: TypeKey) => strapi.documents(TYPE[type].uid as any);
  const create = async (type: TypeKey, data: Json) => (await docs(type).create({ data: data as any })) as Json;

  const bureaus = {} as Record<BureauKey, Json>;
  for (const [key, code] of Object.entries(BUREAU_CODES)) {
    const bureau = await strapi.db.query('api::bureau.bureau').findOne({ where: { code } });
    if (!bureau) throw new Error(`seeded bureau ${code} is missing`);
    bureaus[key as BureauKey] = bureau;
  }
  const b = (key: BureauKey) => bureaus[key].documentId;
  const r: Record<string, string> = {};

  for (const [name, town] of [['P1', 'T1'], ['P2', 'T2'], ['PX', 'X']] as const) {
    r[name] = (await create('project', { name: `项目-${name}`, category: 'general', applicantBureau: b(town) })).documentId;
  }
  r.PA1 = (await create('preAssessment', { attestedBy: '王建国', project: r.P1, leadBureau: b('D1') })).documentId;
  r.PA2 = (await create('preAssessment', { attestedBy: '王建国', project: r.P2, leadBureau: b('D2') })).documentId;
  r.O_D2 = (
    await create('opinion', { preAssessment: r.PA2, bureau: b('D2'), dimension: 'investment_benefit', state: 'pending' })
  ).documentId;

  // every opinion gets a unique text, so a filter on it tells which opinion a caller could match
  const opinionBureau = new Map<string, string>();
  const opinionText = new Map<string, string>();
  const opinionsOf = { PA1: [] as string[], PA2: [] as string[] };
  const codeToKey = new Map(Object.entries(BUREAU_CODES).map(([key, code]) => [code as string, key]));
  for (const pa of ['PA1', 'PA2'] as const) {
    const rows = await strapi.db
      .query(TYPE.opinion.uid as any)
      .findMany({ where: { preAssessment: { documentId: r[pa] } }, populate: ['bureau'], orderBy: { id: 'asc' } });
    for (const row of rows) {
      const text = `意见正文-${row.bureau.code}-${row.dimension}-${pa}`;
      await docs('opinion').update({ documentId: row.documentId, data: { content: text } as any });
      opinionsOf[pa].push(row.documentId);
      opinionBureau.set(row.documentId, codeToKey.get(row.bureau.code) ?? row.bureau.code);
      opinionText.set(row.documentId, text);
    }
  }
  const d1Opinions = (pa: 'PA1' | 'PA2') => opinionsOf[pa].filter((id) => opinionBureau.get(id) === 'D1');
  const d2Opinions = (pa: 'PA1' | 'PA2') => opinionsOf[pa].filter((id) => opinionBureau.get(id) === 'D2');
  // the world only discriminates if the fan-out really is as described above
  if (d1Opinions('PA1').length === 0 || d1Opinions('PA2').length === 0) throw new Error('natural-resources is expected in the matrix');
  if (d2Opinions('PA1').length !== 0 || d2Opinions('PA2').length !== 1) throw new Error('financial-regulation is expected outside the matrix');
  if (opinionsOf.PA2.filter((id) => opinionBureau.get(id) === 'commerce').length === 0) throw new Error('commerce is expected in the matrix');

  const problem = (name: string, project: string, town: BureauKey, lead: BureauKey) =>
    create('problem', {
      project,
      reportingBureau: b(town),
      leadBureau: b(lead),
      category: 'land_supply',
      title: `问题-${name}`,
      description: `问题描述-${name}`,
    });
  r.Q1 = (await problem('Q1', r.P1, 'T1', 'D1')).documentId;
  r.Q2 = (await problem('Q2', r.P2, 'T2', 'D2')).documentId;

  const meeting = (name: string, attendees: BureauKey[], projects: string[]) =>
    create('meeting', {
      type: 'weekly',
      mode: 'onsite',
      title: `会议-${name}`,
      heldAt: '2026-01-15T02:00:00.000Z',
      attendees: attendees.map(b),
      projects,
    });
  r.M1 = (await meeting('M1', ['D1', 'T1'], [r.PX])).documentId;
  r.M2 = (await meeting('M2', ['D2'], [r.P2])).documentId;
  r.M3 = (await meeting('M3', ['X'], [])).documentId;
  const minute = (name: string, meetingId?: string) =>
    create('minute', { title: `纪要-${name}`, number: `兰会纪〔2026〕${name}`, ...(meetingId ? { meeting: meetingId } : {}) });
  r.N1 = (await minute('N1', r.M1)).documentId;
  r.N2 = (await minute('N2', r.M2)).documentId;
  r.N3 = (await minute('N3')).documentId;
  r.N4 = (await minute('N4', r.M3)).documentId;

  const task = (name: string, data: Json) => create('task', { title: `任务-${name}`, deadline: '2026-12-31', ...data });
  r.K1 = (await task('K1', { problem: r.Q1, project: r.P1, responsibleBureau: b('D1') })).documentId;
  r.K2 = (await task('K2', { problem: r.Q2, project: r.P2, responsibleBureau: b('D2') })).documentId;
  r.K3 = (await task('K3', { project: r.P2, responsibleBureau: b('D2'), coBureaus: [b('D1')] })).documentId;
  r.K4 = (await task('K4', { minute: r.N3, responsibleBureau: b('D2') })).documentId;

  for (const [name, project] of [['R1', r.P1], ['R2', r.P2], ['RX', r.PX]]) {
    r[name] = (await create('progressReport', { project, period: '2026-01', investmentThisPeriod: 100, description: `进展-${name}` })).documentId;
  }
  for (const key of SCOPED) {
    r[`MR_${key}`] = (await create('monthlyReport', { bureau: b(key), period: '2025-01', state: 'pending' })).documentId;
  }
  const pledge = (key: BureauKey, projects: string[]) =>
    create('pledge', { bureau: b(key), pledgedBy: `负责人-${key}`, year: 2026, targets: `目标-${key}`, projects });
  r.G_D1 = (await pledge('D1', [r.P2])).documentId;
  r.G_D2 = (await pledge('D2', [])).documentId;
  r.G_T1 = (await pledge('T1', [])).documentId;
  r.G_T2 = (await pledge('T2', [])).documentId;
  r.G_X = (await pledge('X', [r.P1])).documentId;

  // every record is stamped with an admin author: a populate of createdBy/updatedBy must never show who
  const authorEmail = `author-${Date.now()}@test.local`;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  const author = await strapi.service('admin::user').create({
    email: authorEmail,
    firstname: '录入',
    lastname: '人员',
    password: 'Author-Password-2026',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const all = {} as Record<TypeKey, Set<string>>;
  const typeOf = new Map<string, TypeKey>();
  for (const spec of TYPES) {
    const rows = await strapi.db.query(spec.uid as any).findMany({ select: ['id', 'documentId'] });
    all[spec.key] = new Set(rows.map((row: Json) => row.documentId));
    for (const row of rows) {
      typeOf.set(row.documentId, spec.key);
      await strapi.db.query(spec.uid as any).update({ where: { id: row.id }, data: { createdBy: author.id, updatedBy: author.id } });
    }
  }

  // a users-permissions user with a pending password reset: its token must never show
  const resetToken = `reset-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const authenticated = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  await strapi.db.query('plugin::users-permissions.user').create({
    data: {
      username: `reset-${Date.now()}`,
      email: `reset-${Date.now()}@test.local`,
      provider: 'local',
      password: '$2a$10$abcdefghijklmnopqrstuuXo7mQ3tCAJ8jv3S2rQk1bXb2m7Xh6mW',
      resetPasswordToken: resetToken,
      confirmed: true,
      blocked: false,
      role: authenticated?.id,
    },
  });

  // monthly reports: bureau = B (the platform also opens one per unit and month)
  const monthly = async (key: BureauKey) => {
    const rows = await strapi.db
      .query(TYPE.monthlyReport.uid as any)
      .findMany({ where: { bureau: { id: bureaus[key].id } }, select: ['documentId'] });
    return rows.map((row: Json) => row.documentId as string);
  };
  const set = (...ids: string[]) => new Set(ids);
  const visible: World['visible'] = {
    D1: {
      // P1: leads PA1, Q1, responsible for K1; P2: gave opinions on PA2, co-responsible for K3
      project: set(r.P1, r.P2),
      // PA1: lead; PA2: one of its opinions is D1's
      preAssessment: set(r.PA1, r.PA2),
      // all of PA1 (leads it), and its own on PA2
      opinion: set(...opinionsOf.PA1, ...d1Opinions('PA2')),
      problem: set(r.Q1),
      task: set(r.K1, r.K3),
      progressReport: set(r.R1, r.R2),
      monthlyReport: set(...(await monthly('D1'))),
      pledge: set(r.G_D1),
      meeting: set(r.M1),
      minute: set(r.N1),
    },
    D2: {
      project: set(r.P2),
      preAssessment: set(r.PA2),
      opinion: set(...opinionsOf.PA2),
      problem: set(r.Q2),
      task: set(r.K2, r.K3, r.K4),
      progressReport: set(r.R2),
      monthlyReport: set(...(await monthly('D2'))),
      pledge: set(r.G_D2),
      meeting: set(r.M2),
      // N2: its meeting M2 is readable; N3: its task K4 is D2's
      minute: set(r.N2, r.N3),
    },
    T1: {
      project: set(r.P1),
      preAssessment: set(r.PA1),
      opinion: set(...opinionsOf.PA1),
      problem: set(r.Q1),
      task: set(r.K1),
      progressReport: set(r.R1),
      monthlyReport: set(...(await monthly('T1'))),
      // G_X: one of its projects (P1) is T1's
      pledge: set(r.G_T1, r.G_X),
      meeting: set(r.M1),
      minute: set(r.N1),
    },
    T2: {
      project: set(r.P2),
      preAssessment: set(r.PA2),
      opinion: set(...opinionsOf.PA2),
      problem: set(r.Q2),
      task: set(r.K2, r.K3),
      progressReport: set(r.R2),
      monthlyReport: set(...(await monthly('T2'))),
      // G_D1: one of its projects (P2) is T2's
      pledge: set(r.G_T2, r.G_D1),
      // M2: one of its projects (P2) is T2's
      meeting: set(r.M2),
      minute: set(r.N2),
    },
  };
  const none = set();
  const writable: World['writable'] = {
    D1: {
      project: none,
      preAssessment: set(r.PA1),
      opinion: set(...d1Opinions('PA1'), ...d1Opinions('PA2')),
      problem: set(r.Q1),
      task: set(r.K1),
      progressReport: none,
      monthlyReport: visible.D1.monthlyReport,
      pledge: set(r.G_D1),
      meeting: none,
      minute: none,
    },
    D2: {
      project: none,
      preAssessment: set(r.PA2),
      opinion: set(r.O_D2),
      problem: set(r.Q2),
      task: set(r.K2, r.K3, r.K4),
      progressReport: none,
      monthlyReport: visible.D2.monthlyReport,
      pledge: set(r.G_D2),
      meeting: none,
      minute: none,
    },
    T1: {
      project: set(r.P1),
      preAssessment: set(r.PA1),
      opinion: none,
      problem: set(r.Q1),
      task: none,
      progressReport: set(r.R1),
      monthlyReport: visible.T1.monthlyReport,
      pledge: set(r.G_T1),
      meeting: none,
      minute: none,
    },
    T2: {
      project: set(r.P2),
      preAssessment: set(r.PA2),
      opinion: none,
      problem: set(r.Q2),
      task: none,
      progressReport: set(r.R2),
      monthlyReport: visible.T2.monthlyReport,
      pledge: set(r.G_T2),
      meeting: none,
      minute: none,
    },
  };
  return {
    bureaus,
    r,
    opinionsOf,
    opinionBureau,
    opinionText,
    visible,
    writable,
    all,
    typeOf,
    author: { id: author.id, email: authorEmail },
    resetToken,
  };
}

/** A record of the world that the bureau can read but not change (if any), and one it cannot read. */
export function targetsOutsideWriteScope(world: World, who: ScopedKey, type: TypeKey) {
  const readOnly = [...world.visible[who][type]].filter((id) => !world.writable[who][type].has(id));
  const unreadable = [...world.all[type]].filter((id) => !world.visible[who][type].has(id));
  return { readOnly: readOnly.sort()[0] as string | undefined, unreadable: unreadable.sort()[0] as string | undefined };
}

/**
 * Records of scoped types found anywhere in a response body (lists, populated relations at any depth, relation
 * pickers) that the bureau may not read. Empty when nothing leaked.
 */
export function leakedRecords(world: World, who: ScopedKey, body: unknown): string[] {
  const leaks: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Json;
    if (typeof record.documentId === 'string') {
      const type = world.typeOf.get(record.documentId);
      if (type && !world.visible[who][type].has(record.documentId)) {
        leaks.push(`${type} ${record.documentId} ${record.title ?? record.name ?? ''}`.trim());
      }
    }
    Object.values(record).forEach(walk);
  };
  walk(body);
  return leaks;
}

/** Secrets that must never appear in any response: password hashes, reset tokens, the authors' e-mails. */
export function leakedSecrets(world: World, body: unknown): string[] {
  const text = JSON.stringify(body ?? null);
  const found: string[] = [];
  if (/\$2[aby]\$\d\d\$/.test(text)) found.push('a bcrypt password hash');
  if (text.includes(world.resetToken)) found.push('a resetPasswordToken');
  if (text.includes(world.author.email)) found.push(`the admin author's e-mail ${world.author.email}`);
  if (/"(password|resetPasswordToken|confirmationToken)"\s*:/.test(text)) found.push('a private users-permissions field');
  return found;
}

/** What the documentIds of a response name, for readable failure messages. */
export function describeIds(world: World, ids: Iterable<string>): string[] {
  const names = new Map(Object.entries(world.r).map(([name, id]) => [id, name]));
  return [...ids].map((id) => names.get(id) ?? `${world.typeOf.get(id) ?? 'record'}:${id}`).sort();
}

/** `{ a: { b: leaf } }` from ['a', 'b'] and leaf. */
export const nest = (path: string[], leaf: Json): Json => path.reduceRight<Json>((inner, key) => ({ [key]: inner }), leaf);

export interface FilterProbe {
  name: string;
  filters: Json;
  /**
   * intersect: the caller's readable records that the platform finds with the same filter;
   * visible: all the caller's readable records; none: nothing.
   */
  expect: 'intersect' | 'visible' | 'none';
}

/**
 * Filters a caller could try to learn about other bureaus' rows: on the fields that say whose a record is,
 * with another bureau's id or code, combined with `$or` / `$not`, or naming unreadable records directly.
 * Whatever the filter, the result (and the total) may only contain records the caller reads.
 */
export function filterProbes(world: World, who: ScopedKey, type: TypeKey): FilterProbe[] {
  const own = world.bureaus[who];
  const peer = world.bureaus[PEER[who]];
  const x = world.bureaus.X;
  // commerce gives opinions on every pre-assessment: the bureau to try where opinions decide
  const others = ['opinion', 'preAssessment', 'project'].includes(type) ? [peer, x, world.bureaus.commerce] : [peer, x];
  const probes: FilterProbe[] = [];
  for (const path of TYPE[type].bureauPaths) {
    const at = path.join('.');
    probes.push({ name: `${at} id = ${peer.code}`, filters: nest(path, { id: { $eq: peer.id } }), expect: 'intersect' });
    for (const other of others) {
      probes.push({ name: `${at} code = ${other.code}`, filters: nest(path, { code: { $eq: other.code } }), expect: 'intersect' });
    }
    probes.push({
      name: `${at} id in (own, ${others.map((o) => o.code).join(', ')})`,
      filters: nest(path, { id: { $in: [own.id, ...others.map((o) => o.id)] } }),
      expect: 'intersect',
    });
    probes.push({
      name: `$or [${at} code = ${peer.code}, id > 0]`,
      filters: { $or: [nest(path, { code: { $eq: peer.code } }), { id: { $gt: 0 } }] },
      expect: 'visible',
    });
    probes.push({ name: `$not ${at} id = own`, filters: { $not: nest(path, { id: { $eq: own.id } }) }, expect: 'intersect' });
    // (through a scoped record, e.g. a minute's meeting, an absent relation and an unreadable one may differ)
    if (path.length === 1) probes.push({ name: `${at} id is null`, filters: nest(path, { id: { $null: true } }), expect: 'intersect' });
  }
  const unreadable = [...world.all[type]].filter((id) => !world.visible[who][type].has(id));
  if (unreadable.length) {
    probes.push({ name: 'documentId in (unreadable records)', filters: { documentId: { $in: unreadable.slice(0, 20) } }, expect: 'none' });
    probes.push({
      name: '$or [documentId = unreadable, id < 0]',
      filters: { $or: [{ documentId: { $eq: unreadable[0] } }, { id: { $lt: 0 } }] },
      expect: 'none',
    });
  }
  probes.push({ name: 'id > 0', filters: { id: { $gt: 0 } }, expect: 'visible' });
  return probes;
}

/** The expected documentIds of a probe for a caller. */
export async function probeExpectation(app: TestApp, world: World, who: ScopedKey, type: TypeKey, probe: FilterProbe) {
  const visible = world.visible[who][type];
  if (probe.expect === 'none') return new Set<string>();
  if (probe.expect === 'visible') return new Set(visible);
  const matching = await platformMatching(app, type, probe.filters);
  return new Set([...visible].filter((id) => matching.has(id)));
}

/** The relations of a type that point at a scoped type: field → target type. */
export function scopedRelations(app: TestApp, type: TypeKey): Array<{ field: string; target: TypeKey; many: boolean }> {
  const byUid = new Map(TYPES.map((spec) => [spec.uid, spec.key]));
  const attributes = app.strapi.getModel(TYPE[type].uid as any).attributes as Record<string, Json>;
  return Object.entries(attributes)
    .filter(([field, attribute]) => attribute.type === 'relation' && byUid.has(attribute.target) && field !== 'localizations')
    .map(([field, attribute]) => ({
      field,
      target: byUid.get(attribute.target)!,
      many: /ToMany$/.test(attribute.relation),
    }));
}

/** What a populated relation of a record should show a caller: the related records it may read. */
export async function expectedRelated(app: TestApp, world: World, who: ScopedKey, type: TypeKey, documentId: string, field: string, target: TypeKey) {
  const related = await platformRelated(app, type, documentId, field);
  return related.filter((id) => world.visible[who][target].has(id)).sort();
}
