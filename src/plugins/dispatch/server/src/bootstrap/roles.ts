import type { Core } from '@strapi/strapi';
import { grantOnce } from '../../../../../utils/grants';
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
  'plugin::dispatch.finance-indicator-import.find',
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

/** Grants the plugin's permissions to the seeded roles, each (role, action) once. */
export const grantRoles = (strapi: Core.Strapi) =>
  grantOnce(strapi, 'dispatch', {
    admin: ADMIN_GRANTS,
    user: Object.fromEntries(USER_TYPES.map((type) => [type, [...API_ACTIONS, ...(API_ACTIONS_OF[type] ?? [])]])),
  });
