import { SETTINGS_READ, SETTINGS_UPDATE, requires } from '../permissions';

const authenticated = { policies: ['admin::isAuthenticatedAdmin'] };

/**
 * Admin-panel endpoints, served under /deadlines/…: the settings pages need the plugin's permissions (read to look,
 * update to change); the inbox is every signed-in admin's own.
 */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/calendar', handler: 'calendar.days', config: requires(SETTINGS_READ) },
    { method: 'GET', path: '/calendar/settings', handler: 'calendar.settings', config: requires(SETTINGS_READ) },
    { method: 'PUT', path: '/calendar/settings', handler: 'calendar.updateSettings', config: requires(SETTINGS_UPDATE) },
    { method: 'GET', path: '/inbox', handler: 'inbox.list', config: authenticated },
    { method: 'POST', path: '/notifications/:documentId/read', handler: 'inbox.markRead', config: authenticated },
    { method: 'GET', path: '/monthly-reports', handler: 'inbox.monthlyReports', config: requires(SETTINGS_READ) },
  ],
};
