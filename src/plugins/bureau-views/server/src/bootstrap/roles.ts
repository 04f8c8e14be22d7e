import type { Core } from '@strapi/strapi';
import { CONDITIONS } from '../conditions';
import { ROLE } from '../uids';

type Row = Record<string, any>;
type Kind = 'office' | 'department' | 'town' | 'leader';

/** The records a department or town works on; everything else (reference data, meetings) it only reads. */
const WORKFLOW = [
  'api::project.project',
  'api::pre-assessment.pre-assessment',
  'api::opinion.opinion',
  'api::problem.problem',
  'api::task.task',
  'api::progress-report.progress-report',
  'api::monthly-report.monthly-report',
  'api::pledge.pledge',
  'api::meeting.meeting',
  'api::minute.minute',
  // 专项督查与督办单
  'api::inspection.inspection',
  'api::supervision-notice.supervision-notice',
];
const REFERENCE = [
  'api::bureau.bureau',
  'api::enterprise.enterprise',
  'api::expert.expert',
  'api::problem-list.problem-list',
  'api::bulletin.bulletin',
  'api::responsibility-matrix.responsibility-matrix',
  // 首席代表集中办公: planned and marked by the office, read by every unit
  'api::co-working-day.co-working-day',
];
const DEADLINE_RECORDS = ['plugin::deadlines.deadline', 'plugin::deadlines.notification', 'plugin::deadlines.extension'];
/**
 * Records one department keeps for the district (亩产效益, credit, financial warnings; see LEADS in the policy):
 * the department role may read and change them, and the scope leaves each type to its lead bureau alone.
 */
const LEAD_RECORDS = [
  'api::land-evaluation.land-evaluation',
  'api::credit-record.credit-record',
  'api::finance-indicator.finance-indicator',
  'api::finance-warning.finance-warning',
  'api::finance-warning-rule.finance-warning-rule',
];

/** How a lead bureau's records are worked out (亩产效益评价设置): read with them, set by the office. */
const LEAD_SETTINGS = ['api::land-evaluation-setting.land-evaluation-setting'];

/** 向上报送: the office's reports to the city (leaders read them) and their settings (the office alone). */
const OFFICE_RECORDS = ['api::upward-report.upward-report', 'api::upward-setting.upward-setting'];
const LEADER_READS = ['api::upward-report.upward-report'];

/** The records an applicant unit (town, zone, task force) keeps itself. */
const APPLICANT_RECORDS = [
  'api::project.project',
  'api::pre-assessment.pre-assessment',
  'api::progress-report.progress-report',
  'api::problem.problem',
  'api::monthly-report.monthly-report',
  'api::pledge.pledge',
];

/** 督办单: a department or town replies to the notices sent to it (the record rule keeps the review to the office). */
const NOTICE = 'api::supervision-notice.supervision-notice';

/** What each kind of bureau creates and changes (always within its scope, see the README's table). */
const RIGHTS: Record<'department' | 'town', { create: string[]; update: string[] }> = {
  department: {
    create: ['api::problem.problem', 'api::monthly-report.monthly-report', 'api::pledge.pledge', 'plugin::deadlines.extension', ...LEAD_RECORDS],
    update: ['api::opinion.opinion', 'api::problem.problem', 'api::task.task', 'api::monthly-report.monthly-report', 'api::pledge.pledge', 'plugin::deadlines.notification', 'plugin::deadlines.extension', ...LEAD_RECORDS, NOTICE],
  },
  town: {
    create: [...APPLICANT_RECORDS, 'api::enterprise.enterprise', 'plugin::deadlines.extension'],
    update: [...APPLICANT_RECORDS, 'plugin::deadlines.notification', 'plugin::deadlines.extension', NOTICE],
  },
};

