const authenticated = { policies: ['admin::isAuthenticatedAdmin'] };

/** Admin-panel endpoints, served under /deadlines/…: the calendar page, the inbox, monthly report status. */
export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/calendar', handler: 'calendar.days', config: authenticated },
    { method: 'GET', path: '/calendar/settings', handler: 'calendar.settings', config: authenticated },
    { method: 'PUT', path: '/calendar/settings', handler: 'calendar.updateSettings', config: authenticated },
    { method: 'GET', path: '/inbox', handler: 'inbox.list', config: authenticated },
    { method: 'POST', path: '/notifications/:documentId/read', handler: 'inbox.markRead', config: authenticated },
    { method: 'GET', path: '/monthly-reports', handler: 'inbox.monthlyReports', config: authenticated },
  ],
};
