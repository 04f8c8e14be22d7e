import { IMPORTS_CREATE, requires } from '../permissions';

/**
 * 导入: a year's 亩产效益评价 from the third party's workbook (POST, multipart `file` + `year`) and its template (GET);
 * a sheet of 金融预警指标 (POST, multipart `file`) and its template (GET). Admin panel (/dispatch/imports/…): needs 导入数据; content API
 * (/api/dispatch/imports/…): allowed per users-permissions role or API token. The records are written as the caller,
 * so only the bureau that keeps them (or the office) imports them.
 */
const ROUTES = [
  { method: 'GET', path: '/imports/land-evaluations', handler: 'land-evaluation-import.find' },
  { method: 'POST', path: '/imports/land-evaluations', handler: 'land-evaluation-import.create' },
  { method: 'GET', path: '/imports/finance-indicators', handler: 'finance-indicator-import.find' },
  { method: 'POST', path: '/imports/finance-indicators', handler: 'finance-indicator-import.create' },
];

export const admin = ROUTES.map((route) => ({ ...route, config: requires(IMPORTS_CREATE) }));
export const contentApi = ROUTES.map((route) => ({ ...route, config: {} }));