const ROLES: Array<{ kind: Kind; name: string; description: string }> = [
  { kind: 'office', name: '办公室', description: '区重大项目协调办公室：全部记录、全部设置' },
  { kind: 'department', name: '区直部门', description: '区直部门：本单位的意见、问题、任务及相关项目' },
  { kind: 'town', name: '镇街/经开区/专班', description: '申报单位：本单位的项目及其全部记录' },
  { kind: 'leader', name: '区领导', description: '区领导：只读，全部记录与看板' },
];

const CM = (action: string) => `plugin::content-manager.explorer.${action}`;

/**
 * Admin roles (codes office, department, town, leader), seeded once: the office edits them afterwards. A record type
 * added in a later version reaches roles seeded earlier once, with what a new role would get for it.
 */
async function seedAdminRoles(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role');
  const permissions = strapi.service('admin::permission');
  const contentTypes = strapi.service('admin::content-type');
  const actions: Row[] = permissions.actionProvider.values();
  const isContentTypeAction = (action: Row) => action.section === 'contentTypes';
  /** A content-manager permission with every field of the type, as the roles page would save it. */
  const withFields = (action: string, subject: string, conditions: string[] = []): Row | null => {
    const definition = actions.find((candidate) => candidate.actionId === action);
    if (!definition || !strapi.contentTypes[subject as keyof typeof strapi.contentTypes]) return null;
    const [permission] = contentTypes.getPermissionsWithNestedFields([{ ...definition, subjects: [subject] }]);
    return { ...permission, conditions };
  };

  const grant = (kind: Kind): Row[] => {
    if (kind === 'office') {
      const all = contentTypes.getPermissionsWithNestedFields(actions.filter(isContentTypeAction));
      const others = actions
        .filter((action) => !isContentTypeAction(action))
        .flatMap((action) => (Array.isArray(action.subjects) ? action.subjects.map((subject: string) => ({ action: action.actionId, subject })) : [{ action: action.actionId }]));
      return [...all, ...others];
    }
    const readable = [...WORKFLOW, ...LEAD_RECORDS, ...LEAD_SETTINGS, ...DEADLINE_RECORDS, ...REFERENCE];
    if (kind === 'leader') return [...readable, ...LEADER_READS].map((subject) => withFields(CM('read'), subject)).filter(Boolean) as Row[];
    const rights = RIGHTS[kind];
    // towns keep no district-wide records: the lead records stay out of their menu altogether
    const scoped = kind === 'department' ? [...WORKFLOW, ...LEAD_RECORDS, ...DEADLINE_RECORDS] : [...WORKFLOW, ...DEADLINE_RECORDS];
    return [
      ...scoped.map((subject) => withFields(CM('read'), subject, [CONDITIONS.related])),
      ...(kind === 'department' ? [...REFERENCE, ...LEAD_SETTINGS] : REFERENCE).map((subject) => withFields(CM('read'), subject)),
      ...rights.create.map((subject) => withFields(CM('create'), subject, [CONDITIONS.owned])),
      ...rights.update.map((subject) => withFields(CM('update'), subject, [CONDITIONS.owned])),
    ].filter(Boolean) as Row[];
  };

  const existing: Row[] = await strapi.db
    .query('admin::role')
    .findMany({ where: { code: { $in: ROLES.map((role) => role.kind) } }, populate: { permissions: { select: ['subject'] } } });
  const known = await knownTypes(strapi, 'admin', () => existing.flatMap((role) => (role.permissions ?? []).map((permission: Row) => permission.subject)));
  for (const { kind, name, description } of ROLES) {
    const role = existing.find((candidate) => candidate.code === kind);
    if (!role) {
      const created = await roles.create({ name, code: kind, description });
      await roles.assignPermissions(created.id, grant(kind));
      continue;
    }
    // a role seeded before a record type existed gets that type's permissions once; the rest stays the office's
    const fresh = grant(kind).filter((permission) => permission.subject && !known.has(permission.subject));
    if (fresh.length) await roles.addPermissions(role.id, fresh);
  }
  await rememberTypes(strapi, 'admin');
}

