/** Paths inside the admin router (its basename is /admin). */
export const editViewPath = (uid: string, documentId: string) =>
  `/content-manager/collection-types/${uid}/${documentId}`;

export const createViewPath = (uid: string) => `/content-manager/collection-types/${uid}/create`;

export const RULE_UID = 'plugin::deadlines.rule';
export const OVERRIDE_UID = 'plugin::deadlines.calendar-override';

/** The content manager's admin API for one collection type. */
export const cmCollectionUrl = (uid: string) => `/content-manager/collection-types/${uid}`;

export const INBOX_PATH = '/plugins/deadlines';
export const SETTINGS_PATHS = {
  rules: 'deadlines/rules',
  calendar: 'deadlines/calendar',
  monthlyReports: 'deadlines/monthly-reports',
  webhooks: 'deadlines/webhooks',
} as const;
