import { EXPORTS_READ, requires } from '../permissions';

/**
 * 导出: the project ledger, a problem list, a minute and a bulletin, as files. Admin panel (/dispatch/exports/…):
 * needs 导出; content API (/api/dispatch/exports/…): allowed per users-permissions role or API token. Every record
 * read is scoped to the caller's bureau; a record out of scope is a 404.
 */
const ROUTES = [
  { path: '/exports/ledger', handler: 'ledger.find' },
  { path: '/exports/problem-lists/:documentId', handler: 'problem-list-export.find' },
  { path: '/exports/minutes/:documentId', handler: 'minute-export.find' },
  { path: '/exports/bulletins/:documentId', handler: 'bulletin-export.find' },
  { path: '/exports/dishonesty-list', handler: 'dishonesty-list-export.find' },
  { path: '/exports/upward-reports', handler: 'upward-reports-export.find' },
  // 督办单 (.docx)
  { path: '/exports/supervision-notices/:documentId', handler: 'supervision-notice-export.find' },
];

export const admin = ROUTES.map((route) => ({ method: 'GET', ...route, config: requires(EXPORTS_READ) }));
export const contentApi = ROUTES.map((route) => ({ method: 'GET', ...route, config: {} }));
