import { RECYCLE_BIN_MANAGE, requires } from '../permissions';

/**
 * 回收站: the deleted workflow records (GET, `uid`, `q`, `restored`, `page`, `pageSize`) and their restore (POST). Admin
 * panel (/dispatch/deleted-records…): needs 回收站; content API (/api/dispatch/deleted-records…): granted to the
 * office's users-permissions role (and full-access tokens), and checked again as the office in the controller.
 */
const ROUTES = [
  { method: 'GET', path: '/deleted-records', handler: 'deleted-records.find' },
  { method: 'POST', path: '/deleted-records/:documentId/restore', handler: 'deleted-records.restore' },
];

export const admin = ROUTES.map((route) => ({ ...route, config: requires(RECYCLE_BIN_MANAGE) }));
export const contentApi = ROUTES.map((route) => ({ ...route, config: {} }));
