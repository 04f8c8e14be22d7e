import { CHANGES_READ, requires, signedIn } from '../permissions';

/**
 * Admin panel (/history/…) and content API (/api/history/…): the search and its export for the office, one record's
 * history for whoever may read the record. Reads only — there is no route that writes a change.
 */
export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/changes', handler: 'changes.find', config: requires(CHANGES_READ) },
      { method: 'GET', path: '/changes/export', handler: 'changes.export', config: requires(CHANGES_READ) },
      { method: 'GET', path: '/records/:uid/:documentId', handler: 'records.find', config: signedIn() },
    ],
  },
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/changes', handler: 'changes.find', config: {} },
      { method: 'GET', path: '/changes/export', handler: 'changes.export', config: {} },
      { method: 'GET', path: '/records/:uid/:documentId', handler: 'records.find', config: {} },
    ],
  },
};
