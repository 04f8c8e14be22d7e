import { IMPORTS_CREATE, requires } from '../permissions';

/**
 * 导入: a year's 亩产效益评价 from the third party's workbook (POST, multipart `file` + `year`), and its template (GET).
 * Admin panel (/dispatch/imports/…): needs 导入数据; content API (/api/dispatch/imports/…): allowed per
 * users-permissions role or API token.
 */
const PATH = '/imports/land-evaluations';

export const admin = [
  { method: 'GET', path: PATH, handler: 'land-evaluation-import.find', config: requires(IMPORTS_CREATE) },
  { method: 'POST', path: PATH, handler: 'land-evaluation-import.create', config: requires(IMPORTS_CREATE) },
];
export const contentApi = [
  { method: 'GET', path: PATH, handler: 'land-evaluation-import.find', config: {} },
  { method: 'POST', path: PATH, handler: 'land-evaluation-import.create', config: {} },
];
