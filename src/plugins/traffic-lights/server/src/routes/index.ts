import { DASHBOARD_READ, SETTINGS_READ, SETTINGS_UPDATE, requires } from '../permissions';

/**
 * Admin panel (/traffic-lights/…): the dashboard needs 查看亮灯管理, the rules page 查看/修改亮灯规则.
 * Content API (/api/traffic-lights/…): for big screens and the city platform, allowed per users-permissions role
 * or API token like every other endpoint, and scoped to the caller's bureau.
 */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/summary', handler: 'summary.find', config: requires(DASHBOARD_READ) },
      { method: 'GET', path: '/projects', handler: 'projects.find', config: requires(DASHBOARD_READ) },
      { method: 'GET', path: '/trend', handler: 'trend.find', config: requires(DASHBOARD_READ) },
      { method: 'GET', path: '/rules', handler: 'rules.find', config: requires(SETTINGS_READ) },
      { method: 'PUT', path: '/rules', handler: 'rules.update', config: requires(SETTINGS_UPDATE) },
    ],
  },
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/summary', handler: 'summary.find', config: {} },
      { method: 'GET', path: '/projects', handler: 'projects.find', config: {} },
      { method: 'GET', path: '/trend', handler: 'trend.find', config: {} },
    ],
  },
};
