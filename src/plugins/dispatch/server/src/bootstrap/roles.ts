import type { Core } from '@strapi/strapi';
import { EXPORTS_READ, FIGURES_READ, IMPORTS_CREATE, RECYCLE_BIN_MANAGE } from '../permissions';

/** Who may do what in the admin panel: figures for the office and the leaders; exports for everyone (scoped). */
const ADMIN_GRANTS: Record<string, string[]> = {
  office: [FIGURES_READ, EXPORTS_READ, IMPORTS_CREATE, RECYCLE_BIN_MANAGE],
  // 区工信局 and 区金融监管局 import their records; the scope refuses any other department's rows
  department: [EXPORTS_READ, IMPORTS_CREATE],
  town: [EXPORTS_READ],
  leader: [FIGURES_READ, EXPORTS_READ],
};

/** users-permissions roles (by type) that may call the API; every answer is scoped to the caller's bureau. */
const API_ACTIONS = [
  'plugin::dispatch.figures.find',
  'plugin::dispatch.ranking.find',
  'plugin::dispatch.ledger.find',
  'plugin::dispatch.problem-list-export.find',
  'plugin::dispatch.minute-export.find',
  'plugin::dispatch.bulletin-export.find',
  'plugin::dispatch.dishonesty-list-export.find',
  // 督办单 (.docx)
  'plugin::dispatch.supervision-notice-export.find',
  // 首席代表集中办公
  'plugin::dispatch.co-working.find',
];
const USER_TYPES = ['office', 'department', 'town', 'leader'];
/** Imports write records a lead bureau keeps: the office's and the departments' users-permissions roles. */
const IMPORT_API_ACTIONS = [
  'plugin::dispatch.land-evaluation-import.find',
  'plugin::dispatch.land-evaluation-import.create',
  'plugin::dispatch.finance-indicator-import.create',
];
/** Actions of some roles only: imports for the office and the departments, the reports to the city for the office and the leaders. */
const API_ACTIONS_OF: Record<string, string[]> = {
  office: [
    ...IMPORT_API_ACTIONS,
    'plugin::dispatch.upward-reports-export.find',
    // 回收站: the office alone lists and restores deleted records
    'plugin::dispatch.deleted-records.find',
    'plugin::dispatch.deleted-records.restore',
  ],
  department: IMPORT_API_ACTIONS,
  leader: ['plugin::dispatch.upward-reports-export.find'],
};

/**
 * Grants the plugin's permissions to the seeded roles, each (role, action) once — remembered in the plugin store,
 * so the office can take one away again, and an action added in a later version still reaches existing roles.
 * Called by the application's bootstrap after the roles are seeded.
 */
export async function grantRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'dispatch', key: 'granted' });
  const granted = new Set(((await store.get({})) as string[] | null) ?? []);
  const held = (role: { permissions?: Array<{ action: string }> }) => new Set((role.permissions ?? []).map((permission) => permission.action));

  for (const [code, actions] of Object.entries(ADMIN_GRANTS)) {
    const due = actions.filter((action) => !granted.has(`admin:${code}:${action}`));
    if (!due.length) continue;
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const has = held(role);
    const missing = due.filter((action) => !has.has(action));
    if (missing.length) await strapi.service('admin::role').addPermissions(role.id, missing.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
    for (const action of due) granted.add(`admin:${code}:${action}`);
  }

  for (const type of USER_TYPES) {
    const due = [...API_ACTIONS, ...(API_ACTIONS_OF[type] ?? [])].filter((action) => !granted.has(`user:${type}:${action}`));
    if (!due.length) continue;
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const has = held(role);
    for (const action of due.filter((candidate) => !has.has(candidate))) {
      await strapi.documents('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } as any });
    }
    for (const action of due) granted.add(`user:${type}:${action}`);
  }

  await store.set({ value: [...granted] });
}