/**
 * The record types the roles were last seeded or topped up with, kept in the plugin store per side (admin, user).
 * A database from before this was kept counts the types its seeded roles hold any permission on: a type none of
 * them has heard of is new.
 */
async function knownTypes(strapi: Core.Strapi, side: 'admin' | 'user', held: () => Array<string | null | undefined>): Promise<Set<string>> {
  const stored = (await typeStore(strapi).get({})) as Record<string, string[]> | null;
  return new Set(stored?.[side] ?? held().filter((uid): uid is string => !!uid));
}

async function rememberTypes(strapi: Core.Strapi, side: 'admin' | 'user') {
  const store = typeStore(strapi);
  const stored = ((await store.get({})) as Record<string, string[]> | null) ?? {};
  await store.set({ value: { ...stored, [side]: Object.keys(strapi.contentTypes).sort() } });
}

const typeStore = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'bureau-views', key: 'seeded-types' });

/** The content type of a users-permissions action (`api::task.task.update` → `api::task.task`). */
const typeOfAction = (action: string) => action.slice(0, action.lastIndexOf('.'));

/** REST actions of a content type: collection types have five, single types three. */
function contentApiActions(strapi: Core.Strapi, uid: string, which: Array<'find' | 'findOne' | 'create' | 'update' | 'delete'>) {
  const kind = strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.kind;
  if (!kind) return [];
  const allowed = kind === 'singleType' ? ['find', 'update', 'delete'] : ['find', 'findOne', 'create', 'update', 'delete'];
  return which.filter((action) => allowed.includes(action)).map((action) => `${uid}.${action}`);
}

/** users-permissions roles of the same four kinds (by `type`), for people who use the REST API. */
async function seedUserRoles(strapi: Core.Strapi) {
  const apiTypes = [...WORKFLOW, ...LEAD_RECORDS, ...LEAD_SETTINGS, ...REFERENCE];
  const actionsOf = (kind: Kind): string[] => {
    const read = apiTypes.flatMap((uid) => contentApiActions(strapi, uid, ['find', 'findOne']));
    const me = ['plugin::users-permissions.user.me'];
    if (kind === 'office') {
      return [...me, ...[...apiTypes, ...OFFICE_RECORDS].flatMap((uid) => contentApiActions(strapi, uid, ['find', 'findOne', 'create', 'update', 'delete']))];
    }
    if (kind === 'leader') return [...me, ...read, ...LEADER_READS.flatMap((uid) => contentApiActions(strapi, uid, ['find', 'findOne']))];
    const rights = RIGHTS[kind];
    return [
      ...me,
      ...read,
      ...rights.create.flatMap((uid) => contentApiActions(strapi, uid, ['create'])),
      ...rights.update.flatMap((uid) => contentApiActions(strapi, uid, ['update'])),
    ];
  };

  const existing: Row[] = await strapi.db
    .query(ROLE)
    .findMany({ where: { type: { $in: ROLES.map((role) => role.kind) } }, populate: { permissions: { select: ['action'] } } });
  const known = await knownTypes(strapi, 'user', () => existing.flatMap((role) => (role.permissions ?? []).map((permission: Row) => typeOfAction(permission.action))));
  for (const { kind, name, description } of ROLES) {
    const found = existing.find((candidate) => candidate.type === kind);
    const role = found ?? (await strapi.documents(ROLE as any).create({ data: { name, description, type: kind } as any }));
    // a new role gets everything; one seeded before a record type existed gets that type's actions once
    const due = found ? actionsOf(kind).filter((action) => !known.has(typeOfAction(action))) : actionsOf(kind);
    for (const action of due) {
      await strapi.documents('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } as any });
    }
  }
  await rememberTypes(strapi, 'user');
}

/** The four roles in the admin panel and in users-permissions; each is seeded once and stays editable (new types topped up once). */
export async function seedRoles(strapi: Core.Strapi) {
  await seedAdminRoles(strapi);
  await seedUserRoles(strapi);
}
