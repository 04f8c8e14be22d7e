export const MEMBERSHIP = 'plugin::bureau-views.membership';
export const USER = 'plugin::users-permissions.user';
export const ROLE = 'plugin::users-permissions.role';
export const BUREAU = 'api::bureau.bureau';

/** Role codes (admin) and types (users-permissions) of the four kinds of people. */
export const BUREAU_ROLES = {
  admin: { office: ['strapi-super-admin', 'office'], department: 'department', town: 'town', leader: 'leader' },
  user: { office: 'office', department: 'department', town: 'town', leader: 'leader' },
} as const;
