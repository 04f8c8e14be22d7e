/** Paths inside the admin router (its basename is /admin). */
export const PROJECT_UID = 'api::project.project';

export const editViewPath = (uid: string, documentId: string) =>
  `/content-manager/collection-types/${uid}/${documentId}`;

export const DASHBOARD_PATH = '/plugins/traffic-lights';
export const SETTINGS_PATHS = { rules: 'traffic-lights/rules' } as const;
